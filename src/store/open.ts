// One database handle per name, shared by every element on the page (Dexie multiplexes
// transactions over one connection; liveQuery sees writes from other tabs and workers).

import { createCitizenDb, DEFAULT_CITIZEN_DB, type CitizenDb } from './citizen-db';

const handles = new Map<string, CitizenDb>();

export function openCitizenDb(name: string = DEFAULT_CITIZEN_DB): CitizenDb {
  let db = handles.get(name);
  if (!db) {
    db = createCitizenDb(name);
    handles.set(name, db);
  }
  return db;
}

/** Closes the shared handle of that name (tests: simulate a reload; the next open starts afresh). */
export function closeCitizenDb(name: string = DEFAULT_CITIZEN_DB): void {
  handles.get(name)?.close();
  handles.delete(name);
}

/** Deletes the database of that name (tests, and a "forget everything on this device" action). */
export async function deleteCitizenDb(name: string = DEFAULT_CITIZEN_DB): Promise<void> {
  const db = handles.get(name) ?? createCitizenDb(name);
  handles.delete(name);
  await db.delete();
}
