// The registry of `npm run bench` measures, in the order they run. `npm run bench P5 P7`
// runs only those ids.
import { benchIdCard, benchP7, verifyBenchSource, type VerifyBenchResult } from './core-bench';
import { measureCitizenSize } from './citizen-size';
import { measureConsumerSizes } from './consumer-size';
import { measureElementSizes } from './element-size';
import { cardCheckLatency, p9KioskOfflineReload } from './kiosk-bench';
import { scannerMeasures } from './scanner-bench';
import { serverMeasures } from './server-bench';
import { syncMeasures } from './sync-bench';
import type { BenchContext, BenchSection, Measure } from './types';
import { p10WardPage } from './ward-bench';

async function p7(): Promise<BenchSection> {
  const { rows } = await benchP7();
  const ours = rows[0]?.version ?? NaN;
  const plain = rows[1]?.version ?? NaN;
  return {
    id: 'P7',
    title: 'QR version of the reference declaration, ECC M',
    goal: 'CK2 (issued) at most version 13; at least 3 versions smaller than a plain uncompressed JWT in byte mode',
    rows: rows.map((row) => ({ ...row })),
    notes: [
      `CK2 V${ours} (${ours <= 13 ? 'meets' : 'MISSES'} ≤ V13) vs plain JWT V${plain}: ${plain - ours} versions smaller`,
      `CK1 (previous format) V${rows[4]?.version ?? NaN}`,
    ],
  };
}

async function p5(context: BenchContext): Promise<BenchSection> {
  const page = await context.browser.newPage();
  try {
    await page.goto(`${context.baseUrl}/test/bench/pages/verify.html`);
    const result = (await page.evaluate('window.benchResult')) as VerifyBenchResult;
    return {
      id: 'P5',
      title: 'verifyPass throughput in a Web Worker vs raw crypto.subtle.verify (same signatures, same run)',
      goal: 'ratio ≥ 0.8',
      rows: [
        {
          passes: result.passes,
          'QR text chars': result.qrTextChars,
          'verifyPass /s': Math.round(result.verifyPassPerSec),
          'raw subtle.verify /s': Math.round(result.rawVerifyPerSec),
          ratio: Math.round(result.ratio * 100) / 100,
          rounds: result.samples.length,
          'duration ms': Math.round(result.durationMs),
        },
      ],
      notes: [`worker module: ${verifyBenchSource}`],
    };
  } finally {
    await page.close();
  }
}

async function pIdCard(): Promise<BenchSection> {
  const { rows } = await benchIdCard();
  const total = rows.find((r) => r.step.startsWith('parse + compare'));
  return {
    id: 'P-idcard',
    title: 'Chip ID card QR: parse, compare with the pass, recommend — per card (Node, same V8 as Chromium)',
    goal: 'a small share of the 300 ms card-in-view → result budget (decode time is measured in P-card)',
    rows: rows.map((row) => ({ ...row })),
    notes: [
      'generated consistent cards (test/fixtures/id-cards.ts: Vietnamese names/addresses, CMND empty or present, trailing fields), each step timed alone after a warm-up',
      `whole path p50 ${total?.['p50 µs'] ?? NaN} µs, p95 ${total?.['p95 µs'] ?? NaN} µs`,
    ],
  };
}

export const benchMeasures: Record<string, Measure> = {
  P7: p7,
  'P-idcard': pIdCard,
  P5: p5,
  ...scannerMeasures,
  sizes: measureElementSizes,
  'size-consumer': measureConsumerSizes,
  'size-citizen': measureCitizenSize,
  ...syncMeasures,
  ...serverMeasures,
  P9: p9KioskOfflineReload,
  CARD: cardCheckLatency,
  P10: p10WardPage,
};
