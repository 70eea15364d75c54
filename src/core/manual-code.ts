// A short code an officer can type when a printed QR will not scan: 9 Crockford base32
// characters taken from the pass id (45 of its random bits) plus one Luhn mod 32 check
// character, shown as XXXXX-XXXXX. It identifies a pass for look-up among known passes;
// it is not a credential and proves nothing by itself.

import { decodeBase64Url } from './base64url';

/** Crockford base32: digits and letters without I, L, O, U. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_CHARS = 9;

export type ManualCodeError = 'length' | 'character' | 'check';

/** The manual code of a pass id (strict base64url of at least 6 bytes; pass ids have ≥ 16). */
export function manualCode(passId: string): string {
  const bytes = decodeBase64Url(passId);
  if (!bytes || bytes.length < 6) throw new TypeError('manualCode: passId must be strict base64url of at least 6 bytes');
  // The first 48 bits as a number (exact below 2^53), of which the top 45 become 9 characters.
  let bits = 0;
  for (let i = 0; i < 6; i++) bits = bits * 256 + bytes[i];
  bits = Math.floor(bits / 8);
  const digits: number[] = [];
  for (let i = 0; i < DATA_CHARS; i++) {
    digits.unshift(bits % 32);
    bits = Math.floor(bits / 32);
  }
  digits.push(luhnCheckDigit(digits));
  const code = digits.map((d) => CROCKFORD[d]).join('');
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * Normalises what an officer typed (any case, spaces, dashes; O read as 0, I and L as 1) and
 * validates the check character. Returns the canonical XXXXX-XXXXX form.
 */
export function parseManualCode(input: string): { ok: true; code: string } | { ok: false; error: ManualCodeError } {
  if (typeof input !== 'string') return { ok: false, error: 'character' };
  const compact = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== DATA_CHARS + 1) return { ok: false, error: 'length' };
  const digits: number[] = [];
  for (const ch of compact) {
    const d = CROCKFORD.indexOf(ch);
    if (d < 0) return { ok: false, error: 'character' };
    digits.push(d);
  }
  if (luhnCheckDigit(digits.slice(0, DATA_CHARS)) !== digits[DATA_CHARS]) return { ok: false, error: 'check' };
  return { ok: true, code: `${compact.slice(0, 5)}-${compact.slice(5)}` };
}

/** Luhn mod N (N = 32): catches every single-character error and most adjacent swaps. */
function luhnCheckDigit(digits: readonly number[]): number {
  let factor = 2;
  let sum = 0;
  for (let i = digits.length - 1; i >= 0; i--) {
    const addend = factor * digits[i];
    sum += Math.floor(addend / 32) + (addend % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return (32 - (sum % 32)) % 32;
}
