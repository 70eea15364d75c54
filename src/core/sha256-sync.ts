// Synchronous SHA-256. WebCrypto's digest is async, and awaiting a foreign promise inside an
// IndexedDB transaction lets it auto-commit; the kiosk outbox computes each record's chain hash
// inside the same transaction that allocates its sequence number, so it needs a synchronous one:
// @noble/hashes (audited, no dependencies, pure JS — runs in browsers, workers and Node).
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** SHA-256 of `data` (raw bytes). */
export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/** Lower-case hex SHA-256 of the UTF-8 encoding of `text`. */
export function sha256Hex(text: string): string {
  return bytesToHex(nobleSha256(utf8ToBytes(text)));
}
