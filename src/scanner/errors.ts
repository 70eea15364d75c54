/** Codes the scanner raises; the element maps them to localized messages. */
export type ScannerErrorCode =
  | 'decoder-load-failed'
  | 'decoder-version-mismatch'
  | 'decoder-closed'
  | 'image-unreadable';

/** A coded error that survives the comlink boundary (plain `name`/`message` + `code`). */
export class ScannerError extends Error {
  readonly code: ScannerErrorCode;
  constructor(code: ScannerErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'ScannerError';
    this.code = code;
  }
}

const CODES: readonly ScannerErrorCode[] = ['decoder-load-failed', 'decoder-version-mismatch', 'decoder-closed', 'image-unreadable'];

/**
 * Recovers the code from an error that crossed a worker boundary: comlink re-creates
 * errors as plain `Error`s, so the code travels as the message prefix.
 */
export function toScannerError(error: unknown, fallback: ScannerErrorCode): ScannerError {
  if (error instanceof ScannerError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const prefix = CODES.find((code) => message.startsWith(`${code}: `));
  return prefix ? new ScannerError(prefix, message.slice(prefix.length + 2)) : new ScannerError(fallback, message);
}
