/// <reference types="node" />
// P7 as a size assertion (not a timing): the reference declaration's QR version in our CK1
// encoding is at least 3 versions below the same claims as a plain JWT, at ECC M. The version
// calculator behind it is cross-checked against qrcode-generator (qr-code-styling's encoder).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import qrcode from 'qrcode-generator';
import { benchP7 } from '../bench/core-bench';
import { qrVersionFor } from '../bench/qr-capacity';
import type { EccLevel, QrMode } from '../bench/qr-capacity';

const GENERATOR_MODE: Record<QrMode, 'Numeric' | 'Alphanumeric' | 'Byte'> = { numeric: 'Numeric', alphanumeric: 'Alphanumeric', byte: 'Byte' };
const FILL: Record<QrMode, string> = { numeric: '7', alphanumeric: 'A', byte: 'a' };

/** The version qrcode-generator picks (type number 0 = automatic), or 'overflow'. */
function generatorVersion(text: string, mode: QrMode, ecc: EccLevel): number | 'overflow' {
  const qr = qrcode(0, ecc);
  qr.addData(text, GENERATOR_MODE[mode]);
  try {
    qr.make();
  } catch {
    return 'overflow';
  }
  return (qr.getModuleCount() - 17) / 4;
}

/** The longest text of `mode` that still fits `version` by our calculator. */
function longestFitting(version: number, mode: QrMode, ecc: EccLevel): number {
  let low = 1;
  let high = 8000;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const v = qrVersionFor(FILL[mode].repeat(mid), ecc, mode);
    if (v !== undefined && v <= version) low = mid;
    else high = mid - 1;
  }
  return low;
}

describe('QR version calculator (ISO/IEC 18004 tables)', () => {
  it('knows the largest capacities of version 40', () => {
    assert.equal(longestFitting(40, 'alphanumeric', 'L'), 4296);
    assert.equal(longestFitting(40, 'numeric', 'L'), 7089);
    assert.equal(longestFitting(40, 'byte', 'L'), 2953);
    assert.equal(longestFitting(40, 'alphanumeric', 'H'), 1852);
    assert.equal(qrVersionFor('A'.repeat(4297), 'L', 'alphanumeric'), undefined);
  });

  it('agrees with qrcode-generator on both sides of capacity boundaries', () => {
    const levels: EccLevel[] = ['L', 'M', 'Q', 'H'];
    const modes: QrMode[] = ['numeric', 'alphanumeric', 'byte'];
    // Spread over the three character-count bands (1–9, 10–26, 27–39) and all levels and modes.
    [1, 2, 5, 9, 10, 13, 17, 20, 26, 27, 33, 38].forEach((version, i) => {
      const ecc = levels[i % 4] as EccLevel;
      const mode = modes[i % 3] as QrMode;
      const n = longestFitting(version, mode, ecc);
      assert.equal(generatorVersion(FILL[mode].repeat(n), mode, ecc), version, `${mode} ${ecc} ${n} chars`);
      assert.equal(generatorVersion(FILL[mode].repeat(n + 1), mode, ecc), version + 1, `${mode} ${ecc} ${n + 1} chars`);
    });
  });
});

describe('P7: QR size of the reference declaration at ECC M', () => {
  it('is at least 3 versions smaller in CK1 than as a plain JWT, and the figures match qrcode-generator', async () => {
    const { rows } = await benchP7();
    const ours = rows[0];
    const plain = rows[1];
    assert.ok(ours && plain);
    assert.equal(ours.mode, 'alphanumeric');
    assert.equal(plain.mode, 'byte');
    assert.ok(ours.version !== null && plain.version !== null);
    assert.ok(plain.version - ours.version >= 3, `ours V${ours.version}, plain JWT V${plain.version}`);
    for (const row of [ours, plain]) {
      // Re-derive the text-independent part: the generator must land on the same version for
      // a text of the same length and mode.
      const mode = row.mode as QrMode;
      assert.equal(generatorVersion(FILL[mode].repeat(row.chars), mode, 'M'), row.version, row.encoding);
    }
  });
});
