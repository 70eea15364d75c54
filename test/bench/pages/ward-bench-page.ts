// P10 page side: mounts <ck-ward-inbox> against the runner's scripted portal (served by
// playwright routes under /bench-api/) and measures what a clerk waits for, in the page.
import '../../../src/elements/ck-ward-inbox/ck-ward-inbox';
import type { CkWardInbox } from '../../../src/elements/ck-ward-inbox/ck-ward-inbox.component';

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const settled = async () => {
  await frame();
  await frame();
};

let el: CkWardInbox | undefined;
const rowsShown = () => el?.shadowRoot?.querySelectorAll('[role="row"][data-id]').length ?? 0;
const countText = () => el?.shadowRoot?.querySelector('.count')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const elements = () => document.querySelectorAll('*').length + (el?.shadowRoot?.querySelectorAll('*').length ?? 0);

async function until(ok: () => boolean, timeoutMs: number): Promise<void> {
  const start = performance.now();
  while (!ok()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out; count: ${countText()}`);
    await frame();
  }
}

const bench = {
  /** Mounts the inbox; resolves with ms until the first rows are on screen and until all `total` are loaded. */
  async mount(total: number): Promise<{ firstRowsMs: number; allLoadedMs: number }> {
    const t0 = performance.now();
    el = document.createElement('ck-ward-inbox');
    el.apiBase = '/bench-api';
    el.unitCode = '00070';
    el.date = '2021-08-20';
    el.refreshInterval = 0;
    document.querySelector('#main')?.append(el);
    await until(() => rowsShown() > 0, 30_000);
    const firstRowsMs = performance.now() - t0;
    await until(() => countText() === `${total} lượt`, 120_000);
    await settled();
    return { firstRowsMs, allLoadedMs: performance.now() - t0 };
  },
  /** Sets the filter and waits for the painted result. */
  async filter(text: string): Promise<{ ms: number; updateMs: number; shown: string }> {
    if (!el) throw new Error('not mounted');
    const t0 = performance.now();
    el.filter = text;
    await el.updateComplete;
    const updateMs = performance.now() - t0;
    // Painted: the virtualiser shows the new first row (or none), then the frame that draws it.
    const first = el.visibleMovements[0]?.id;
    const shownFirst = () => el?.shadowRoot?.querySelector<HTMLElement>('[role="row"][data-id]')?.dataset.id;
    while (first !== undefined && shownFirst() !== first) await new Promise((r) => setTimeout(r, 0));
    await frame();
    return { ms: performance.now() - t0, updateMs, shown: countText() };
  },
  /** Scrolls the list through `steps` positions; the most elements seen at once. */
  async scroll(steps: number): Promise<{ maxElements: number; rowsAtEnd: number }> {
    const list = el?.shadowRoot?.querySelector<HTMLElement>('.list');
    if (!list) throw new Error('no list');
    list.scrollIntoView({ block: 'end' });
    let maxElements = elements();
    for (let i = 0; i <= steps; i += 1) {
      list.scrollTop = ((list.scrollHeight - list.clientHeight) * i) / steps;
      await settled();
      maxElements = Math.max(maxElements, elements());
    }
    return { maxElements, rowsAtEnd: rowsShown() };
  },
};

(window as unknown as { wardBench: typeof bench }).wardBench = bench;
