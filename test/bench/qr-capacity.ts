// Smallest QR code version for a text, from ISO/IEC 18004:2015 (table 7: data codewords per
// version and error-correction level; table 3: character count indicator lengths). For the
// P7 measure only; test/node/core-qr-capacity.test.ts cross-checks it against qrcode-generator,
// the encoder inside qr-code-styling.

export type QrMode = 'numeric' | 'alphanumeric' | 'byte';
export type EccLevel = 'L' | 'M' | 'Q' | 'H';

/** Data codewords (8 bits each) for versions 1–40, per ECC level L, M, Q, H. */
const DATA_CODEWORDS: readonly (readonly [number, number, number, number])[] = [
  [19, 16, 13, 9], [34, 28, 22, 16], [55, 44, 34, 26], [80, 64, 48, 36], [108, 86, 62, 46],
  [136, 108, 76, 60], [156, 124, 88, 66], [194, 154, 110, 86], [232, 182, 132, 100], [274, 216, 154, 122],
  [324, 254, 180, 140], [370, 290, 206, 158], [428, 334, 244, 180], [461, 365, 261, 197], [523, 415, 295, 223],
  [589, 453, 325, 253], [647, 507, 367, 283], [721, 563, 397, 313], [795, 627, 445, 341], [861, 669, 485, 385],
  [932, 714, 512, 406], [1006, 782, 568, 442], [1094, 860, 614, 464], [1174, 914, 664, 514], [1276, 1000, 718, 538],
  [1370, 1062, 754, 596], [1468, 1128, 808, 628], [1531, 1193, 871, 661], [1631, 1267, 911, 701], [1735, 1373, 985, 745],
  [1843, 1455, 1033, 793], [1955, 1541, 1115, 845], [2071, 1631, 1171, 901], [2191, 1725, 1231, 961], [2306, 1812, 1286, 986],
  [2434, 1914, 1354, 1054], [2566, 1992, 1426, 1096], [2702, 2102, 1502, 1142], [2812, 2216, 1582, 1222], [2956, 2334, 1666, 1276],
];

const ECC_INDEX: Record<EccLevel, number> = { L: 0, M: 1, Q: 2, H: 3 };

export function dataCodewords(version: number, ecc: EccLevel): number {
  const row = DATA_CODEWORDS[version - 1];
  if (!row) throw new RangeError(`QR version ${version} does not exist`);
  return row[ECC_INDEX[ecc]];
}

/** Length of the character count indicator (versions 1–9, 10–26, 27–40). */
export function charCountBits(mode: QrMode, version: number): number {
  const band = version < 10 ? 0 : version < 27 ? 1 : 2;
  return { numeric: [10, 12, 14], alphanumeric: [9, 11, 13], byte: [8, 16, 16] }[mode][band];
}

/** The mode qr-code-styling picks for a text when none is given. */
export function qrModeOf(text: string): QrMode {
  if (/^[0-9]*$/.test(text)) return 'numeric';
  if (/^[0-9A-Z $%*+\-./:]*$/.test(text)) return 'alphanumeric';
  return 'byte';
}

/** Number of characters (numeric/alphanumeric) or UTF-8 bytes (byte mode). */
export function qrLength(text: string, mode: QrMode): number {
  return mode === 'byte' ? new TextEncoder().encode(text).length : text.length;
}

function payloadBits(mode: QrMode, length: number): number {
  if (mode === 'numeric') return 10 * Math.floor(length / 3) + [0, 4, 7][length % 3];
  if (mode === 'alphanumeric') return 11 * Math.floor(length / 2) + 6 * (length % 2);
  return 8 * length;
}

export interface QrSegment {
  text: string;
  mode: QrMode;
}

/** The smallest version (1–40) holding `text` as one segment in `mode`, or undefined if none does. */
export function qrVersionFor(text: string, ecc: EccLevel, mode: QrMode = qrModeOf(text)): number | undefined {
  return qrVersionForSegments([{ text, mode }], ecc);
}

/**
 * The smallest version holding the segments in sequence (each: 4-bit mode indicator, character
 * count indicator, data), or undefined if none does.
 */
export function qrVersionForSegments(segments: readonly QrSegment[], ecc: EccLevel): number | undefined {
  for (let version = 1; version <= 40; version++) {
    let bits = 0;
    let fits = true;
    for (const { text, mode } of segments) {
      const length = qrLength(text, mode);
      const countBits = charCountBits(mode, version);
      if (length >= 2 ** countBits) fits = false;
      bits += 4 + countBits + payloadBits(mode, length);
    }
    if (fits && bits <= 8 * dataCodewords(version, ecc)) return version;
  }
  return undefined;
}
