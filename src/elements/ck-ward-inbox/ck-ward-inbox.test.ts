import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createDemoBackend, type DemoBackend } from '../../../demo/backend/backend';
import { createDemoHandlers } from '../../../demo/backend/msw-handlers';
import type { WardMovementsPage } from '../../api/contract';
import { fetchUnits, type AdministrativeUnit } from '../../api/units';
import { addDays, vietnamDate } from '../../core/dates';
import { newPassId } from '../../core/issue';
import { manualCode } from '../../core/manual-code';
import { readCsv } from '../../../test/fixtures/csv-read';
import { captureDownloads, nextEvent, type DownloadCapture } from '../../../test/fixtures/downloads';
import { declarePass, HOSTILE, movementRow, newKiosk, RLO, type PortalClient, type TestKiosk } from '../../../test/fixtures/portal-backend';
import './ck-ward-inbox';
import type { CkWardInbox, RouteRequestEvent } from './ck-ward-inbox.component';

const worker = setupWorker();
let backend: DemoBackend;
let client: PortalClient;
let units: AdministrativeUnit[];
/** Every movements request: its query string and the answer's status. */
let feedCalls: { search: URLSearchParams; status: number }[] = [];
let downloads: DownloadCapture | undefined;

before(async () => {
  backend = await createDemoBackend({ base: '/api', seed: false });
  client = { base: `${location.origin}/api`, send: (request) => backend.handle(request) };
  units = await fetchUnits('/test/fixtures/units-flat.json');
  worker.events.on('response:mocked', ({ request, response }) => {
    const url = new URL(request.url);
    if (/^\/api\/wards\/[^/]+\/movements$/.test(url.pathname)) feedCalls.push({ search: url.searchParams, status: response.status });
  });
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});
beforeEach(async () => {
  await backend.reset({ seed: false });
  worker.resetHandlers(...createDemoHandlers(backend, { base: '/api' }));
  feedCalls = [];
});
afterEach(async () => {
  downloads?.restore();
  downloads = undefined;
  Reflect.deleteProperty(document, 'visibilityState');
  delete (window as { __pwned?: unknown }).__pwned;
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  await emulateMedia({ colorScheme: 'light' });
});
after(() => worker.stop());

/** Yesterday in Vietnam: a whole past day, so the tests do not depend on the time of day. */
const day = () => addDays(vietnamDate(new Date()), -1);
const at = (hhmm: string) => Date.parse(`${day()}T${hhmm}:00+07:00`);

interface Ward {
  passA: string;
  passB: string;
  passC: string;
  unknownCode: string;
  hn: TestKiosk;
  bn: TestKiosk;
}

/**
 * Ward 00070 (Phường Hàng Trống) on `day()`: A leaves for 09289 (two departures, 08:00 and
 * 09:30), B comes from 09289 (two arrivals, 10:15 and 11:00), C comes from 00001 by manual code
 * (12:00), and an unknown manual code arrives (12:30).
 */
async function wardDay(): Promise<Ward> {
  const passA = await declarePass(client, { fullName: 'Trần Thị Hoa' });
  const passB = await declarePass(client, {
    fullName: 'Phạm Văn Đức',
    origin: { provinceCode: '27', unitCode: '09289', address: 'Thôn Ngọc Xá, Quế Võ' },
    destination: { provinceCode: '01', unitCode: '00070', address: '5 Lý Quốc Sư, Hoàn Kiếm' },
  });
  const passC = await declarePass(client, {
    fullName: 'Lê Hoàng Nam',
    origin: { provinceCode: '01', unitCode: '00001', address: '3 Phó Đức Chính, Ba Đình' },
    destination: { provinceCode: '01', unitCode: '00070', address: '9 Hàng Bạc, Hoàn Kiếm' },
  });
  const hn = await newKiosk(client, 'HN-QL1A-01', 'CA-HN-0042');
  const bn = await newKiosk(client, 'BN-QL18-02', 'CA-BN-0117');
  const a = { passId: passA, originUnit: '00070', destinationUnit: '09289' };
  const b = { passId: passB, originUnit: '09289', destinationUnit: '00070' };
  await hn.pass({ ...a, direction: 'out', at: at('08:00') });
  await bn.pass({ ...a, direction: 'in', at: at('09:30') });
  await bn.pass({ ...b, direction: 'out', at: at('10:15') });
  await hn.pass({ ...b, direction: 'in', at: at('11:00'), decision: 'refer' });
  await hn.pass({ manualCode: manualCode(passC), originUnit: '00001', destinationUnit: '00070', direction: 'in', at: at('12:00') });
  const unknownCode = manualCode(newPassId());
  await hn.pass({ manualCode: unknownCode, originUnit: '00157', destinationUnit: '00070', direction: 'in', at: at('12:30'), decision: 'deny', verdictStatus: 'revoked' });
  return { passA, passB, passC, unknownCode, hn, bn };
}

async function inbox(extra: { pageSize?: number; refresh?: number; lang?: string; date?: string; routeHref?: string } = {}): Promise<CkWardInbox> {
  const el = await fixture<CkWardInbox>(html`<ck-ward-inbox api-base="/api" unit-code="00070" date=${extra.date ?? day()}
    lang=${extra.lang ?? 'vi'} page-size=${extra.pageSize ?? 50} refresh-interval=${extra.refresh ?? 0}
    route-href=${extra.routeHref ?? '#/route/{passId}'} .units=${units}></ck-ward-inbox>`);
  await waitUntil(() => el.shadowRoot?.querySelector('tbody tr, [part~="status"]:not([role="status"]), [role="alert"]'), 'nothing loaded');
  await el.updateComplete;
  return el;
}

const $ = (el: CkWardInbox, selector: string) => el.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
const $$ = (el: CkWardInbox, selector: string) => [...(el.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const rows = (el: CkWardInbox) => $$(el, 'tbody tr');
const times = (el: CkWardInbox) => rows(el).map((r) => text(r.querySelector('time')));
const ROW_TIMES = ['12:30', '12:00', '11:00', '10:15', '09:30', '08:00'];

async function setLang(el: CkWardInbox, lang: 'vi' | 'en'): Promise<void> {
  el.setAttribute('lang', lang);
  const title = lang === 'en' ? 'Arrivals and departures' : 'Người đến và đi';
  await waitUntil(() => text($(el, 'h2')).startsWith(title), `no switch to ${lang}`);
}

describe('<ck-ward-inbox> with the demo portal', () => {
  it("shows the day's arrivals and departures newest first, each row linking to the route", async () => {
    const ward = await wardDay();
    const el = await inbox();
    expect(times(el)).to.deep.equal(ROW_TIMES);
    expect(text($(el, 'h2'))).to.equal('Người đến và đi: Phường Hàng Trống');
    const [unknown, c, b11, b10, a09, a08] = rows(el);
    expect(text(b11)).to.contain('Đến').and.contain('Phạm Văn Đức').and.contain('Từ: Xã Ngọc Xá').and.contain('HN-QL1A-01')
      .and.contain('Chuyển kiểm tra thêm').and.contain('Hợp lệ');
    expect(text(a08)).to.contain('Đi').and.contain('Trần Thị Hoa').and.contain('Đến: Xã Ngọc Xá').and.contain('Cho qua');
    expect(text(a09)).to.contain('BN-QL18-02');
    expect(text(c)).to.contain('Lê Hoàng Nam').and.contain('Từ: Phường Phúc Xá');
    expect(text(unknown)).to.contain('Không cho qua').and.contain('Đã thu hồi').and.contain(ward.unknownCode)
      .and.contain('Không có hành trình');
    expect(unknown?.querySelector('a, button')).to.equal(null);
    const hrefs = rows(el).map((r) => r.querySelector('a')?.getAttribute('href') ?? null);
    expect(hrefs).to.deep.equal([null, `#/route/${ward.passC}`, `#/route/${ward.passB}`, `#/route/${ward.passB}`, `#/route/${ward.passA}`, `#/route/${ward.passA}`]);
    expect(text(b10?.querySelector('a'))).to.equal('Phạm Văn Đức — xem hành trình');
    expect(feedCalls).to.have.length(1);
    expect(feedCalls[0]?.search.get('date')).to.equal(day());
  });

  it('defaults to today in Vietnam time', async () => {
    const passId = await declarePass(client);
    const hn = await newKiosk(client, 'HN-QL1A-01');
    const now = Date.now();
    await hn.pass({ passId, originUnit: '00070', destinationUnit: '09289', direction: 'out', at: now });
    const el = await fixture<CkWardInbox>(html`<ck-ward-inbox api-base="/api" unit-code="00070" refresh-interval="0"></ck-ward-inbox>`);
    await waitUntil(() => rows(el).length === 1, 'no row');
    expect(feedCalls[0]?.search.get('date')).to.equal(vietnamDate(new Date(now)));
    expect(text(rows(el)[0]?.querySelector('time'))).to.equal(new Date(now + 7 * 3_600_000).toISOString().slice(11, 16));
  });

  it('filters by direction on the server and by text (accents ignored) on the loaded rows', async () => {
    await wardDay();
    const el = await inbox();
    const departures = $$(el, 'input[type="radio"]').find((r) => (r as HTMLInputElement).value === 'departure') as HTMLInputElement;
    departures.click();
    await waitUntil(() => rows(el).length === 2, 'direction filter not applied');
    expect(el.direction).to.equal('departure');
    expect(el.getAttribute('direction')).to.equal('departure');
    expect(feedCalls.at(-1)?.search.get('direction')).to.equal('departure');
    expect(rows(el).every((r) => text(r.querySelector('td.direction')) === '↑ Đi')).to.equal(true);

    ($$(el, 'input[type="radio"]')[0] as HTMLInputElement).click();
    await waitUntil(() => rows(el).length === 6, 'back to all');
    ($(el, 'input[type="search"]') as HTMLInputElement).focus();
    await sendKeys({ type: 'pham van duc' });
    await el.updateComplete;
    expect(times(el)).to.deep.equal(['11:00', '10:15']);
    expect(text($(el, '.count'))).to.equal('2 / 6 lượt khớp bộ lọc');
    el.filter = 'BN-QL18';
    await el.updateComplete;
    expect(times(el)).to.deep.equal(['10:15', '09:30']);
    el.filter = 'ngoc xa';
    await el.updateComplete;
    expect(times(el)).to.deep.equal(['11:00', '10:15', '09:30', '08:00']);
    el.filter = 'không có ai tên này';
    await el.updateComplete;
    expect(rows(el)).to.have.length(0);
    expect(text($(el, '.status'))).to.equal('Không có lượt nào khớp bộ lọc.');
    expect(feedCalls.filter((c) => c.status === 200)).to.have.length(3);
  });

  it('pages back through older movements with "load more"', async () => {
    await wardDay();
    const el = await inbox({ pageSize: 2 });
    expect(times(el)).to.deep.equal(ROW_TIMES.slice(0, 2));
    const more = () => $(el, '[part~="load-more"]');
    more()?.click();
    await waitUntil(() => rows(el).length === 4, 'second page');
    expect(feedCalls[1]?.search.get('cursor')).to.be.a('string');
    more()?.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(el).length === 6, 'third page');
    expect(times(el)).to.deep.equal(ROW_TIMES);
    expect(more()).to.equal(null);
    // Focus stays in the list instead of falling to the page body.
    expect(el.shadowRoot?.activeElement).to.not.equal(null);
  });

  it('updates while open: new and late passages appear in place, are announced, and an unchanged list costs a 304', async function () {
    this.timeout(15_000);
    const ward = await wardDay();
    const el = await inbox({ refresh: 2 });
    expect(rows(el)).to.have.length(6);
    const b = { passId: ward.passB, originUnit: '09289', destinationUnit: '00070' };
    // A new arrival, and a passage recorded offline earlier in the day that syncs only now.
    await ward.hn.pass({ ...b, direction: 'in', at: at('13:00') });
    await ward.bn.pass({ passId: ward.passA, originUnit: '00070', destinationUnit: '09289', direction: 'out', at: at('09:00') });
    await waitUntil(() => rows(el).length === 8, 'no update within the interval', { timeout: 5000 });
    expect(times(el)).to.deep.equal(['13:00', ...ROW_TIMES.slice(0, 4), '09:30', '09:00', '08:00']);
    const fresh = rows(el).filter((r) => r.classList.contains('fresh')).map((r) => text(r.querySelector('time')));
    expect(fresh).to.deep.equal(['13:00', '09:00']);
    expect(text(rows(el)[0]?.querySelector('.fresh-badge'))).to.equal('Mới');
    expect(text($(el, '[role="status"]'))).to.equal('Có 2 lượt mới; tổng 8 lượt.');
    const before = feedCalls.length;
    await waitUntil(() => feedCalls.length > before, 'no further poll', { timeout: 5000 });
    expect(feedCalls.at(-1)?.status).to.equal(304);
    expect(feedCalls.at(-1)?.search.get('date')).to.equal(day());
    expect(rows(el)).to.have.length(8);
  });

  it('does not poll while the page is hidden, and catches up when it is shown', async function () {
    this.timeout(15_000);
    await wardDay();
    const el = await inbox({ refresh: 2 });
    expect(rows(el)).to.have.length(6);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    const before = feedCalls.length;
    await aTimeout(2600);
    expect(feedCalls.length).to.equal(before);
    Reflect.deleteProperty(document, 'visibilityState');
    document.dispatchEvent(new Event('visibilitychange'));
    await waitUntil(() => feedCalls.length > before, 'no catch-up poll', { timeout: 1500 });
  });

  it('stops polling when removed from the page', async function () {
    this.timeout(10_000);
    await wardDay();
    const el = await inbox({ refresh: 2 });
    el.remove();
    const before = feedCalls.length;
    await aTimeout(2600);
    expect(feedCalls.length).to.equal(before);
  });

  it('shows only the rows of the latest query when an older answer arrives late', async () => {
    await wardDay();
    worker.use(http.get('*/api/wards/:unit/movements', async ({ params }) => {
      if (params.unit === '00070') await delay(500);
    }));
    const el = await fixture<CkWardInbox>(html`<ck-ward-inbox api-base="/api" unit-code="00070" date=${day()} refresh-interval="0" .units=${units}></ck-ward-inbox>`);
    await aTimeout(50);
    el.unitCode = '09289';
    await waitUntil(() => rows(el).length > 0, 'second ward never loaded');
    await aTimeout(800);
    // 09289 (Ngọc Xá) sees A arrive twice and B leave twice.
    expect(times(el)).to.deep.equal(['11:00', '10:15', '09:30', '08:00']);
    expect(text($(el, 'h2'))).to.contain('Xã Ngọc Xá');
  });
});

describe('<ck-ward-inbox> route links', () => {
  it('fires a cancelable ck-route-request when a row is activated by keyboard', async () => {
    const ward = await wardDay();
    const el = await inbox();
    // Tab order: … export button → the scrollable table → the first row's link.
    ($(el, '[part~="export-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.classList.contains('table-wrap')).to.equal(true);
    await sendKeys({ press: 'Tab' });
    const active = el.shadowRoot?.activeElement as HTMLAnchorElement;
    expect(active.getAttribute('href')).to.equal(`#/route/${ward.passC}`);
    const requested = nextEvent<RouteRequestEvent>('ck-route-request');
    document.addEventListener('ck-route-request', (e) => e.preventDefault(), { once: true });
    await sendKeys({ press: 'Enter' });
    const event = await requested;
    expect(event.detail.passId).to.equal(ward.passC);
    expect(event.detail.href).to.equal(`#/route/${ward.passC}`);
    expect(event.detail.movement.checkpointId).to.equal('HN-QL1A-01');
    await aTimeout(20);
    expect(location.hash).to.equal('');
    // Not cancelled: the link is followed.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => location.hash === `#/route/${ward.passB}`, 'link not followed');
  });

  it('offers buttons instead of links without route-href, and never makes a script link', async () => {
    const ward = await wardDay();
    for (const routeHref of ['', "javascript:alert('{passId}')", 'data:text/html,{passId}']) {
      const el = await inbox({ routeHref });
      expect($$(el, 'tbody a')).to.have.length(0);
      const buttons = $$(el, 'tbody button.route-link');
      expect(buttons).to.have.length(5);
      const requested = nextEvent<RouteRequestEvent>('ck-route-request');
      buttons[1]?.focus();
      await sendKeys({ press: 'Enter' });
      const event = await requested;
      expect(event.detail.passId).to.equal(ward.passB);
      expect(event.detail.href).to.equal(null);
    }
  });
});

describe('<ck-ward-inbox> hostile content and failures', () => {
  function hostilePage(items: WardMovementsPage['items']): void {
    worker.use(http.get('*/api/wards/:unit/movements', ({ params }) =>
      HttpResponse.json({ unitCode: String(params.unit), date: day(), direction: null, items, nextCursor: null } satisfies WardMovementsPage)));
  }

  it('renders markup, script URLs, RTL overrides and long names inert and readable', async () => {
    const passId = newPassId();
    hostilePage([
      movementRow({ at: new Date(at('10:00')).toISOString(), passId, person: { fullName: HOSTILE.markup }, originUnit: '99901' }),
      movementRow({ at: new Date(at('09:00')).toISOString(), passId, person: { fullName: HOSTILE.scriptUrl } }),
      movementRow({ at: new Date(at('08:00')).toISOString(), passId, person: { fullName: `${HOSTILE.rtl} ${'Ơ'.repeat(360)}` } }),
    ]);
    const hostileUnits: AdministrativeUnit[] = [
      ...units,
      { code: '99901', name: `${HOSTILE.markup}${RLO}${HOSTILE.long}`, parentCode: '01', level: 'ward' },
    ];
    const box = await fixture<HTMLDivElement>(html`<div style="width: 480px"><ck-ward-inbox api-base="/api" unit-code="00070"
      date=${day()} refresh-interval="0" route-href="#/route/{passId}" .units=${hostileUnits}></ck-ward-inbox></div>`);
    const el = box.querySelector('ck-ward-inbox') as CkWardInbox;
    await waitUntil(() => rows(el).length === 3, 'rows not shown');
    const root = el.shadowRoot as ShadowRoot;
    expect(root.querySelector('img, script, b, iframe')).to.equal(null);
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
    expect([...root.querySelectorAll('a')].every((a) => a.getAttribute('href') === `#/route/${passId}`)).to.equal(true);
    const names = rows(el).map((r) => text(r.querySelector('.name')));
    expect(names[0]).to.equal(HOSTILE.markup);
    expect(names[1]).to.equal(HOSTILE.scriptUrl);
    expect(names[2]).not.to.contain(RLO);
    expect(names[2]?.startsWith('Nguyễn \ufffdgnp.exe Văn A')).to.equal(true);
    expect(Array.from(names[2] ?? '').length).to.be.at.most(161);
    const ward = text(rows(el)[0]?.querySelector('td.ward'));
    expect(ward).not.to.contain(RLO);
    expect(Array.from(ward).length).to.be.below(200);
    // The view keeps to its box (the table scrolls inside it; long words wrap).
    const section = $(el, 'section') as HTMLElement;
    expect(section.scrollWidth).to.be.at.most(section.clientWidth + 1);
    expect(el.getBoundingClientRect().width).to.be.at.most(480);
    expect(root.textContent).not.to.contain(RLO);
  });

  it('refuses a response carrying a 10 KB name instead of rendering it', async () => {
    hostilePage([movementRow({ at: new Date(at('10:00')).toISOString(), person: { fullName: HOSTILE.long } })]);
    const el = await inbox();
    expect(text($(el, '[role="alert"]'))).to.contain('Máy chủ trả về dữ liệu không hợp lệ.');
    expect(rows(el)).to.have.length(0);
    expect(el.shadowRoot?.textContent).not.to.contain('ƯƯƯƯ');
  });

  it('exports exactly the visible rows as CSV, with formulas neutralised', async () => {
    const passId = newPassId();
    hostilePage([
      movementRow({ at: new Date(at('11:00')).toISOString(), passId, person: { fullName: '=HYPERLINK("http://evil.example","x")' } }),
      movementRow({ at: new Date(at('10:00')).toISOString(), passId, person: { fullName: '@SUM(A1:A2)' }, checkpointId: 'HN-1' }),
      movementRow({ at: new Date(at('09:00')).toISOString(), passId, person: { fullName: '+84 912 345 678' } }),
      movementRow({ at: new Date(at('08:00')).toISOString(), passId, person: { fullName: '-1+1' }, direction: 'departure' }),
    ]);
    const el = await inbox();
    el.filter = 'BN-QL18';
    await el.updateComplete;
    expect(rows(el)).to.have.length(3);
    downloads = captureDownloads();
    $(el, '[part~="export-button"]')?.click();
    const [file] = await downloads.read();
    expect(file?.filename).to.equal(`ck-ward-00070-${day()}.csv`);
    expect([...(file?.bytes.slice(0, 3) ?? [])]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const table = readCsv((file?.text ?? '').slice(1));
    expect(table[0]?.slice(0, 4)).to.deep.equal(['Thời điểm (giờ VN)', 'Thời điểm (UTC)', 'Chiều', 'Họ và tên']);
    expect(table.slice(1).map((r) => r[3])).to.deep.equal([
      `'=HYPERLINK("http://evil.example","x")`, "'+84 912 345 678", "'-1+1",
    ]);
    expect(table.slice(1).map((r) => r[2])).to.deep.equal(['Đến', 'Đến', 'Đi']);
    expect(table[1]?.[7]).to.equal('Phường Hàng Trống');
    expect(table[1]?.[0]).to.equal(`${day()} 11:00:00`);
  });

  it('shows a server failure with a retry, and the list after it', async () => {
    await wardDay();
    await backend.handle(new Request(`${client.base}/__faults`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ failNext: 1, only: '/wards' }),
    }));
    const el = await inbox();
    expect(text($(el, '[role="alert"]'))).to.contain('Máy chủ đang gặp lỗi');
    ($(el, '[role="alert"] button') as HTMLButtonElement).click();
    await waitUntil(() => rows(el).length === 6, 'retry did not load');
  });

  it('refuses a malformed ward code without asking the server', async () => {
    const el = await fixture<CkWardInbox>(html`<ck-ward-inbox api-base="/api" unit-code="70" refresh-interval="0"></ck-ward-inbox>`);
    await waitUntil(() => $(el, '[role="alert"]'), 'no error');
    expect(text($(el, '[role="alert"]'))).to.equal('⚠ Mã phường/xã phải gồm 5 chữ số.');
    expect($(el, '[role="alert"] button')).to.equal(null);
    expect(feedCalls).to.have.length(0);
  });
});

describe('<ck-ward-inbox> accessibility', () => {
  it('is axe-clean in Vietnamese and English, light and dark', async () => {
    await wardDay();
    const el = await inbox();
    await expect(el).to.be.accessible();
    await setLang(el, 'en');
    expect(text(rows(el)[2])).to.contain('Arrival').and.contain('Referred for checks').and.contain('From: Xã Ngọc Xá');
    await expect(el).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    await expect(el).to.be.accessible();
    const empty = await inbox({ date: addDays(day(), -30) });
    expect(text($(empty, '.status'))).to.equal('Chưa có lượt đến hoặc đi nào trong ngày này.');
    await expect(empty).to.be.accessible();
  });

  it('gives every control a 44 px target', async () => {
    await wardDay();
    const el = await inbox({ pageSize: 2 });
    const targets = [...$$(el, '.choice'), ...$$(el, 'input[type="search"]'), ...$$(el, 'button'), ...$$(el, 'tbody a')];
    expect(targets.length).to.be.at.least(7);
    for (const target of targets) {
      const box = target.getBoundingClientRect();
      expect(box.height, target.outerHTML.slice(0, 60)).to.be.at.least(44);
      expect(box.width, target.outerHTML.slice(0, 60)).to.be.at.least(44);
    }
  });
});
