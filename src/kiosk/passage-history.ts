// Earlier passages of one pass: this device's outbox (always, offline too) and, when online,
// the portal's route of the pass (passages at other checkpoints, best effort, short timeout).
import { fetchPassRoute } from '../api/routes';
import { manualCode as manualCodeOf } from '../core/manual-code';
import type { KioskStore } from '../store/kiosk/kiosk-store';
import type { StoredPassage } from '../store/kiosk/db';
import type { PriorPassage } from './checkpoint-rules';

/** The part of the KioskStore the history reads (a fake in Node tests). */
export type HistoryStore = Pick<KioskStore, 'passagesOfPass' | 'recentPassages'>;

/** A pass as the checkpoint knows it: its id when read from a QR code, and its manual code. */
export interface PassKey {
  readonly passId?: string;
  readonly manualCode: string;
}

/**
 * How many of the newest outbox records are searched by manual code (the store indexes pass
 * ids only; a typed code is matched against hand-typed records and against the manual code of
 * each scanned pass id).
 */
export const MANUAL_CODE_WINDOW = 1000;

function fromStored(r: StoredPassage): PriorPassage {
  // `at` is device time; with the trusted-minus-device skew recorded beside it, this is trusted time.
  const trusted = Date.parse(r.at) + (r.clockSkewMs ?? 0);
  const at = r.clockSkewMs && Number.isFinite(trusted) ? new Date(trusted).toISOString() : r.at;
  return { id: r.id, at, checkpointId: r.checkpointId, direction: r.direction, decision: r.decision, verdictStatus: r.verdictStatus, source: 'local', ...(r.amends !== undefined && { amends: r.amends }) };
}

function sameCode(r: StoredPassage, code: string): boolean {
  return r.manualCode === code || (r.passId !== undefined && manualCodeOf(r.passId) === code);
}

/** Passages of this pass in the outbox: by pass id, and recent ones by its manual code. */
export async function localPriorPassages(store: HistoryStore, key: PassKey): Promise<PriorPassage[]> {
  const [byId, recent] = await Promise.all([
    key.passId !== undefined ? store.passagesOfPass(key.passId) : Promise.resolve([]),
    store.recentPassages(MANUAL_CODE_WINDOW),
  ]);
  return [...byId, ...recent.filter((r) => sameCode(r, key.manualCode))].map(fromStored);
}

/** Origin and destination unit codes of the newest recent outbox record of this manual code. */
export async function unitsForManualCode(store: HistoryStore, code: string): Promise<{ originUnit: string; destinationUnit: string } | undefined> {
  const last = (await store.recentPassages(MANUAL_CODE_WINDOW)).find((r) => sameCode(r, code));
  return last && { originUnit: last.originUnit, destinationUnit: last.destinationUnit };
}

/** The portal's passages of this pass (other checkpoints and devices); [] on any failure. */
export async function portalPriorPassages(apiBase: string, passId: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<PriorPassage[]> {
  try {
    const route = await fetchPassRoute(apiBase, passId, { timeoutMs: options.timeoutMs, signal: options.signal });
    return (route?.passages ?? []).map((p) => ({
      id: p.id, at: p.at, checkpointId: p.checkpointId, direction: p.direction, decision: p.decision, verdictStatus: p.verdictStatus, source: 'portal' as const,
    }));
  } catch {
    // Best effort only: offline, slow or failing portals must never hold up the checkpoint.
    return [];
  }
}

/** The pass key of a pass id (its manual code is derived from it). */
export function passKey(passId: string): PassKey {
  return { passId, manualCode: manualCodeOf(passId) };
}
