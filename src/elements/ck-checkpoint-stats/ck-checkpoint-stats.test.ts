import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { onDarkPage } from '../../../test/fixtures/dark-page';
import { nextEvent } from '../../../test/fixtures/downloads';
import { CHECKPOINTS, DEVICES, seededDay, statsAnswer, type RawPassage } from '../../../test/fixtures/tracing';
import './ck-checkpoint-stats';
import type { CkCheckpointStats, StatsLoadedEvent } from './ck-checkpoint-stats.component';

const worker = setupWorker();
const DATE = '2021-08-14';
let raw: RawPassage[];
let statsRequests: string[] = [];
let streams: ReadableStreamDefaultController<Uint8Array>[] = [];
/** The Last-Event-ID each stream request resumed from (null: none). */
let resumes: (string | null)[] = [];

function handlers(answer?: () => Response) {
  return [
    http.get('/api/stats/checkpoints', ({ request }) => {
      statsRequests.push(request.url);
      if (answer) return answer();
      const date = new URL(request.url).searchParams.get('date') ?? '';
      return HttpResponse.json(statsAnswer(date, date === DATE ? raw : [], DEVICES));
    }),
    http.get('/api/checkpoints/events', ({ request }) => {
      resumes.push(request.headers.get('Last-Event-ID'));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          streams.push(controller);
          controller.enqueue(new TextEncoder().encode('retry: 3000\n\n'));
        },
      });
      return new HttpResponse(stream, { headers: { 'Content-Type': 'text/event-stream' } });
    }),
  ];
}

before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
beforeEach(() => {
  raw = seededDay(DATE, 2400, 20210814);
  statsRequests = [];
  streams = [];
  resumes = [];
  worker.resetHandlers(...handlers());
});
after(() => worker.stop());

const $ = (el: CkCheckpointStats, selector: string) => el.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
const $$ = (el: CkCheckpointStats, selector: string) => [...(el.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const num = (node: Element | null) => Number(text(node).replace(/[^\d]/g, ''));
/** Vietnam hour of an instant, computed without Intl or the model. */
const vnHour = (ms: number) => Math.floor(((ms / 3_600_000) + 7) % 24);

async function shown(lang = 'vi', attrs: { noLive?: boolean } = {}): Promise<CkCheckpointStats> {
  const done = nextEvent<StatsLoadedEvent>('ck-checkpoint-stats-loaded');
  const el = await fixture<CkCheckpointStats>(html`<ck-checkpoint-stats api-base="/api" date=${DATE} lang=${lang} ?no-live=${attrs.noLive ?? false}></ck-checkpoint-stats>`);
  await done;
  await el.updateComplete;
  return el;
}

describe('<ck-checkpoint-stats> a seeded day', () => {
  it('shows per checkpoint what counting the raw passages gives', async () => {
    const el = await shown();
    expect(statsRequests.map((u) => new URL(u).searchParams.get('date'))).to.deep.equal([DATE]);
    for (const checkpoint of CHECKPOINTS) {
      const own = raw.filter((p) => p.checkpointId === checkpoint.id);
      const row = $(el, `[part~="checkpoints-table"] tbody tr[data-checkpoint="${checkpoint.id}"]`);
      const cell = (field: string) => num(row?.querySelector(`[data-field="${field}"]`) ?? null);
      expect(cell('in'), `${checkpoint.id} in`).to.equal(own.filter((p) => p.direction === 'in').length);
      expect(cell('out'), `${checkpoint.id} out`).to.equal(own.filter((p) => p.direction === 'out').length);
      expect(cell('allow')).to.equal(own.filter((p) => p.decision === 'allow').length);
      expect(cell('deny')).to.equal(own.filter((p) => p.decision === 'deny').length);
      expect(cell('refer')).to.equal(own.filter((p) => p.decision === 'refer').length);
      expect(cell('fromRiskAreas')).to.equal(own.filter((p) => p.riskArea && p.direction === 'in').length);
      expect(cell('idMismatch')).to.equal(own.filter((p) => p.idMismatch).length);
      expect(text(row?.querySelector('th') ?? null)).to.contain(checkpoint.name);
    }
    // The day at a glance.
    const glance = (field: string) => num($(el, `[part~="glance"] [data-field="${field}"] dd`));
    expect(glance('in') + glance('out')).to.equal(raw.length);
    expect(glance('deny')).to.equal(raw.filter((p) => p.decision === 'deny').length);
    expect(glance('offline')).to.equal(1);
    expect(glance('staleTrust')).to.equal(1);
    expect(glance('lostRecords')).to.equal(3);
  });

  it('shows kiosk health per checkpoint in words', async () => {
    const el = await shown();
    const attention = (id: string) => text($(el, `tr[data-checkpoint="${id}"] [data-field="attention"]`));
    expect(attention('HN-QL1A-01')).to.equal('⚠ 1 máy mất kết nối, 3 bản ghi bị mất');
    expect(attention('HN-QL5-02')).to.equal('⚠ 1 máy có danh sách tin cậy quá cũ');
    expect(attention('HN-QL32-03')).to.equal('✓ Bình thường');
  });

  it('has a data table behind every chart, hour by hour, for all checkpoints or one', async () => {
    const el = await shown();
    const charts = $$(el, '[part~="chart"]');
    expect(charts).to.have.length(3);
    for (const chart of charts) {
      const toggle = chart.querySelector('button') as HTMLButtonElement;
      const table = chart.querySelector('table') as HTMLTableElement;
      expect(table.hidden).to.equal(true);
      expect(toggle.getAttribute('aria-controls')).to.equal(table.id);
      toggle.click();
      await el.updateComplete;
      expect(table.hidden).to.equal(false);
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    }
    const passages = $(el, '[data-chart="passages"] table') as HTMLTableElement;
    const rows = [...passages.tBodies[0]?.rows ?? []];
    expect(rows).to.have.length(24);
    for (const [hour, row] of rows.entries()) {
      const at = raw.filter((p) => vnHour(p.at) === hour);
      expect(num(row.querySelector('[data-field="in"]')), `hour ${hour}`).to.equal(at.filter((p) => p.direction === 'in').length);
      expect(num(row.querySelector('[data-field="out"]'))).to.equal(at.filter((p) => p.direction === 'out').length);
    }
    expect(text(rows[7]?.querySelector('th') ?? null)).to.equal('07:00–07:59');
    // One checkpoint: the hourly tables narrow to it.
    const select = $(el, '#checkpoint') as HTMLSelectElement;
    select.value = 'HN-QL5-02';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const decisions = $(el, '[data-chart="decisions"] table') as HTMLTableElement;
    const own = raw.filter((p) => p.checkpointId === 'HN-QL5-02');
    for (const [hour, row] of [...decisions.tBodies[0]?.rows ?? []].entries()) {
      expect(num(row.querySelector('[data-field="deny"]')), `hour ${hour}`).to.equal(own.filter((p) => vnHour(p.at) === hour && p.decision === 'deny').length);
    }
    expect(num(decisions.tFoot?.querySelector('[data-field="allow"]') ?? null)).to.equal(own.filter((p) => p.decision === 'allow').length);
  });

  it('draws the charts with uPlot into the shadow root, without inline style attributes from markup', async () => {
    const el = await shown();
    await waitUntil(() => $$(el, '[part~="chart"] canvas').length === 3, 'uPlot did not draw three charts', { timeout: 10_000 });
    for (const plot of $$(el, '.plot')) expect(plot.getAttribute('aria-hidden')).to.equal('true');
    // No <style> element and no <link> injected anywhere: styles are adopted stylesheets.
    expect(el.shadowRoot?.querySelector('style, link')).to.equal(null);
    expect(document.head.querySelector('style[data-uplot], link[href*="uplot"]')).to.equal(null);
  });

  it('places located checkpoints on the schematic and names the ones without coordinates', async () => {
    const el = await shown();
    const svg = $(el, '[part~="schematic"] svg');
    expect(svg?.getAttribute('role')).to.equal('img');
    expect(svg?.getAttribute('aria-label')).to.contain('3 chốt');
    expect($$(el, 'svg g.checkpoint').map((g) => g.dataset.checkpoint)).to.deep.equal(['HN-QL1A-01', 'HN-QL5-02', 'HN-QL32-03']);
    expect($$(el, 'svg g.attention').map((g) => g.dataset.checkpoint)).to.deep.equal(['HN-QL1A-01', 'HN-QL5-02']);
    // The registry's name is text, not markup.
    expect(text($(el, '[part~="schematic"]'))).to.contain('Chưa có toạ độ: Chốt tạm <b>Ba Vì</b>.');
    expect(el.shadowRoot?.querySelector('b')).to.equal(null);
    const y = (id: string) => Number($(el, `g[data-checkpoint="${id}"] circle`)?.getAttribute('cy'));
    expect(y('HN-QL32-03')).to.be.below(y('HN-QL1A-01'));
  });

  it('prints the report: controls hidden, every table shown', async () => {
    const el = await shown();
    try {
      await emulateMedia({ media: 'print' });
      expect(getComputedStyle($(el, '[part~="toolbar"]') as HTMLElement).display).to.equal('none');
      for (const table of $$(el, '[part~="chart-table"]')) expect(getComputedStyle(table).display).to.equal('table');
      expect(getComputedStyle($(el, '.report-heading') as HTMLElement).display).to.equal('block');
      expect(text($(el, '.report-heading'))).to.equal('Báo cáo ngày 14/08/2021');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });
});

describe('<ck-checkpoint-stats> errors and live', () => {
  it('says 401, 403 and 400 in words', async () => {
    const cases: [number, string, string][] = [
      [401, 'login-required', 'Cần đăng nhập để xem số liệu các chốt.'],
      [403, 'forbidden', 'không được xem số liệu các chốt'],
      [400, 'invalid-format', 'Máy chủ không nhận yêu cầu này. Kiểm tra ngày.'],
    ];
    for (const [status, code, words] of cases) {
      worker.resetHandlers(...handlers(() => HttpResponse.json({ errors: [{ code }] }, { status })));
      const el = await fixture<CkCheckpointStats>(html`<ck-checkpoint-stats api-base="/api" login-href="/auth/login" date=${DATE}></ck-checkpoint-stats>`);
      await waitUntil(() => text($(el, '[part~="error"]')).includes(words), `${status}: ${text($(el, '[part~="base"]'))}`);
      if (status === 401) expect($(el, '[part~="sign-in"]')?.getAttribute('href')).to.equal('/auth/login');
    }
  });

  it('reloads once (debounced) when passages of the shown day arrive, and not for another day', async () => {
    const el = await shown();
    await waitUntil(() => streams.length > 0, 'the passage stream was not opened');
    const frame = (at: string, i: number) => new TextEncoder().encode(`id: ${i}\nevent: passage\ndata: ${JSON.stringify({
      passageId: `0190a3c2-7b1e-7c3d-9f00-00000000000${i}`, checkpointId: 'HN-QL5-02', at, direction: 'in', decision: 'deny', relationUnits: ['00070', '09289'],
    })}\n\n`);
    // A new passage: the server's answer grows by one.
    raw = [...raw, { checkpointId: 'HN-QL5-02', at: Date.parse(`${DATE}T10:00:00+07:00`), direction: 'in', decision: 'deny', riskArea: false, idMismatch: false }];
    streams[0]?.enqueue(frame('2021-08-15T05:00:00Z', 1));
    streams[0]?.enqueue(frame(`${DATE}T03:00:00Z`, 2));
    streams[0]?.enqueue(frame(`${DATE}T03:00:01Z`, 3));
    await waitUntil(() => statsRequests.length === 2, 'no reload', { timeout: 8000 });
    await waitUntil(() => num($(el, '[part~="glance"] [data-field="deny"] dd')) === raw.filter((p) => p.decision === 'deny').length, 'the new deny is not shown');
    await new Promise((r) => setTimeout(r, 2000));
    expect(statsRequests).to.have.length(2);
  });

  it('resumes a dropped stream from the last id (replays dropped, no reload), and reloads once on event: reset', async () => {
    await shown();
    await waitUntil(() => streams.length > 0, 'the passage stream was not opened');
    const passage = new TextEncoder().encode(`id: 41\nevent: passage\ndata: ${JSON.stringify({
      passageId: '0190a3c2-7b1e-7c3d-9f00-000000000041', checkpointId: 'HN-QL5-02', at: `${DATE}T03:00:00Z`, direction: 'in', decision: 'allow', relationUnits: ['00070', '09289'],
    })}\n\n`);
    streams[0]?.enqueue(passage);
    await waitUntil(() => statsRequests.length === 2, 'no reload after a passage of the day', { timeout: 8000 });
    streams[0]?.close();
    // The retry the server asked for (3 s, with jitter) before the reconnect.
    await waitUntil(() => streams.length === 2, 'no reconnect', { timeout: 8000 });
    expect(resumes).to.deep.equal([null, '41']);
    // The server replays what followed id 41; the same id again is not news.
    streams[1]?.enqueue(passage);
    await new Promise((r) => setTimeout(r, 2000));
    expect(statsRequests).to.have.length(2);
    streams[1]?.enqueue(new TextEncoder().encode('id: 99\nevent: reset\ndata: {"lastEventId":"99"}\n\n'));
    await waitUntil(() => statsRequests.length === 3, 'no reload after reset', { timeout: 8000 });
    await waitUntil(() => streams.length === 3, 'no reconnect after reset');
    expect(resumes[2]).to.equal('99');
    await new Promise((r) => setTimeout(r, 2000));
    expect(statsRequests).to.have.length(3);
  });
});

describe('<ck-checkpoint-stats> accessibility', () => {
  it('is axe-clean in Vietnamese and English, light and dark, tables open', async () => {
    const el = await shown('vi', { noLive: true });
    for (const toggle of $$(el, '.table-toggle')) toggle.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.setAttribute('lang', 'en');
    await waitUntil(() => text($(el, 'h2')) === 'Checkpoints at a glance');
    await expect(el).to.be.accessible();
    await onDarkPage(() => expect(el).to.be.accessible());
  });

  it('is usable by keyboard alone: day, checkpoint, table toggles', async () => {
    const box = await fixture<HTMLDivElement>(html`<div><button id="before">before</button>
      <ck-checkpoint-stats api-base="/api" date=${DATE} no-live></ck-checkpoint-stats></div>`);
    const el = box.querySelector('ck-checkpoint-stats') as CkCheckpointStats;
    await waitUntil(() => $$(el, '[part~="chart"]').length === 3);
    (box.querySelector('#before') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.id).to.equal('date');
    // A date field takes one Tab per part (day, month, year) and its picker button.
    for (let i = 0; i < 6 && el.shadowRoot?.activeElement?.id === 'date'; i++) await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.id).to.equal('checkpoint');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.checkpointId).to.equal(CHECKPOINTS[0]?.id);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.getAttribute('part')).to.contain('print-button');
    await sendKeys({ press: 'Tab' });
    const toggle = el.shadowRoot?.activeElement as HTMLElement;
    expect(toggle.classList.contains('table-toggle')).to.equal(true);
    expect(toggle.getBoundingClientRect().height).to.be.at.least(44);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(($(el, '[data-chart="passages"] table') as HTMLTableElement).hidden).to.equal(false);
  });
});
