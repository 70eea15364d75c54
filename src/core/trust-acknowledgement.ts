// The stale-trust gate of a kiosk, free of DOM and storage. A trust bundle older than the
// kiosk's maximum age (counted from its signed issuedAt) or past its expiresAt is stale: a
// revocation issued since may be missing. On stale trust no pass is 'valid' and nothing is
// allowed automatically until the officer has explicitly acknowledged that this very bundle
// (sequence and issuedAt) is old. The acknowledgement is logged and ends by itself when a
// fresher bundle arrives. It holds no personal data: times and bundle identity only.
import type { PassStatus, PassWarning } from './verdict-types';

/** The identity and dates of a held trust bundle (as signed). */
export interface BundleStamp {
  readonly sequence: number;
  /** ISO 8601. */
  readonly issuedAt: string;
  /** ISO 8601. */
  readonly expiresAt: string;
}

/** One officer acknowledgement of a stale bundle, as logged on the kiosk. */
export interface TrustAcknowledgement {
  /** ISO 8601, on the kiosk's trusted clock. */
  readonly acknowledgedAt: string;
  /** The bundle acknowledged. */
  readonly sequence: number;
  readonly issuedAt: string;
  /** ISO 8601: when a fresher bundle arrived and ended it. */
  readonly endedAt?: string;
}

/** Log entries kept on the device (oldest dropped first). */
export const MAX_ACKNOWLEDGEMENTS = 50;

/**
 * fresh: the bundle is within its age and validity.
 * needs-ack: stale, not acknowledged — verdicts are flagged, never 'valid', never auto-allowed.
 * acknowledged: stale, and the officer acknowledged this bundle.
 */
export type StaleTrustGate = 'fresh' | 'needs-ack' | 'acknowledged';

/** Stale when older than `maxAgeMs` from issuedAt at `nowMs`, or past expiresAt; an unreadable date is stale. */
export function isTrustStale(bundle: BundleStamp, nowMs: number, maxAgeMs: number): boolean {
  const issued = Date.parse(bundle.issuedAt);
  const expires = Date.parse(bundle.expiresAt);
  if (!Number.isFinite(issued) || !Number.isFinite(expires)) return true;
  return nowMs - issued > maxAgeMs || nowMs > expires;
}

/** The acknowledgement that covers this bundle (same sequence and issuedAt, not ended), if any. */
export function currentAcknowledgement(log: readonly TrustAcknowledgement[], bundle: BundleStamp): TrustAcknowledgement | undefined {
  return log.findLast((a) => a.endedAt === undefined && a.sequence === bundle.sequence && a.issuedAt === bundle.issuedAt);
}

export function staleTrustGate(bundle: BundleStamp, log: readonly TrustAcknowledgement[], nowMs: number, maxAgeMs: number): StaleTrustGate {
  if (!isTrustStale(bundle, nowMs, maxAgeMs)) return 'fresh';
  return currentAcknowledgement(log, bundle) ? 'acknowledged' : 'needs-ack';
}

/**
 * The status the kiosk shows and records for a verdict. A valid pass on stale trust that the
 * officer has not acknowledged is 'stale-trust' (the verifier's warning or the gate says stale).
 */
export function gatedStatus(status: PassStatus, warnings: readonly PassWarning[], gate: StaleTrustGate): PassStatus {
  const stale = gate !== 'fresh' || warnings.includes('stale-trust');
  return status === 'valid' && stale && gate !== 'acknowledged' ? 'stale-trust' : status;
}

/** Whether a scan is flagged for stale trust (no automatic allow): stale and not acknowledged. */
export function staleTrustFlagged(warnings: readonly PassWarning[], gate: StaleTrustGate): boolean {
  return gate === 'needs-ack' || (gate === 'fresh' && warnings.includes('stale-trust'));
}

/**
 * The log with a new acknowledgement of `bundle` at `atMs`. Refused (undefined) unless the bundle
 * is stale at that time: an acknowledgement is never recorded for fresh trust.
 */
export function acknowledge(
  log: readonly TrustAcknowledgement[],
  bundle: BundleStamp,
  atMs: number,
  maxAgeMs: number,
): TrustAcknowledgement[] | undefined {
  if (!Number.isFinite(atMs) || !isTrustStale(bundle, atMs, maxAgeMs)) return undefined;
  if (currentAcknowledgement(log, bundle)) return [...log];
  const entry: TrustAcknowledgement = { acknowledgedAt: new Date(atMs).toISOString(), sequence: bundle.sequence, issuedAt: bundle.issuedAt };
  return [...log, entry].slice(-MAX_ACKNOWLEDGEMENTS);
}

/** The log after a bundle was stored: every open acknowledgement of an older bundle ends at `atMs`. */
export function endAcknowledgements(log: readonly TrustAcknowledgement[], stored: BundleStamp, atMs: number): TrustAcknowledgement[] {
  const at = new Date(Number.isFinite(atMs) ? atMs : Date.now()).toISOString();
  const newer = (a: TrustAcknowledgement) => stored.sequence > a.sequence || (stored.sequence === a.sequence && stored.issuedAt !== a.issuedAt);
  return log.map((a) => (a.endedAt === undefined && newer(a) ? { ...a, endedAt: at } : a));
}
