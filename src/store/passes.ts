// Kept passes: shown with no network, also after a reload.

import { liveQuery } from 'dexie';
import type { CitizenDb, KeptPass } from './citizen-db';
import { guard } from './errors';

export function keepPass(db: CitizenDb, pass: { passId: string; qrText: string; validUntil?: number }, now = Date.now()): Promise<KeptPass> {
  return guard(async () => {
    const record: KeptPass = { passId: pass.passId, qrText: pass.qrText, keptAt: now, ...(pass.validUntil !== undefined && { validUntil: pass.validUntil }) };
    await db.passes.put(record);
    return record;
  });
}

export function getKeptPass(db: CitizenDb, passId: string): Promise<KeptPass | undefined> {
  return guard(() => db.passes.get(passId));
}

/** The most recently kept pass. */
export function lastKeptPass(db: CitizenDb): Promise<KeptPass | undefined> {
  return guard(() => db.passes.orderBy('keptAt').last());
}

export function listKeptPasses(db: CitizenDb): Promise<KeptPass[]> {
  return guard(() => db.passes.orderBy('keptAt').reverse().toArray());
}

export function removeKeptPass(db: CitizenDb, passId: string): Promise<void> {
  return guard(() => db.passes.delete(passId));
}

/** Live: the kept pass with this id (undefined when not kept), across tabs. */
export function watchKeptPass(db: CitizenDb, passId: string) {
  return liveQuery(() => db.passes.get(passId));
}

/** Live: the most recently kept pass. */
export function watchLastKeptPass(db: CitizenDb) {
  return liveQuery(() => db.passes.orderBy('keptAt').last());
}
