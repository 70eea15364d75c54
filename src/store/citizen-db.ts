// The citizen-side IndexedDB database: drafts, kept passes, the declaration outbox and cached
// issuer keys. Schema only; each table has its own module with the operations on it.

import { Dexie, type EntityTable } from 'dexie';
import type { Declaration } from '../core/declaration';

export const DEFAULT_CITIZEN_DB = 'checkpoint-kit-citizen';

/** Form values as typed, keyed by field path (strings, string lists, booleans): a draft is never validated. */
export type DraftValues = Record<string, string | string[] | boolean>;

export interface DraftRecord {
  formId: string;
  values: DraftValues;
  updatedAt: number;
}

export interface KeptPass {
  passId: string;
  /** The pass QR text, exactly as issued. */
  qrText: string;
  keptAt: number;
  /** Epoch ms, when known (for listing; the element re-derives it from the pass). */
  validUntil?: number;
}

export type OutboxState = 'waiting' | 'sending' | 'sent' | 'failed';

export interface OutboxError {
  code: string;
  message?: string;
  status?: number;
  retryable: boolean;
}

export interface OutboxFieldError {
  field: string;
  code: string;
  message?: string;
}

export interface OutboxEntry {
  /** The client idempotency key, sent unchanged on every attempt. */
  id: string;
  /** The form (draft) this submission came from. */
  formId: string;
  apiBase: string;
  /** The declaration; for a group, the declarant's (the first of `group`). */
  declaration: Declaration;
  /**
   * A family in one car: every member's declaration (sharing one journey), sent as one
   * `POST /declaration-groups` under this entry's key — all passes or none, once.
   */
  group?: Declaration[];
  state: OutboxState;
  createdAt: number;
  updatedAt: number;
  attempts: number;
  /** Earliest time of the next automatic attempt (epoch ms). */
  nextAttemptAt: number;
  /** While 'sending': when the claim may be considered abandoned (a crashed tab). */
  leaseUntil?: number;
  lastError?: OutboxError;
  /** The server's field errors ('failed' after a 400). */
  fieldErrors?: OutboxFieldError[];
  /** The issued pass ('sent'); for a group, the declarant's. */
  result?: { qrText: string; passId: string; passes?: { qrText: string; passId: string }[] };
}

export interface CachedIssuerKeys {
  /** Where the keys came from (URL), the cache key. */
  src: string;
  issuer: string;
  jwks: { keys: JsonWebKey[] };
  fetchedAt: number;
}

export type CitizenDb = Dexie & {
  drafts: EntityTable<DraftRecord, 'formId'>;
  passes: EntityTable<KeptPass, 'passId'>;
  outbox: EntityTable<OutboxEntry, 'id'>;
  issuerKeys: EntityTable<CachedIssuerKeys, 'src'>;
};

/** Opens (lazily, on first use) the citizen database of that name. */
export function createCitizenDb(name: string = DEFAULT_CITIZEN_DB): CitizenDb {
  const db = new Dexie(name) as CitizenDb;
  db.version(1).stores({
    drafts: 'formId',
    passes: 'passId, keptAt',
    // [state+createdAt] rather than [state+id]: a compound index holding the primary key does
    // not re-trigger liveQuery (Dexie #1946).
    outbox: 'id, formId, [state+createdAt]',
    issuerKeys: 'src',
  });
  return db;
}
