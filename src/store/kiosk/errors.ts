// Coded errors of the kiosk store.
import { Dexie } from 'dexie';

/** The device is out of storage. Nothing was written; every existing record is intact. */
export class StorageFullError extends Error {
  readonly code = 'storage-full' as const;

  constructor(cause: unknown) {
    super('Storage is full: the passage was not saved. Existing records are safe; sync, then free space.', { cause });
    this.name = 'StorageFullError';
  }
}

/** The input cannot become a passage record (a field is missing or malformed). */
export class PassageInputError extends Error {
  readonly code = 'invalid-passage' as const;
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.name = 'PassageInputError';
    this.field = field;
  }
}

/**
 * True for a quota failure in any of its disguises: a DOMException named QuotaExceededError,
 * Dexie's QuotaExceededError, or an AbortError (DOM or Dexie) whose `inner` or `cause` is one.
 */
export function isQuotaError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    if (typeof current !== 'object') return false;
    const e = current as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown };
    if (current instanceof Dexie.QuotaExceededError) return true;
    if (e.name === 'QuotaExceededError' || e.name === Dexie.errnames.QuotaExceeded) return true;
    // Legacy DOMException code 22 (QUOTA_EXCEEDED_ERR).
    if (typeof DOMException !== 'undefined' && current instanceof DOMException && e.code === 22) return true;
    current = e.inner ?? e.cause;
  }
  return false;
}

/** Re-throws a quota failure as StorageFullError and anything else unchanged. */
export function rethrowStorageError(error: unknown): never {
  if (isQuotaError(error)) throw new StorageFullError(error);
  throw error;
}
