/// <reference types="node" />
// P10: the ward page with 50,000 passages in one day, in real Chromium. A scripted portal
// (playwright routes; the contract's shapes, built by test/fixtures/ward-feed.ts) serves the
// movements page by page; the page measures first rows, filter and clear-filter times, and the
// most DOM elements seen while scrolling; the heap is read over CDP after a forced GC.
import type { Page } from 'playwright-core';
import { CHECKPOINTS, syntheticDay } from '../fixtures/ward-feed';
import type { BenchContext, BenchSection } from './types';

const TOTAL = 50_000;
const RUNS = 3;

interface Bench {
  mount(total: number): Promise<{ firstRowsMs: number; allLoadedMs: number }>;
  filter(text: string): Promise<{ ms: number; updateMs: number; shown: string }>;
  scroll(steps: number): Promise<{ maxElements: number; rowsAtEnd: number }>;
}

async function servePortal(page: Page, items: ReturnType<typeof syntheticDay>): Promise<void> {
  const json = (body: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route('**/bench-api/**', async (route) => {
    const url = new URL(route.request().url());
    const path = url.pathname.replace(/^\/bench-api\//, '');
    if (path === 'checkpoints') return route.fulfill(json({ items: CHECKPOINTS }));
    if (path === 'wards/00070/contacts') return route.fulfill(json({ items: [], lastEventId: 'e1' }));
    if (path === 'wards/00070/movements') {
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const offset = Number((url.searchParams.get('cursor') ?? 'o0').slice(1));
      const slice = items.slice(offset, offset + limit);
      const nextCursor = offset + limit < items.length ? `o${offset + limit}` : null;
      return route.fulfill(json({ unitCode: '00070', date: '2021-08-20', direction: null, items: slice, nextCursor, lastEventId: 'e1' }));
    }
    return route.fulfill({ status: 404, contentType: 'application/json', body: '{"errors":[{"code":"not-found","message":""}]}' });
  });
}

const range = (values: number[], digits = 0) => {
  const f = (v: number) => v.toFixed(digits);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? f(lo) : `${f(lo)}–${f(hi)}`;
};

export async function p10WardPage(context: BenchContext): Promise<BenchSection> {
  const items = syntheticDay(TOTAL);
  const runs: Record<string, number>[] = [];
  let notes: string[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const page = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await servePortal(page, items);
      const cdp = await page.context().newCDPSession(page);
      await page.goto(`${context.baseUrl}/test/bench/pages/ward-bench.html`);
      await page.waitForFunction('window.wardBench !== undefined');
      const mounted = await page.evaluate(`window.wardBench.mount(${TOTAL})`) as Awaited<ReturnType<Bench['mount']>>;
      const huong = await page.evaluate(`window.wardBench.filter('huong')`) as Awaited<ReturnType<Bench['filter']>>;
      const narrower = await page.evaluate(`window.wardBench.filter('huong dang')`) as Awaited<ReturnType<Bench['filter']>>;
      const cleared = await page.evaluate(`window.wardBench.filter('')`) as Awaited<ReturnType<Bench['filter']>>;
      const scrolled = await page.evaluate('window.wardBench.scroll(40)') as Awaited<ReturnType<Bench['scroll']>>;
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const counters = await cdp.send('Memory.getDOMCounters');
      runs.push({
        firstRowsMs: mounted.firstRowsMs, allLoadedMs: mounted.allLoadedMs, filterMs: huong.ms, filterUpdateMs: huong.updateMs, clearUpdateMs: cleared.updateMs, narrowMs: narrower.ms, clearMs: cleared.ms,
        heapMB: heap.usedSize / 1024 / 1024, maxElements: scrolled.maxElements, cdpNodes: counters.nodes,
      });
      notes = [`filter "huong": ${huong.shown}; "huong dang": ${narrower.shown}; cleared: ${cleared.shown}`];
    } finally {
      await page.close();
    }
  }
  const col = (key: string) => runs.map((r) => r[key] ?? Number.NaN);
  const worst = (key: string) => Math.max(...col(key));
  const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');
  return {
    id: 'P10',
    title: `Ward page, ${TOTAL.toLocaleString('en')} passages in one day (<ck-ward-inbox>, scripted portal, Chromium)`,
    goal: 'first rows ≤ 1 s; filter ≤ 100 ms; JS heap ≤ 60 MB; DOM nodes ≤ 5,000 at any scroll position',
    rows: [{
      runs: runs.length,
      'first rows ms': range(col('firstRowsMs')),
      'all 50k loaded ms': range(col('allLoadedMs')),
      'filter "huong" ms': range(col('filterMs')),
      'of which Lit update ms': range(col('filterUpdateMs')),
      'filter narrowed ms': range(col('narrowMs')),
      'clear filter ms': range(col('clearMs')),
      'of which Lit update (clear) ms': range(col('clearUpdateMs')),
      'JS heap MB (after GC)': range(col('heapMB'), 1),
      'max elements while scrolling': range(col('maxElements')),
      'CDP DOM nodes (incl. text)': range(col('cdpNodes')),
    }],
    notes: [
      ...notes,
      `first rows ${verdict(worst('firstRowsMs') <= 1000)} ≤ 1 s; filter ${verdict(Math.max(worst('filterMs'), worst('narrowMs'), worst('clearMs')) <= 100)} ≤ 100 ms (filter, narrow and clear, each to the painted frame); `
        + `heap ${verdict(worst('heapMB') <= 60)} ≤ 60 MB; DOM ${verdict(worst('maxElements') <= 5000 && worst('cdpNodes') <= 5000)} ≤ 5,000`,
      'filter times run from setting `filter` to the animation frame after the virtualiser shows the new first row (the painted result); elements = document + the inbox shadow root; CDP nodes count text nodes too',
    ],
  };
}
