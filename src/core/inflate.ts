// A small, strict raw-DEFLATE (RFC 1951) decoder for the verify path, after Mark Adler's
// reference decoder "puff" (zlib/contrib/puff). Why not DecompressionStream: per call it costs
// about as much as the ECDSA verification itself (stream setup and promise hops for a
// ~400-byte payload), which breaks the verify-throughput budget; this runs synchronously in a
// few microseconds. Hard output cap, checked before every write; no recursion; no allocation
// proportional to hostile input beyond the cap.
// Stricter than zlib in one way, on purpose: bytes after the final block are refused, so every
// platform gives the same answer for the same input.

/** Reason codes for a refused input. */
export type InflateResult = Uint8Array<ArrayBuffer> | 'cap' | 'invalid';

const MAX_BITS = 15;
const MAX_LITLEN_CODES = 286;
const MAX_DIST_CODES = 30;
const FIXED_LITLEN_CODES = 288;

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193,
  12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** Order in which code-length code lengths are sent in a dynamic block header. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Codes up to this many bits decode with one table look-up; longer ones bit by bit. */
const FAST_BITS = 10;

/**
 * A canonical Huffman code: number of codes per length, symbols in code order, and a look-up
 * table indexed by the next `fastBits` input bits holding (symbol << 4 | length), 0 = not there
 * (a longer code, or no code at all). fastBits = min(FAST_BITS, longest code length).
 */
interface Huffman {
  count: Uint16Array;
  symbol: Uint16Array;
  fast: Uint16Array;
  fastBits: number;
}

/** Thrown inside the decoder for invalid data; turned into 'invalid' at the top. */
class InvalidDeflate extends Error {}
/** Thrown inside the decoder when the output would pass the cap. */
class OutputCapExceeded extends Error {}

/**
 * Decodes raw DEFLATE `input`. Returns the output, 'cap' as soon as the output would exceed
 * `maxOutputBytes`, or 'invalid' for anything that is not exactly one complete DEFLATE stream.
 * Never throws. With `buffer` (at least maxOutputBytes long) the output is written there and
 * the result is a view of it, valid until the buffer is reused; without, it is fresh memory.
 */
export function inflateRaw(input: Uint8Array, maxOutputBytes: number, buffer?: Uint8Array<ArrayBuffer>): InflateResult {
  if (buffer && buffer.length < maxOutputBytes) throw new RangeError('inflateRaw: buffer shorter than the cap');
  try {
    return new Inflater(input, maxOutputBytes, buffer).run();
  } catch (error) {
    return error instanceof OutputCapExceeded ? 'cap' : 'invalid';
  }
}

class Inflater {
  private readonly input: Uint8Array;
  private position = 0;
  private bitBuffer = 0;
  private bitCount = 0;
  private output: Uint8Array<ArrayBuffer>;
  private outputLength = 0;
  private readonly maxOutput: number;

  constructor(input: Uint8Array, maxOutputBytes: number, buffer: Uint8Array<ArrayBuffer> | undefined) {
    this.input = input;
    this.maxOutput = maxOutputBytes;
    // Real claims inflate to under 2 KiB; without a buffer, start small and grow up to the cap.
    this.output = buffer ?? new Uint8Array(Math.min(maxOutputBytes, Math.max(1024, input.length * 4)));
  }

  run(): Uint8Array<ArrayBuffer> {
    let last: number;
    do {
      last = this.bits(1);
      const type = this.bits(2);
      if (type === 0) this.stored();
      else if (type === 1) this.codes(fixedLitLen(), fixedDist());
      else if (type === 2) this.dynamic();
      else throw new InvalidDeflate();
    } while (!last);
    // Whole bytes still in the bit buffer were read ahead, not consumed.
    if (this.position - (this.bitCount >>> 3) !== this.input.length) throw new InvalidDeflate(); // trailing bytes
    return this.output.subarray(0, this.outputLength);
  }

  private bits(need: number): number {
    let value = this.bitBuffer;
    while (this.bitCount < need) {
      if (this.position >= this.input.length) throw new InvalidDeflate(); // truncated
      value |= this.input[this.position++] << this.bitCount;
      this.bitCount += 8;
    }
    this.bitBuffer = value >>> need;
    this.bitCount -= need;
    return value & ((1 << need) - 1);
  }

  private stored(): void {
    // A stored block starts on a byte boundary: give back whole bytes read ahead, drop the rest.
    this.position -= this.bitCount >>> 3;
    this.bitBuffer = 0;
    this.bitCount = 0;
    if (this.position + 4 > this.input.length) throw new InvalidDeflate();
    const i = this.input;
    const p = this.position;
    const length = i[p] | (i[p + 1] << 8);
    if ((i[p + 2] | (i[p + 3] << 8)) !== (~length & 0xffff)) throw new InvalidDeflate();
    this.position += 4;
    if (this.position + length > i.length) throw new InvalidDeflate();
    this.reserve(length);
    this.output.set(i.subarray(this.position, this.position + length), this.outputLength);
    this.outputLength += length;
    this.position += length;
  }

  private reserve(length: number): void {
    if (this.outputLength + length > this.maxOutput) throw new OutputCapExceeded();
    if (this.outputLength + length > this.output.length) {
      const grown = new Uint8Array(Math.min(this.maxOutput, Math.max(this.output.length * 2, this.outputLength + length)));
      grown.set(this.output.subarray(0, this.outputLength));
      this.output = grown;
    }
  }

  /** Decodes one symbol: table look-up for short codes, else the canonical bit-by-bit walk. */
  private decode(h: Huffman): number {
    while (this.bitCount < h.fastBits && this.position < this.input.length) {
      this.bitBuffer |= this.input[this.position++] << this.bitCount;
      this.bitCount += 8;
    }
    const entry = h.fast[this.bitBuffer & ((1 << h.fastBits) - 1)];
    if (entry !== 0) {
      const length = entry & 15;
      if (length > this.bitCount) throw new InvalidDeflate(); // truncated inside a code
      this.bitBuffer >>>= length;
      this.bitCount -= length;
      return entry >>> 4;
    }
    return this.decodeSlow(h);
  }

  /** Canonical Huffman decoding one bit at a time (puff's decode: small and exact). */
  private decodeSlow(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length <= MAX_BITS; length++) {
      code |= this.bits(1);
      const count = h.count[length];
      if (code - count < first) return h.symbol[index + (code - first)];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new InvalidDeflate(); // ran out of codes (incomplete code)
  }

  private codes(litLen: Huffman, dist: Huffman): void {
    for (;;) {
      let symbol = this.decode(litLen);
      if (symbol < 256) {
        if (this.outputLength >= this.output.length) this.reserve(1);
        this.output[this.outputLength++] = symbol;
      } else if (symbol === 256) {
        return;
      } else {
        symbol -= 257;
        if (symbol >= 29) throw new InvalidDeflate(); // codes 286, 287 of the fixed table
        const length = LENGTH_BASE[symbol] + this.bits(LENGTH_EXTRA[symbol]);
        const distSymbol = this.decode(dist);
        if (distSymbol >= 30) throw new InvalidDeflate(); // codes 30, 31 of the fixed table
        const distance = DIST_BASE[distSymbol] + this.bits(DIST_EXTRA[distSymbol]);
        if (distance > this.outputLength) throw new InvalidDeflate(); // before the start
        this.reserve(length);
        const out = this.output;
        let from = this.outputLength - distance;
        let to = this.outputLength;
        for (let k = 0; k < length; k++) out[to++] = out[from++]; // may overlap: byte by byte
        this.outputLength = to;
      }
    }
  }

  private dynamic(): void {
    const litLenCount = this.bits(5) + 257;
    const distCount = this.bits(5) + 1;
    const codeLengthCount = this.bits(4) + 4;
    if (litLenCount > MAX_LITLEN_CODES || distCount > MAX_DIST_CODES) throw new InvalidDeflate();

    const { lengths, codeLengthCode, litLen, dist } = scratchTables();
    lengths.fill(0);
    for (let i = 0; i < codeLengthCount; i++) lengths[CODE_LENGTH_ORDER[i]] = this.bits(3);
    if (construct(codeLengthCode, lengths, 0, 19) !== 0) throw new InvalidDeflate(); // must be complete
    lengths.fill(0, 0, 19);

    let index = 0;
    const total = litLenCount + distCount;
    while (index < total) {
      let symbol = this.decode(codeLengthCode);
      if (symbol < 16) {
        lengths[index++] = symbol;
        continue;
      }
      let repeated = 0;
      if (symbol === 16) {
        if (index === 0) throw new InvalidDeflate(); // nothing to repeat
        repeated = lengths[index - 1];
        symbol = 3 + this.bits(2);
      } else if (symbol === 17) {
        symbol = 3 + this.bits(3);
      } else {
        symbol = 11 + this.bits(7);
      }
      if (index + symbol > total) throw new InvalidDeflate();
      while (symbol-- > 0) lengths[index++] = repeated;
    }
    if (lengths[256] === 0) throw new InvalidDeflate(); // no end-of-block code

    const litLenLeft = construct(litLen, lengths, 0, litLenCount);
    // Incomplete codes are allowed only when every code has length 1, i.e. a lone one-bit code
    // (as zlib and puff do).
    if (litLenLeft < 0 || (litLenLeft > 0 && litLenCount !== litLen.count[0] + litLen.count[1])) throw new InvalidDeflate();
    const distLeft = construct(dist, lengths, litLenCount, distCount);
    if (distLeft < 0 || (distLeft > 0 && distCount !== dist.count[0] + dist.count[1])) throw new InvalidDeflate();
    this.codes(litLen, dist);
  }
}

function makeHuffman(symbols: number): Huffman {
  return { count: new Uint16Array(MAX_BITS + 1), symbol: new Uint16Array(symbols), fast: new Uint16Array(1 << FAST_BITS), fastBits: 0 };
}

/**
 * Work tables for dynamic blocks, allocated once and reused: inflateRaw is synchronous, so no
 * two calls can interleave. Saves ~5 KB of allocation per verification.
 */
let scratch: { lengths: Uint8Array; codeLengthCode: Huffman; litLen: Huffman; dist: Huffman; offsets: Uint16Array; nextCode: Uint16Array } | undefined;

function scratchTables(): NonNullable<typeof scratch> {
  scratch ??= {
    lengths: new Uint8Array(MAX_LITLEN_CODES + MAX_DIST_CODES),
    codeLengthCode: makeHuffman(19),
    litLen: makeHuffman(MAX_LITLEN_CODES),
    dist: makeHuffman(MAX_DIST_CODES),
    offsets: new Uint16Array(MAX_BITS + 1),
    nextCode: new Uint16Array(MAX_BITS + 1),
  };
  return scratch;
}

/**
 * Builds the code for `n` code lengths starting at `lengths[offset]`. Returns 0 for a complete
 * code, a negative number for an over-subscribed one, a positive one for an incomplete one.
 */
function construct(h: Huffman, lengths: Uint8Array, offset: number, n: number): number {
  h.count.fill(0);
  for (let s = 0; s < n; s++) h.count[lengths[offset + s]]++;
  if (h.count[0] === n) {
    // No codes: complete, but any decode must fail — clear what a previous use left behind.
    h.fastBits = 0;
    h.fast[0] = 0;
    return 0;
  }
  let left = 1;
  for (let length = 1; length <= MAX_BITS; length++) {
    left <<= 1;
    left -= h.count[length];
    if (left < 0) return left;
  }
  const { offsets, nextCode } = scratchTables();
  offsets.fill(0);
  for (let length = 1; length < MAX_BITS; length++) offsets[length + 1] = offsets[length] + h.count[length];
  for (let s = 0; s < n; s++) {
    const length = lengths[offset + s];
    if (length !== 0) h.symbol[offsets[length]++] = s;
  }
  // Look-up table: canonical codes are assigned in (length, symbol) order and sent most
  // significant bit first, so the table index is the code bit-reversed.
  let longest = MAX_BITS;
  while (h.count[longest] === 0) longest--;
  h.fastBits = Math.min(FAST_BITS, longest);
  const fastSize = 1 << h.fastBits;
  // A complete code with no code longer than fastBits writes every entry below; otherwise the
  // entries it does not write must read as "not there".
  if (longest > h.fastBits || left > 0) h.fast.fill(0, 0, fastSize);
  for (let length = 1, code = 0; length <= MAX_BITS; length++) {
    code = (code + (length > 1 ? h.count[length - 1] : 0)) << 1;
    nextCode[length] = code;
  }
  for (let s = 0; s < n; s++) {
    const length = lengths[offset + s];
    if (length === 0) continue;
    const code = nextCode[length]++;
    if (length > h.fastBits) continue;
    const reversed = reverseBits(code, length);
    for (let i = reversed; i < fastSize; i += 1 << length) h.fast[i] = (s << 4) | length;
  }
  return left;
}

let reversed10: Uint16Array | undefined;

/** `code` (of `length` ≤ FAST_BITS bits) bit-reversed, from a table built on first use. */
function reverseBits(code: number, length: number): number {
  if (!reversed10) {
    reversed10 = new Uint16Array(1 << FAST_BITS);
    for (let v = 0; v < reversed10.length; v++) {
      let r = 0;
      for (let b = 0; b < FAST_BITS; b++) r |= ((v >>> b) & 1) << (FAST_BITS - 1 - b);
      reversed10[v] = r;
    }
  }
  return reversed10[code] >>> (FAST_BITS - length);
}

let fixedCodes: { litLen: Huffman; dist: Huffman } | undefined;

/** The fixed codes of RFC 1951 §3.2.6, built on first use. */
function fixedTables(): { litLen: Huffman; dist: Huffman } {
  if (!fixedCodes) {
    const lengths = new Uint8Array(FIXED_LITLEN_CODES);
    lengths.fill(8, 0, 144);
    lengths.fill(9, 144, 256);
    lengths.fill(7, 256, 280);
    lengths.fill(8, 280, 288);
    const litLen = makeHuffman(FIXED_LITLEN_CODES);
    construct(litLen, lengths, 0, FIXED_LITLEN_CODES);
    const dist = makeHuffman(MAX_DIST_CODES + 2);
    construct(dist, new Uint8Array(MAX_DIST_CODES + 2).fill(5), 0, MAX_DIST_CODES + 2);
    fixedCodes = { litLen, dist };
  }
  return fixedCodes;
}

function fixedLitLen(): Huffman {
  return fixedTables().litLen;
}

function fixedDist(): Huffman {
  return fixedTables().dist;
}
