// The officer's-screen rules, free of DOM and storage so they are testable alone: which flags a
// scanned pass raises (risk area, health answers, earlier passages, trust and clock state), and
// the decision recorded automatically while a car's passengers are scanned one after another.
import type { Declaration, Symptom } from '../core/declaration';
import type { OfficerDecision, PassageDirection } from '../core/passage-record';
import { findRiskArea, type RiskArea } from '../core/trust-bundle';
import type { PassStatus } from '../core/verdict-types';

/** `verdictStatus` of a passage typed in by manual code: nothing was verified cryptographically. */
export const MANUAL_VERDICT_STATUS = 'unverified-manual';

/** An earlier passage of the same pass: from this device's outbox or from the portal's route. */
export interface PriorPassage {
  readonly id: string;
  /** ISO 8601. */
  readonly at: string;
  readonly checkpointId: string;
  readonly direction: PassageDirection;
  readonly decision: OfficerDecision;
  readonly verdictStatus: string;
  readonly source: 'local' | 'portal';
  /** For a local follow-up record: the id of the passage it amends. */
  readonly amends?: string;
}

export type Flag =
  | { readonly code: 'risk-area'; readonly area: RiskArea }
  | { readonly code: 'symptoms'; readonly symptoms: readonly Symptom[] }
  | { readonly code: 'contact' }
  | { readonly code: 'positive-test'; readonly date: string }
  | { readonly code: 'double-in'; readonly prior: PriorPassage }
  | { readonly code: 'recent-passage'; readonly prior: PriorPassage }
  /** The portal knows a passage here, this way, within the re-scan window, from another device. */
  | { readonly code: 'recorded-here'; readonly prior: PriorPassage }
  | { readonly code: 'stale-trust' }
  | { readonly code: 'clock-skew'; readonly skewMs: number };

export type FlagCode = Flag['code'];

/** How far in the future a passage may be dated and still count as a re-scan. */
export const DEFAULT_FUTURE_TOLERANCE_MS = 60_000;

/** What the pass itself says that the officer must check: origin in a risk area, health answers. */
export function passFlags(declaration: Declaration, riskAreas: readonly RiskArea[]): Flag[] {
  const flags: Flag[] = [];
  const area = findRiskArea({ riskAreas }, declaration.origin);
  if (area) flags.push({ code: 'risk-area', area });
  const health = declaration.health;
  if (health.testResult?.result === 'positive') flags.push({ code: 'positive-test', date: health.testResult.date });
  if (health.symptoms.length > 0) flags.push({ code: 'symptoms', symptoms: health.symptoms });
  if (health.contactWithCase) flags.push({ code: 'contact' });
  return flags;
}

export interface HistoryContext {
  readonly now: number;
  readonly checkpointId: string;
  readonly direction: PassageDirection;
  /** The verdict of this scan: a re-scan must have had the same verdict (a forged copy of a pass
   * just recorded is a new event, not a repeat). */
  readonly verdictStatus: string;
  /** A passage at this checkpoint in this direction this recently is the same passage again. */
  readonly rescanWindowMs: number;
  /** How far ahead of `now` a passage may be dated and still count as a re-scan (default 60 s). */
  readonly futureToleranceMs?: number;
  /** A passage elsewhere or the other way this recently is flagged. */
  readonly recentWindowMs: number;
  /**
   * Records of one pass at one checkpoint and direction this close together count as one
   * passage: the later ones are the officer's amendments (records are immutable, so a changed
   * decision is a follow-up record).
   */
  readonly amendWindowMs: number;
}

export interface HistoryCheck {
  /** Set when this scan repeats a passage just recorded here: it must not be recorded again. */
  readonly rescanOf: PriorPassage | undefined;
  readonly flags: Flag[];
}

/** Flags from earlier passages of the same pass (any order, duplicates by id allowed). */
export function checkHistory(prior: readonly PriorPassage[], context: HistoryContext): HistoryCheck {
  const byId = new Map<string, PriorPassage>();
  for (const p of prior) if (!byId.has(p.id) || p.source === 'local') byId.set(p.id, p);
  const sorted = [...byId.values()]
    .filter((p) => Number.isFinite(Date.parse(p.at)))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id));

  // Only this device's own records may suppress a record: a passage the portal knows of may come
  // from any registered device, and a traveller who can post one must not be able to stop the
  // kiosk from recording them. Only inside [now − window, now + tolerance]: a passage dated in
  // the future never suppresses a record.
  const tolerance = context.futureToleranceMs ?? DEFAULT_FUTURE_TOLERANCE_MS;
  const rescanOf = sorted.findLast((p) => {
    const age = context.now - Date.parse(p.at);
    return p.source === 'local' && p.checkpointId === context.checkpointId && p.direction === context.direction
      && p.verdictStatus === context.verdictStatus && age < context.rescanWindowMs && age >= -tolerance;
  });

  const passages: PriorPassage[] = [];
  for (const p of sorted) {
    const last = passages.at(-1);
    const amendment = last && last.checkpointId === p.checkpointId && last.direction === p.direction
      && Date.parse(p.at) - Date.parse(last.at) < context.amendWindowMs;
    if (amendment) passages[passages.length - 1] = p;
    else passages.push(p);
  }

  const flags: Flag[] = [];
  if (!rescanOf) {
    // Recorded here moments ago by another device: recorded again (never suppressed), but said.
    const here = sorted.findLast((p) => {
      const age = context.now - Date.parse(p.at);
      return p.source === 'portal' && p.checkpointId === context.checkpointId && p.direction === context.direction && age < context.rescanWindowMs && age >= -tolerance;
    });
    if (here) flags.push({ code: 'recorded-here', prior: here });
  }
  if (context.direction === 'in') {
    const lastHere = passages.findLast((p) => p.checkpointId === context.checkpointId);
    if (lastHere?.direction === 'in' && lastHere !== rescanOf) flags.push({ code: 'double-in', prior: lastHere });
  }
  const recent = passages.findLast(
    (p) => context.now - Date.parse(p.at) < context.recentWindowMs && (p.checkpointId !== context.checkpointId || p.direction !== context.direction),
  );
  if (recent) flags.push({ code: 'recent-passage', prior: recent });
  return { rescanOf, flags };
}

/**
 * The decision recorded at scan time, so a car's passengers flow without a key press in
 * between: `allow` only for a valid pass with no flag at all, `refer` for everything else (the
 * officer looks and amends with allow/deny/refer, which appends a follow-up record).
 */
export function automaticDecision(status: PassStatus, flags: readonly Flag[]): OfficerDecision {
  return status === 'valid' && flags.length === 0 ? 'allow' : 'refer';
}
