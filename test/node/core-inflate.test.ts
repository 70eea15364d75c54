/// <reference types="node" />
// The verify path's raw-DEFLATE decoder, checked against zlib (differential) and on crafted streams.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { deflateRaw, MAX_CLAIMS_BYTES } from '../../src/core/deflate';
import { inflateRaw } from '../../src/core/inflate';

const SEED = 4242;
const BIG_CAP = 1 << 22;

/** zlib's answer, with trailing bytes after the final block counted as invalid (our rule). */
function zlibInflate(bytes: Uint8Array): Uint8Array | 'invalid' {
  try {
    const result = zlib.inflateRawSync(bytes, { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    return result.engine.bytesWritten === bytes.length ? new Uint8Array(result.buffer) : 'invalid';
  } catch {
    return 'invalid';
  }
}

function assertSameAsZlib(bytes: Uint8Array): void {
  const expected = zlibInflate(bytes);
  const actual = inflateRaw(bytes, BIG_CAP);
  if (expected === 'invalid') assert.equal(actual, 'invalid', Buffer.from(bytes).toString('hex'));
  else assert.deepEqual(actual, expected);
}

/** Compressible data: runs, repeats and a small alphabet, so all block types and codes appear. */
const data = fc
  .record({ alphabet: fc.integer({ min: 1, max: 256 }), seed: fc.integer(), length: fc.integer({ min: 0, max: 4000 }), repeat: fc.double({ min: 0, max: 0.9, noNaN: true }) })
  .map(({ alphabet, seed, length, repeat }) => {
    let state = seed >>> 0;
    const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = i > 8 && next() < repeat ? out[i - 1 - Math.floor(next() * 8)] : Math.floor(next() * alphabet);
    return out;
  });

/** Writes DEFLATE bits (LSB first) for crafted streams. */
class BitWriter {
  readonly bytes: number[] = [];
  private current = 0;
  private count = 0;
  bits(value: number, n: number): this {
    for (let i = 0; i < n; i++) {
      this.current |= ((value >>> i) & 1) << this.count;
      if (++this.count === 8) this.flush();
    }
    return this;
  }
  /** A Huffman code, most significant bit first. */
  code(value: number, n: number): this {
    for (let i = n - 1; i >= 0; i--) this.bits((value >>> i) & 1, 1);
    return this;
  }
  align(): this {
    if (this.count > 0) this.flush();
    return this;
  }
  private flush(): void {
    this.bytes.push(this.current);
    this.current = 0;
    this.count = 0;
  }
}

describe('inflateRaw', () => {
  it('agrees with zlib on everything zlib produces, at every level and strategy', () => {
    fc.assert(
      fc.property(data, fc.integer({ min: 0, max: 9 }), fc.constantFrom(0, 1, 2, 3, 4), (input, level, strategy) => {
        const compressed = zlib.deflateRawSync(input, { level, strategy });
        assert.deepEqual(inflateRaw(compressed, BIG_CAP), input);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('agrees with zlib on damaged streams: flipped bits, truncation, garbage', () => {
    fc.assert(
      fc.property(data, fc.nat(), fc.integer({ min: 0, max: 7 }), fc.uint8Array({ maxLength: 64 }), (input, where, bit, garbage) => {
        const compressed = new Uint8Array(zlib.deflateRawSync(input));
        const flipped = compressed.slice();
        flipped[where % flipped.length] ^= 1 << bit;
        assertSameAsZlib(flipped);
        assertSameAsZlib(compressed.subarray(0, where % compressed.length));
        assertSameAsZlib(garbage);
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('inflates what CompressionStream("deflate-raw") makes (the issuing side)', async () => {
    const text = new TextEncoder().encode(JSON.stringify({ n: 'Nguyễn Thị Minh Khai', a: 'Khu công nghiệp Yên Phong' }).repeat(20));
    assert.deepEqual(inflateRaw(await deflateRaw(text), MAX_CLAIMS_BYTES), text);
  });

  it('refuses bytes after the final block (zlib would ignore them)', () => {
    const compressed = zlib.deflateRawSync(Buffer.from('hello hello hello'));
    assert.equal(inflateRaw(Uint8Array.from([...compressed, 0]), BIG_CAP), 'invalid');
  });

  it('stops at the output cap, even for a zip bomb', () => {
    const bomb = zlib.deflateRawSync(Buffer.alloc(10 << 20)); // 10 MiB of zeros in ~10 KB
    const started = performance.now();
    assert.equal(inflateRaw(bomb, MAX_CLAIMS_BYTES), 'cap');
    assert.ok(performance.now() - started < 200, 'the decoder must stop at the cap, not inflate everything');
    const exact = zlib.deflateRawSync(Buffer.alloc(MAX_CLAIMS_BYTES, 97));
    assert.equal((inflateRaw(exact, MAX_CLAIMS_BYTES) as Uint8Array).length, MAX_CLAIMS_BYTES);
    assert.equal(inflateRaw(zlib.deflateRawSync(Buffer.alloc(MAX_CLAIMS_BYTES + 1, 97)), MAX_CLAIMS_BYTES), 'cap');
    const stored = zlib.deflateRawSync(Buffer.alloc(MAX_CLAIMS_BYTES + 1, 97), { level: 0 });
    assert.equal(inflateRaw(stored, MAX_CLAIMS_BYTES), 'cap');
  });

  it('reads a stored block that follows a dynamic block whose end code left whole bytes buffered', () => {
    // Dynamic block: only 'a' (97) and end-of-block (256), both one-bit codes; then a stored block.
    const w = new BitWriter().bits(0, 1).bits(2, 2); // not final, dynamic
    w.bits(0, 5).bits(0, 5).bits(14, 4); // HLIT 257, HDIST 1, HCLEN 18
    const codeLengthLengths: Record<number, number> = { 18: 1, 0: 2, 1: 2 };
    for (const symbol of [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1]) w.bits(codeLengthLengths[symbol] ?? 0, 3);
    const zeros = (n: number): void => void w.code(0, 1).bits(n - 11, 7); // symbol 18: 11–138 zeros
    zeros(97);
    w.code(3, 2); // length 1 for 'a'
    zeros(138);
    zeros(20);
    w.code(3, 2); // length 1 for end-of-block
    w.code(2, 2); // the one distance code: length 0
    w.code(0, 1).code(0, 1).code(0, 1).code(1, 1); // "aaa", end of block
    w.bits(1, 1).bits(0, 2).align(); // final stored block
    const stream = Uint8Array.from([...w.bytes, 3, 0, 0xfc, 0xff, 0x78, 0x79, 0x7a]);
    assert.equal(Buffer.from(zlibInflate(stream) as Uint8Array).toString(), 'aaaxyz');
    assert.equal(Buffer.from(inflateRaw(stream, BIG_CAP) as Uint8Array).toString(), 'aaaxyz');
  });

  it('refuses reserved block types, bad stored lengths, distances before the start and incomplete codes', () => {
    assert.equal(inflateRaw(Uint8Array.of(0x07), BIG_CAP), 'invalid'); // BTYPE 11
    assert.equal(inflateRaw(Uint8Array.of(0x01, 3, 0, 0, 0, 1, 2, 3), BIG_CAP), 'invalid'); // NLEN ≠ ~LEN
    // Fixed block: length code 257 (3 bytes) at distance 1 with empty output.
    const w = new BitWriter().bits(1, 1).bits(1, 2).code(0b0000001, 7).code(0, 5).code(0, 7).align();
    assert.equal(inflateRaw(Uint8Array.from(w.bytes), BIG_CAP), 'invalid');
    assert.equal(zlibInflate(Uint8Array.from(w.bytes)), 'invalid');
    assert.equal(inflateRaw(new Uint8Array(0), BIG_CAP), 'invalid');
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = inflateRaw(bytes, MAX_CLAIMS_BYTES);
        assert.ok(result === 'invalid' || result === 'cap' || result instanceof Uint8Array);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
