// The name alphabet of pass format 1.0, shared by issuance (validateDeclaration) and
// verification (the claim check), so both refuse exactly the same names.

/**
 * The 67 lower-case Vietnamese letters beyond ASCII (precomposed, NFC): the 12 vowels a ă â e ê
 * i o ô ơ u ư y with each of the five tone marks, the bare ă â ê ô ơ ư, and đ.
 */
export const VIETNAMESE_LETTERS = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
const NAME_LETTER = new RegExp(`^[A-Za-z${VIETNAMESE_LETTERS}${VIETNAMESE_LETTERS.toUpperCase()}]$`);

/**
 * The name alphabet of pass format 1.0: ASCII letters, the Vietnamese letters above in both
 * cases, space, `-`, `'` and `.`; the first character a letter, no space at the end, never two
 * spaces in a row. Every character is in the BMP, so code points and UTF-16 units agree. Look-alike
 * letters from other scripts (Cyrillic а), fillers (U+3164), joiners and variation selectors are
 * outside it, so a name cannot look like another or look blank.
 */
export function isPassName(value: unknown, limits: { min: number; max: number } = { min: 2, max: 100 }): value is string {
  if (typeof value !== 'string' || value.length < limits.min || value.length > limits.max) return false;
  if (!NAME_LETTER.test(value[0] as string) || value.endsWith(' ') || value.includes('  ')) return false;
  for (const ch of value) {
    if (ch !== ' ' && ch !== '-' && ch !== "'" && ch !== '.' && !NAME_LETTER.test(ch)) return false;
  }
  return true;
}
