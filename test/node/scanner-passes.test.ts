/// <reference types="node" />
// Decode passes on their own, in Node: the unsharp mask of the last still passes, the ladder's
// order, and the engine loaded from a module compiled elsewhere (the main-thread path), which
// must read the embedded warm-up code (proof that the warm-up matrix is a real QR code).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadEngine, passInput, readGray, utf8OrGuess } from '../../src/scanner/engine';
import { sharpen } from '../../src/scanner/image';
import { BASE_READER, passes, stillLadder } from '../../src/scanner/strategy';
import { WARM_UP_TEXT, warmUpImage } from '../../src/scanner/warm-up';

const WASM = new URL('../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', import.meta.url);

describe('sharpen (unsharp mask, 5-point blur)', () => {
  it('leaves a flat image as it is and copies the border', () => {
    const flat = { data: new Uint8Array(25).fill(90), width: 5, height: 5 };
    assert.deepEqual([...sharpen(flat, 1.5).data], [...flat.data]);
  });

  it('steepens an edge, clamped to 0…255', () => {
    // Columns 0–2 dark (60), 3–5 light (200): the pixels either side of the step move apart.
    const data = new Uint8Array(36);
    for (let y = 0; y < 6; y++) for (let x = 0; x < 6; x++) data[y * 6 + x] = x < 3 ? 60 : 200;
    const out = sharpen({ data, width: 6, height: 6 }, 1.5).data;
    assert.equal(out[2 * 6 + 2], Math.round(60 + 1.5 * (60 - (60 * 4 + 200) / 5)));
    assert.equal(out[2 * 6 + 3], Math.round(200 + 1.5 * (200 - (200 * 4 + 60) / 5)));
    assert.ok(out[2 * 6 + 2] < 60 && out[2 * 6 + 3] > 200);
    assert.equal(out[2 * 6 + 1], 60, 'away from the edge nothing changes');
    const hard = sharpen({ data: Uint8Array.from([0, 0, 0, 0, 255, 0, 0, 0, 0]), width: 3, height: 3 }, 5).data;
    assert.equal(hard[4], 255);
  });

  it('the enlarged-sharpened pass sharpens, enlarges ×2, sharpens again', () => {
    const gray = { data: Uint8Array.from({ length: 64 }, (_, i) => (i % 8 < 4 ? 40 : 220)), width: 8, height: 8 };
    const input = passInput(gray, passes().enlargedSharpened);
    assert.equal(input.width, 16);
    assert.equal(input.height, 16);
  });
});

describe('still ladder', () => {
  it('keeps the cheap passes first and the sharpened ones last', () => {
    assert.deepEqual(stillLadder().map((p) => p.id), ['fast', 'thorough', 'downscaled', 'enlarged', 'sharpened', 'enlarged-sharpened']);
  });
});

describe('engine from a module compiled elsewhere', () => {
  it('checks the digest, instantiates the module and reads the warm-up code', async () => {
    const bytes = readFileSync(WASM);
    const module = await WebAssembly.compile(bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const info = await loadEngine(WASM.href, { module, sha256 });
    assert.equal(info.sha256, sha256);
    assert.deepEqual(readGray(warmUpImage(), BASE_READER).map((r) => r.text), [WARM_UP_TEXT]);
    assert.deepEqual(readGray(warmUpImage(2), BASE_READER).map((r) => r.text), [WARM_UP_TEXT]);
  });
});

describe('text of a code without ECI', () => {
  it('is read as UTF-8 where the bytes are valid UTF-8 with non-ASCII, else as zxing-cpp guessed', () => {
    const vietnamese = 'Nguyễn Thị Hương|Nữ';
    assert.equal(utf8OrGuess(new TextEncoder().encode(vietnamese), 'mojibake'), vietnamese);
    // Shift_JIS "モバイル" and Latin-1 "é" are not valid UTF-8: the guess stands.
    assert.equal(utf8OrGuess(Uint8Array.from([0x83, 0x82, 0x83, 0x6f, 0x83, 0x43, 0x83, 0x8b]), 'モバイル'), 'モバイル');
    assert.equal(utf8OrGuess(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), 'café'), 'café');
    // ASCII only: whatever zxing-cpp made of it (control characters kept by the Plain text mode).
    assert.equal(utf8OrGuess(new TextEncoder().encode('CK1:ABC'), 'CK1:ABC'), 'CK1:ABC');
  });
});
