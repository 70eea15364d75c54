/// <reference types="node" />
// The fake camera's ID-card scenes (test/fixtures/id-card-images.ts) really carry the card: a
// frame decodes (zxing-wasm, the kit's own decoder) to the exact UTF-8 card text, which parses
// and matches its holder; the pass-then-card clip is a well-formed y4m of the promised frames.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { compareIdCard } from '../../src/core/id-card-compare';
import { parseIdCard } from '../../src/core/id-card';
import { idCardPgm, writePassThenCardClip, writeScanSequenceClip } from '../fixtures/id-card-images';
import { declarationOfHolder, fakeIdCard } from '../fixtures/id-cards';
import { passLikeText } from '../fixtures/qr-images';

prepareZXingModule({
  overrides: { wasmBinary: readFileSync(new URL('../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', import.meta.url)).buffer as ArrayBuffer },
});

const dir = mkdtempSync(join(tmpdir(), 'ck-idcard-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function decode(image: Buffer): Promise<string | undefined> {
  const results = await readBarcodes(new Blob([new Uint8Array(image)]), { formats: ['QRCode'], tryHarder: true });
  return results.find((r) => r.isValid)?.text;
}

describe('ID-card camera scenes', () => {
  it('a card held at 2–3 px per module, tilted, decodes to the exact UTF-8 text, which matches its holder', async () => {
    for (const [seed, modulePx, tiltDeg] of [[3, 3, 4], [4, 2, -8], [9, 3, 0]] as const) {
      const { text, fields } = fakeIdCard({ seed, trailingFields: 4 });
      const read = await decode(idCardPgm(text, { modulePx, tiltDeg }));
      assert.equal(read, text, `seed ${seed}`);
      const card = parseIdCard(read, { now: new Date('2026-12-07T00:00:00Z') });
      assert.ok(card.ok);
      assert.equal(compareIdCard(card.card, declarationOfHolder(fields)).result, 'matched');
    }
  });

  it('writes the pass-then-card clip: y4m header, pass, card and empty frames, card frames decode', async () => {
    const { text } = fakeIdCard({ seed: 5 });
    const file = join(dir, 'pass-card.y4m');
    await writePassThenCardClip(file, passLikeText(300), text, { width: 640, height: 480, modulePx: 2, passFrames: 3, cardFrames: 4, gapFrames: 2 });
    const bytes = readFileSync(file);
    const header = 'YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg\n';
    assert.equal(bytes.subarray(0, header.length).toString('latin1'), header);
    const frameBytes = 'FRAME\n'.length + 640 * 480 * 1.5;
    assert.equal(statSync(file).size, header.length + 9 * frameBytes);
    // Frame 4 (the second card frame): its luma plane, as Chromium would show it.
    const start = header.length + 4 * frameBytes + 'FRAME\n'.length;
    const luma = bytes.subarray(start, start + 640 * 480);
    assert.equal(await decode(Buffer.concat([Buffer.from('P5\n640 480\n255\n'), luma])), text);
  });

  it('writes a roadside sequence (pass, card, empty, someone else’s card) with the frames each step asks for', async () => {
    const mine = fakeIdCard({ seed: 21 });
    const theirs = fakeIdCard({ seed: 22 });
    const file = join(dir, 'sequence.y4m');
    await writeScanSequenceClip(file, [
      { kind: 'pass', text: passLikeText(300), seconds: 0.2 },
      { kind: 'card', text: mine.text, seconds: 0.2 },
      { kind: 'empty', seconds: 0.1 },
      { kind: 'card', text: theirs.text, seconds: 0.2 },
    ], { fps: 10 });
    const bytes = readFileSync(file);
    const header = 'YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n';
    const frameBytes = 'FRAME\n'.length + 640 * 480 * 1.5;
    assert.equal(bytes.length, header.length + 7 * frameBytes);
    const lumaAt = (n: number) => {
      const start = header.length + n * frameBytes + 'FRAME\n'.length;
      return Buffer.concat([Buffer.from('P5\n640 480\n255\n'), bytes.subarray(start, start + 640 * 480)]);
    };
    assert.equal(await decode(lumaAt(2)), mine.text);
    assert.equal(await decode(lumaAt(4)), undefined);
    assert.equal(await decode(lumaAt(6)), theirs.text);
  });
});
