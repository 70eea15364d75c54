// Store failures as one coded error, so callers can say something precise to the person.

export type StoreErrorCode =
  /** The browser refused to store more (QuotaExceededError, also when wrapped in AbortError). */
  | 'quota-exceeded'
  /** IndexedDB is missing, blocked or was closed (private mode, storage disabled, upgrade elsewhere). */
  | 'unavailable'
  /** The operation conflicts with the current state (e.g. a submission already waiting). */
  | 'conflict'
  /** Anything else IndexedDB reported. */
  | 'failed';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StoreError';
    this.code = code;
  }
}

const UNAVAILABLE = new Set([
  'MissingAPIError',
  'OpenFailedError',
  'DatabaseClosedError',
  'InvalidStateError',
  'VersionError',
  'UpgradeError',
  'SecurityError',
]);

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : undefined;
}

/** True for QuotaExceededError, however Dexie/IndexedDB wrapped it (AbortError.inner, .cause, failures[]). */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  if (errorName(error) === 'QuotaExceededError') return true;
  const record = error as { inner?: unknown; cause?: unknown; failures?: unknown };
  if (isQuotaError(record.inner, depth + 1) || isQuotaError(record.cause, depth + 1)) return true;
  return Array.isArray(record.failures) && record.failures.some((f) => isQuotaError(f, depth + 1));
}

/** Maps any error thrown by Dexie/IndexedDB to a StoreError (StoreErrors pass through). */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  if (isQuotaError(error)) return new StoreError('quota-exceeded', 'The device has no storage space left for this site.', error);
  const name = errorName(error);
  if (name !== undefined && UNAVAILABLE.has(name)) return new StoreError('unavailable', 'Local storage is not available.', error);
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError('failed', `Local storage failed: ${message}`, error);
}

/** Runs a store operation and rethrows its failure as a StoreError. */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStoreError(error);
  }
}
