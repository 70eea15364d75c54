import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { setupWorker } from 'msw/browser';
import type { WardFeedItem } from '../../api/ward-feed';
import { fetchUnits, type AdministrativeUnit } from '../../api/units';
import { readCsv } from '../../../test/fixtures/csv-read';
import { captureDownloads, nextEvent, type DownloadCapture } from '../../../test/fixtures/downloads';
import { contactItem, feedItem, followUp, syntheticDay } from '../../../test/fixtures/ward-feed';
import { scriptedWard, type ScriptedWard } from '../../../test/fixtures/ward-feed-msw';
import './ck-ward-inbox';
import type { CkWardInbox, RouteRequestEvent, WardChangeEvent } from './ck-ward-inbox.component';

const worker = setupWorker();
let units: AdministrativeUnit[];
let ward: ScriptedWard;
let downloads: DownloadCapture | undefined;
const DAY = '2021-08-20';
const at = (hhmm: string) => Date.parse(`${DAY}T${hhmm}:00+07:00`);

before(async () => {
  units = await fetchUnits('/test/fixtures/units-flat.json');
  // The virtualiser measures rows with a ResizeObserver; Chromium reports a benign "loop
  // completed with undelivered notifications" when a measurement changes layout in the same frame.
  const previous = window.onerror;
  window.onerror = (message, ...rest) => (/ResizeObserver loop/.test(String(message)) ? true : previous?.call(window, message, ...rest));
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});
afterEach(async () => {
  ward?.drop();
  downloads?.restore();
  downloads = undefined;
  await emulateMedia({ colorScheme: 'light' });
});
after(() => worker.stop());

function serve(items: WardFeedItem[], contacts = [contactItem()]): ScriptedWard {
  ward = scriptedWard({ items, contacts });
  worker.resetHandlers(...ward.handlers);
  return ward;
}

async function inbox(extra: { refresh?: number; lang?: string; picker?: boolean } = {}): Promise<CkWardInbox> {
  const el = await fixture<CkWardInbox>(html`<ck-ward-inbox api-base="/api" unit-code="00070" date=${DAY}
    lang=${extra.lang ?? 'vi'} refresh-interval=${extra.refresh ?? 0} ?picker=${extra.picker ?? false}
    route-href="#/route/{passId}" .units=${units}></ck-ward-inbox>`);
  await waitUntil(() => el.shadowRoot?.querySelector('.count, p.status:not([role="status"]), [role="alert"]'), 'nothing loaded');
  await el.updateComplete;
  // A virtualised list renders only the rows in view: bring it into view first.
  const list = el.shadowRoot?.querySelector('.list');
  if (list) {
    list.scrollIntoView({ block: 'end' });
    await waitUntil(() => el.shadowRoot?.querySelector('[role="row"][data-id]'), 'no rows rendered');
  }
  return el;
}

const $ = (el: CkWardInbox, selector: string) => el.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
const $$ = (el: CkWardInbox, selector: string) => [...(el.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const rows = (el: CkWardInbox) => $$(el, '[role="row"][data-id]');
const settle = async (el: CkWardInbox) => {
  await el.updateComplete;
  await aTimeout(50);
  await el.updateComplete;
};
const domNodes = (el: CkWardInbox) => (el.shadowRoot?.querySelectorAll('*').length ?? 0) + document.querySelectorAll('*').length;

/** Four travellers, each stopped for checks and allowed after three follow-ups. */
function followedUp(): WardFeedItem[] {
  return ['Trần Thị Hoa', 'Phạm Văn Đức', 'Lê Hoàng Nam', 'Vũ Thu Hà'].map((name, i) => {
    let item = feedItem({ atMs: at(`${String(8 + i).padStart(2, '0')}:00`), decision: 'refer', person: { fullName: name } });
    for (let k = 1; k <= 3; k += 1) item = followUp(item, k === 3 ? 'allow' : 'refer', k * 4);
    return item;
  });
}

describe('<ck-ward-inbox>: the ward defects of issue 14', () => {
  it('follow-up decisions amend their row: 4 travellers are 4 arrivals, the history inside', async () => {
    serve(followedUp());
    const el = await inbox();
    expect(rows(el)).to.have.length(4);
    expect(text($(el, '[part~="view-filter"]'))).to.contain('Người đến (4)');
    const first = rows(el)[0];
    expect(text(first)).to.contain('Vũ Thu Hà').and.contain('Cho qua').and.contain('Lịch sử quyết định (4)');
    const history = first?.querySelector('details');
    expect(history?.querySelectorAll('li')).to.have.length(4);
  });

  it('a follow-up arriving live replaces its row, it does not add one', async () => {
    const [a, b] = [feedItem({ atMs: at('08:00'), decision: 'refer' }), feedItem({ atMs: at('09:00') })];
    serve([a, b]);
    const el = await inbox({ refresh: 5 });
    await waitUntil(() => ward.streams() === 1, 'no stream');
    ward.emit('movement', followUp(a, 'allow', 10));
    ward.emit('movement', followUp(a, 'allow', 10)); // a duplicate on the wire changes nothing
    await waitUntil(() => text(rows(el)[1]).includes('Lịch sử quyết định (2)'), 'row not amended');
    expect(rows(el)).to.have.length(2);
    expect(text($(el, '[part~="view-filter"]'))).to.contain('Người đến (2)');
  });

  it('denied and outward passages are not listed as arrivals', async () => {
    serve([
      feedItem({ atMs: at('08:00'), relation: 'arrival', person: { fullName: 'Đến Được' } }),
      feedItem({ atMs: at('09:00'), relation: 'arrival', decision: 'deny', verdictStatus: 'expired', person: { fullName: 'Bị Quay Đầu' } }),
      feedItem({ atMs: at('10:00'), relation: 'departure', checkpointDirection: 'out', person: { fullName: 'Người Đi' } }),
    ]);
    const el = await inbox();
    el.view = 'arrival';
    await settle(el);
    expect(rows(el).map((r) => text(r.querySelector('.name')))).to.deep.equal(['Đến Được']);
    el.view = 'turned-back';
    await settle(el);
    expect(rows(el).map((r) => text(r.querySelector('.name')))).to.deep.equal(['Bị Quay Đầu']);
    expect(text(rows(el)[0])).to.contain('Không cho qua').and.contain('(Đến)').and.contain('Hết hạn');
    el.view = 'departure';
    await settle(el);
    expect(rows(el).map((r) => text(r.querySelector('.name')))).to.deep.equal(['Người Đi']);
  });

  it('the text filter looks at people and passes only: "huong" finds Hương, not every "Phường …"', async () => {
    serve([
      feedItem({ atMs: at('08:00'), person: { fullName: 'Nguyễn Thị Hương' }, originUnit: '00001' }),
      feedItem({ atMs: at('09:00'), person: { fullName: 'Trần Văn Bình' }, originUnit: '00001' }),
      feedItem({ atMs: at('10:00'), person: { fullName: 'Lê Văn Cường' }, originUnit: '00004' }),
    ]);
    const el = await inbox();
    expect(text(rows(el)[0])).to.contain('Phường'); // the ward names are on screen…
    el.filter = 'huong';
    await settle(el);
    expect(rows(el).map((r) => text(r.querySelector('.name')))).to.deep.equal(['Nguyễn Thị Hương']);
    el.filter = 'phuong';
    await settle(el);
    expect(rows(el)).to.have.length(0); // …but not searched
    expect(text($(el, '.status'))).to.equal('Không có lượt nào khớp bộ lọc.');
  });

  it('status words, never codes: unverified-manual on screen and in the CSV', async () => {
    serve([feedItem({ atMs: at('08:00'), verdictStatus: 'unverified-manual', passId: null, manualCode: 'ABCDE-FGHJK', person: null })]);
    const el = await inbox();
    expect(text(rows(el)[0])).to.contain('Nhập tay, chưa xác minh').and.not.contain('unverified-manual');
    downloads = captureDownloads();
    $(el, '[part~="export-button"]')?.click();
    const [file] = await downloads.read();
    expect(file?.filename).to.equal(`ck-ward-00070-${DAY}.csv`);
    expect(file?.text).to.not.contain('unverified-manual');
    const table = readCsv((file?.text ?? '').slice(1));
    expect(table[1]?.[table[0]?.indexOf('Kết quả kiểm tra') ?? -1]).to.equal('Nhập tay, chưa xác minh');
  });

  it('checkpoints by name and road, and health flags in words', async () => {
    serve([feedItem({ atMs: at('08:00'), checkpointId: 'BN-QL18-02', flags: { positiveTest: true, riskArea: true }, idCheck: 'mismatch' })]);
    const el = await inbox();
    await waitUntil(() => text(rows(el)[0]).includes('Chốt cầu Đông Xuyên'), 'no checkpoint name');
    const row = text(rows(el)[0]);
    expect(row).to.contain('QL18').and.contain('Xét nghiệm dương tính').and.contain('Từ vùng nguy cơ');
    expect(row).to.not.contain('BN-QL18-02');
  });

  it('the ward picker is a searchable combobox (keyboard only)', async () => {
    serve([feedItem({ atMs: at('08:00') })]);
    const el = await inbox({ picker: true });
    const input = $(el, 'input[role="combobox"]') as HTMLInputElement;
    await waitUntil(() => input.value === 'Phường Hàng Trống', 'picker shows the ward');
    input.focus();
    input.select();
    await sendKeys({ type: 'phuc xa' });
    await settle(el);
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    const options = $$(el, '[role="option"]').map((o) => text(o));
    expect(options[0]).to.contain('Phường Phúc Xá');
    expect(options.length).to.be.lessThan(5);
    const changed = nextEvent<WardChangeEvent>('ck-ward-change');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect((await changed).detail.unitCode).to.equal('00001');
    expect(el.unitCode).to.equal('00001');
  });

  it('50,000 rows: the DOM stays under 5,000 nodes at any scroll position, and filtering works over all of them', async function fiftyThousand() {
    this.timeout(180_000);
    serve(syntheticDay(50_000, DAY), []);
    const el = await inbox();
    await waitUntil(() => !text($(el, '.count')).includes('…'), 'the rest did not load', { timeout: 60_000 });
    expect(text($(el, '.count'))).to.equal('50000 lượt');
    const list = $(el, '.list') as HTMLElement;
    let max = 0;
    for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
      list.scrollTop = (list.scrollHeight - list.clientHeight) * fraction;
      await aTimeout(60);
      max = Math.max(max, domNodes(el));
    }
    expect(max).to.be.lessThan(5000);
    el.filter = 'huong';
    await settle(el);
    $(el, '.list')?.scrollIntoView({ block: 'end' });
    const matching = Number(/^(\d+) \/ 50000/.exec(text($(el, '.count')))?.[1]);
    expect(matching).to.be.greaterThan(1000);
    el.filter = '';
    await settle(el);
    expect(domNodes(el)).to.be.lessThan(5000);
    expect(ward.calls.filter((c) => c.path.endsWith('/movements'))[0]?.search.get('limit')).to.equal('200');
  });
});

describe('<ck-ward-inbox>: live updates', () => {
  it('shows a new passage and a delivered contact from the event stream, announced politely', async () => {
    serve([feedItem({ atMs: at('08:00') })], []);
    const el = await inbox({ refresh: 5 });
    await waitUntil(() => ward.streams() === 1, 'no stream');
    expect(text($(el, '.live'))).to.equal('Cập nhật trực tiếp');
    expect(text($(el, '[part~="contacts"]'))).to.contain('Người cần theo dõi (0)');
    ward.emit('movement', feedItem({ atMs: at('09:00'), person: { fullName: 'Người Mới' } }));
    ward.emit('contact', contactItem({ person: { fullName: 'Đỗ Thu Trang' } }));
    await waitUntil(() => rows(el).length === 2 && text($(el, '[part~="contacts"]')).includes('Đỗ Thu Trang'), 'no live rows');
    expect(text(rows(el)[0])).to.contain('Người Mới').and.contain('Mới');
    expect(text($(el, '[role="status"]'))).to.equal('Có 1 lượt mới; tổng 2 lượt.');
    expect(text($(el, '[part~="contacts"]'))).to.contain('Đi cùng xe').and.contain('Chốt Pháp Vân');
  });

  it('resumes after a dropped stream from the last event id: nothing missed, nothing twice', async () => {
    serve([feedItem({ atMs: at('08:00') })], []);
    const el = await inbox({ refresh: 5 });
    await waitUntil(() => ward.streams() === 1, 'no stream');
    const seen = ward.emit('movement', feedItem({ atMs: at('09:00') }));
    await waitUntil(() => rows(el).length === 2, 'first event');
    ward.drop();
    ward.change('movement', feedItem({ atMs: at('10:00'), person: { fullName: 'Trong Lúc Mất Kết Nối' } }));
    await waitUntil(() => rows(el).length === 3, 'missed event not replayed');
    const streamCalls = ward.calls.filter((c) => c.path.endsWith('/events'));
    expect(streamCalls.at(-1)?.lastEventId).to.equal(seen);
    await aTimeout(100);
    expect(rows(el)).to.have.length(3);
  });

  it('polls with `since` where the portal has no event stream', async () => {
    serve([feedItem({ atMs: at('08:00') })], []);
    ward.eventsMode = 'none';
    const el = await inbox({ refresh: 2 });
    await waitUntil(() => text($(el, '.live')) === 'Cập nhật định kỳ', 'not polling');
    ward.change('movement', feedItem({ atMs: at('11:00'), person: { fullName: 'Qua Polling' } }));
    await waitUntil(() => rows(el).length === 2, 'poll did not bring the row', { timeout: 8000 });
    const since = ward.calls.filter((c) => c.path.endsWith('/movements') && c.search.has('since'));
    expect(since.length).to.be.greaterThan(0);
    expect(since[0]?.search.get('since')).to.match(/^e\d+$/);
  });

  it('stops reading its stream when removed from the page, and resumes when put back', async () => {
    serve([feedItem({ atMs: at('08:00') })], []);
    const el = await inbox({ refresh: 5 });
    await waitUntil(() => ward.streams() === 1, 'no stream');
    const parent = el.parentElement as HTMLElement;
    el.remove();
    ward.emit('movement', feedItem({ atMs: at('09:00') }));
    await aTimeout(200);
    expect(el.visibleMovements).to.have.length(1);
    const before = ward.calls.filter((c) => c.path.endsWith('/events')).length;
    parent.append(el);
    await waitUntil(() => ward.calls.filter((c) => c.path.endsWith('/events')).length > before, 'no new stream');
    await waitUntil(() => el.visibleMovements.length === 2, 'missed event not replayed after reconnect');
  });
});

describe('<ck-ward-inbox>: route links, errors, accessibility', () => {
  it('a row links to the route and fires a cancelable ck-route-request (keyboard)', async () => {
    const item = feedItem({ atMs: at('08:00'), person: { fullName: 'Trần Thị Hoa' } });
    serve([item]);
    const el = await inbox();
    const link = rows(el)[0]?.querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).to.equal(`#/route/${item.passId}`);
    link.focus();
    const requested = nextEvent<RouteRequestEvent>('ck-route-request');
    document.addEventListener('ck-route-request', (e) => e.preventDefault(), { once: true });
    await sendKeys({ press: 'Enter' });
    expect((await requested).detail.passId).to.equal(item.passId);
  });

  it('shows a server failure with a retry', async () => {
    serve([feedItem({ atMs: at('08:00') })]);
    let fail = true;
    const { http, HttpResponse } = await import('msw');
    worker.use(http.get('/api/wards/00070/movements', () => (fail ? HttpResponse.json({ errors: [{ code: 'x', message: '' }] }, { status: 503 }) : undefined)));
    const el = await inbox();
    expect(text($(el, '[role="alert"]'))).to.contain('Máy chủ đang gặp lỗi');
    fail = false;
    ($(el, '[role="alert"] button') as HTMLButtonElement).click();
    await waitUntil(() => rows(el).length === 1, 'retry did not load');
  });

  it('says in words that nobody is signed in (401) or the account may not see the ward (403)', async () => {
    const { http, HttpResponse } = await import('msw');
    for (const [status, words] of [[401, 'Cần đăng nhập'], [403, 'không được phép xem']] as const) {
      serve([]);
      worker.use(http.get('/api/wards/00070/movements', () => HttpResponse.json({ errors: [{ code: 'x', message: '' }] }, { status })));
      const el = await inbox();
      await waitUntil(() => text($(el, '[role="alert"]')).includes(words), `no words for ${status}`);
      el.remove();
    }
  });

  it('is axe-clean in Vietnamese and English, light and dark, with the picker and contacts', async () => {
    serve([...followedUp(), feedItem({ atMs: at('12:00'), decision: 'deny', flags: { symptoms: true } })]);
    const el = await inbox({ picker: true });
    await expect(el).to.be.accessible();
    el.setAttribute('lang', 'en');
    await waitUntil(() => text($(el, 'h2')).startsWith('Arrivals and departures'), 'no English');
    expect(text(rows(el)[0])).to.contain('Not let through').and.contain('Symptoms');
    await expect(el).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    await expect(el).to.be.accessible();
  });
});
