// The banners above <ck-checkpoint>'s screen: configuration and data problems, stale trust (with
// its acknowledgement), and a device clock that disagrees with the trusted one.
import { html, nothing, type TemplateResult } from 'lit';
import { currentAcknowledgement } from '../../core/trust-acknowledgement';
import { formatDuration } from '../ck-sync-status/format';
import type { CheckpointMessages } from './ck-checkpoint.messages';
import type { KioskController, KioskProblem } from './kiosk-controller';
import { staleTrustBanner } from './stale-trust-banner';

export interface ProblemContext {
  readonly m: CheckpointMessages;
  readonly lang: 'vi' | 'en';
  readonly kiosk: KioskController;
  readonly officerId: string;
  /** The acknowledgement is being saved. */
  readonly busy: boolean;
  readonly anchorFailed: boolean;
  onAcknowledge(): void;
}

export function problemBanners(c: ProblemContext): TemplateResult[] {
  const { m, lang, kiosk } = c;
  const out: TemplateResult[] = [];
  const problem = (code: KioskProblem | 'no-trust' | 'anchor-failed' | 'no-officer' | 'clock', text: string, severe = true) =>
    out.push(html`<p part="problem" class="problem ${severe ? 'severe' : ''}" role="alert" data-problem=${code}><span class="icon" aria-hidden="true">⚠</span> ${text}</p>`);
  const kioskProblem = kiosk.problem;
  if (kioskProblem) problem(kioskProblem, m.problems[kioskProblem]);
  if (!c.officerId) problem('no-officer', `${m.officer}: ${m.notSet}`);
  if (c.anchorFailed) problem('anchor-failed', m.problems['anchor-failed']);
  const trust = kiosk.trust;
  const clock = kiosk.clock.read();
  if (trust === null) problem('no-trust', m.problems['no-trust']);
  // Age counted from the bundle's signed issuedAt on the trusted clock (never from its receipt).
  const banner = staleTrustBanner({
    gate: kiosk.staleGate(), bundle: trust?.bundle, now: clock.now, busy: c.busy,
    acknowledgement: trust ? currentAcknowledgement(kiosk.trustAcks, trust.bundle) : undefined,
    onAcknowledge: c.onAcknowledge,
  }, m.staleTrust, lang);
  if (banner !== nothing) out.push(banner);
  if (clock.exceeded) {
    const drift = clock.driftMs !== null && clock.sinceServerMs !== null ? { drift: formatDuration(clock.driftMs, lang), since: formatDuration(clock.sinceServerMs, lang) } : null;
    problem('clock', m.clockProblem(formatDuration(Math.abs(clock.skewMs), lang), clock.skewMs < 0, drift), false);
  }
  return out;
}
