import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { delay, http } from 'msw';
import { setupWorker } from 'msw/browser';
import { createDemoBackend, type DemoBackend } from '../../../demo/backend/backend';
import { createDemoHandlers } from '../../../demo/backend/msw-handlers';
import { fetchUnits, type AdministrativeUnit } from '../../api/units';
import { newPassId } from '../../core/issue';
import { manualCode } from '../../core/manual-code';
import { readCsv } from '../../../test/fixtures/csv-read';
import { captureDownloads, nextEvent, type DownloadCapture } from '../../../test/fixtures/downloads';
import { declarePass, HOSTILE, hostileRoute, newKiosk, RLO, type PortalClient } from '../../../test/fixtures/portal-backend';
import './ck-route';
import type { CkRoute, RouteLoadedEvent } from './ck-route.component';

const worker = setupWorker();
let backend: DemoBackend;
let client: PortalClient;
let units: AdministrativeUnit[];
let requests: string[] = [];
let reasons: (string | null)[] = [];
let downloads: DownloadCapture | undefined;

const MIN = 60_000;
/** A tracer's reason for the lookups of these tests. */
const REASON = 'F1 của ca bệnh số 4471';

before(async () => {
  backend = await createDemoBackend({ base: '/api', seed: false });
  client = { base: `${location.origin}/api`, send: (request) => backend.handle(request) };
  units = await fetchUnits('/test/fixtures/units-flat.json');
  worker.events.on('request:start', ({ request }) => {
    if (!new URL(request.url).pathname.startsWith('/api/')) return;
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
    reasons.push(request.headers.get('X-Lookup-Reason'));
  });
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});
beforeEach(async () => {
  await backend.reset({ seed: false });
  worker.resetHandlers(...createDemoHandlers(backend, { base: '/api' }));
  requests = [];
  reasons = [];
});
afterEach(() => {
  downloads?.restore();
  downloads = undefined;
  delete (window as { __pwned?: unknown }).__pwned;
});
after(() => worker.stop());

/** Vietnam wall-clock 'HH:mm' of an instant, computed without Intl (UTC+7, no DST). */
function vnClock(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(11, 16);
}

/** A pass from 00070 (Hàng Trống, Hà Nội) to 09289 (Ngọc Xá, Bắc Ninh) with two passages, recorded out of order. */
async function tripWithTwoPassages(now = Date.now()) {
  const passId = await declarePass(client, { fullName: 'Trần Thị Hoa' });
  const hn = await newKiosk(client, 'HN-QL1A-01', 'CA-HN-0042');
  const bn = await newKiosk(client, 'BN-QL18-02', 'CA-BN-0117');
  const trip = { passId, originUnit: '00070', destinationUnit: '09289' };
  const inAt = now - 60 * MIN;
  const outAt = now - 150 * MIN;
  await bn.pass({ ...trip, direction: 'in', at: inAt, decision: 'refer' });
  await hn.pass({ ...trip, direction: 'out', at: outAt });
  return { passId, outAt, inAt };
}

async function routeFor(passId: string, lang = 'vi'): Promise<{ el: CkRoute; event: RouteLoadedEvent }> {
  const loaded = nextEvent<RouteLoadedEvent>('ck-route-loaded');
  const el = await fixture<CkRoute>(html`<ck-route api-base="/api" pass-id=${passId} .reason=${REASON} lang=${lang} .units=${units}></ck-route>`);
  const event = await loaded;
  await el.updateComplete;
  return { el, event };
}

/** Switches the language and waits for the re-render (the lang observer reports asynchronously). */
async function setLang(el: CkRoute, lang: 'vi' | 'en'): Promise<void> {
  el.setAttribute('lang', lang);
  const title = lang === 'en' ? 'Route' : 'Hành trình';
  await waitUntil(() => el.shadowRoot?.querySelector('h2')?.textContent === title, `no switch to ${lang}`);
  await el.updateComplete;
}

const $ = (el: CkRoute, selector: string) => el.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
const $$ = (el: CkRoute, selector: string) => [...(el.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<ck-route> with the demo portal', () => {
  it('lists every passage in time order with checkpoint, direction, time, decision and verdict', async () => {
    const { passId, outAt, inAt } = await tripWithTwoPassages();
    const { el, event } = await routeFor(passId);
    expect(event.detail.passId).to.equal(passId);
    expect(event.detail.route?.passages).to.have.length(2);

    const items = $$(el, 'li.passage');
    expect(items).to.have.length(2);
    const [first, second] = items.map(text);
    expect(first).to.contain('HN-QL1A-01').and.contain('Ra').and.contain('Cho qua').and.contain('Hợp lệ').and.contain('CA-HN-0042');
    expect(first).to.contain(vnClock(outAt));
    expect(second).to.contain('BN-QL18-02').and.contain('Vào').and.contain('Chuyển kiểm tra thêm').and.contain(vnClock(inAt));
    expect(text(items[1]?.querySelector('.gap') ?? null)).to.equal('sau 1 giờ 30 phút');
    // 90 minutes of waiting draws a longer stretch of line than a short hop.
    expect(items[1]?.classList.contains('gap-l')).to.equal(true);
    expect(items[0]?.querySelector('time')?.getAttribute('datetime')).to.equal(new Date(outAt).toISOString());

    const ends = $$(el, 'li.end').map(text);
    expect(ends[0]).to.contain('Phường Hàng Trống');
    expect(ends[1]).to.contain('Xã Ngọc Xá');
    const summary = text($(el, '.summary'));
    expect(summary).to.contain('Trần Thị Hoa').and.contain(manualCode(passId)).and.contain('Phường Hàng Trống').and.contain('Xã Ngọc Xá');
    expect(requests).to.deep.equal([`GET /api/passes/${passId}/route`]);
  });

  it('switches to English at run time through lang', async () => {
    const { passId } = await tripWithTwoPassages();
    const { el } = await routeFor(passId);
    await setLang(el, 'en');
    const [first, second] = $$(el, 'li.passage').map(text);
    expect(first).to.contain('Out').and.contain('Allowed').and.contain('Valid');
    expect(second).to.contain('In').and.contain('Referred for checks');
    expect(text($$(el, '.gap')[0] ?? null)).to.equal('1 h 30 min later');
    expect(text($(el, 'h2'))).to.equal('Route');
    expect(text($(el, '[part~="export-button"]'))).to.contain('Export CSV');
  });

  it('says so when the portal knows neither the pass nor a passage of it', async () => {
    const unknown = newPassId();
    const { el, event } = await routeFor(unknown);
    expect(event.detail.route).to.equal(null);
    expect(text($(el, '[part="status"]'))).to.equal('Không có khai báo hay lượt qua chốt nào với mã này.');
    expect($(el, 'ol')).to.equal(null);
  });

  it('shows a known pass without passages as empty, with its details', async () => {
    const passId = await declarePass(client);
    const { el } = await routeFor(passId);
    expect(text($(el, '[part="status"]'))).to.equal('Chưa ghi nhận lượt qua chốt nào của mã khai báo này.');
    expect(text($(el, '.summary'))).to.contain('Nguyễn Thị Minh Khai');
    expect($(el, '[part~="export-button"]')).to.equal(null);
  });

  it('refuses a malformed pass id without asking the server, and offers no retry', async () => {
    const el = await fixture<CkRoute>(html`<ck-route api-base="/api" pass-id=${'<script>x</script>'}></ck-route>`);
    await waitUntil(() => $(el, '[role="alert"]'), 'no error shown');
    expect(text($(el, '[role="alert"]'))).to.contain('Mã khai báo không đúng định dạng.');
    expect($(el, '[role="alert"] button')).to.equal(null);
    expect(requests).to.deep.equal([]);
  });

  it('shows a server failure with a retry that loads the route', async () => {
    const { passId } = await tripWithTwoPassages();
    await backend.handle(new Request(`${client.base}/__faults`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ failNext: 1, only: '/passes' }),
    }));
    const el = await fixture<CkRoute>(html`<ck-route api-base="/api" pass-id=${passId} .reason=${REASON}></ck-route>`);
    await waitUntil(() => $(el, '[role="alert"]'), 'no error shown');
    expect(text($(el, '[role="alert"]'))).to.contain('Máy chủ đang gặp lỗi');
    const loaded = nextEvent<RouteLoadedEvent>('ck-route-loaded');
    $(el, '[role="alert"] button')?.click();
    await loaded;
    await el.updateComplete;
    expect($$(el, 'li.passage')).to.have.length(2);
    expect($(el, '[role="alert"]')).to.equal(null);
  });

  it('drops a slow answer for a pass that is no longer asked for', async () => {
    const slow = await tripWithTwoPassages();
    const fast = await declarePass(client, { fullName: 'Lê Văn Nhanh' });
    worker.use(http.get('*/api/passes/:passId/route', async ({ params }) => {
      if (params.passId === slow.passId) await delay(600);
      // Falls through to the demo backend.
    }));
    const events: RouteLoadedEvent[] = [];
    const listener = (e: RouteLoadedEvent) => events.push(e);
    document.addEventListener('ck-route-loaded', listener);
    try {
      const el = await fixture<CkRoute>(html`<ck-route api-base="/api" pass-id=${slow.passId} .reason=${REASON}></ck-route>`);
      await aTimeout(50);
      // The host gives the new pass with its own reason at once, so no form in between.
      el.passId = fast;
      el.reason = 'F1 của ca bệnh 4472';
      await waitUntil(() => events.length > 0, 'fast route never loaded');
      await aTimeout(900);
      expect(events.map((e) => e.detail.passId)).to.deep.equal([fast]);
      expect(el.shownRoute?.passId).to.equal(fast);
      expect(text($(el, '.summary'))).to.contain('Lê Văn Nhanh');
    } finally {
      document.removeEventListener('ck-route-loaded', listener);
    }
  });

  it('asks again after being moved while a request was in flight', async () => {
    const { passId } = await tripWithTwoPassages();
    worker.use(http.get('*/api/passes/:passId/route', async () => {
      await delay(300);
    }));
    const el = await fixture<CkRoute>(html`<ck-route api-base="/api" pass-id=${passId} .reason=${REASON}></ck-route>`);
    const parent = el.parentElement as HTMLElement;
    el.remove();
    await aTimeout(20);
    const loaded = nextEvent<RouteLoadedEvent>('ck-route-loaded');
    parent.append(el);
    await loaded;
    await el.updateComplete;
    expect($$(el, 'li.passage')).to.have.length(2);
    expect(requests.filter((r) => r.endsWith('/route'))).to.have.length(2);
  });
});

describe('<ck-route> lookup reason', () => {
  async function formFor(passId: string, attrs: { lang?: string; loginHref?: string } = {}): Promise<CkRoute> {
    const el = await fixture<CkRoute>(html`<ck-route api-base="/api" pass-id=${passId} lang=${attrs.lang ?? 'vi'} login-href=${attrs.loginHref ?? ''}></ck-route>`);
    await waitUntil(() => $(el, '[part~="reason-form"]'), 'no reason form');
    return el;
  }

  async function submit(el: CkRoute, reason: string): Promise<void> {
    const input = $(el, '[part~="reason-input"]') as HTMLInputElement;
    input.value = reason;
    ($(el, '[part~="reason-form"] button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
  }

  it('asks why before any request, then sends the reason percent-encoded in X-Lookup-Reason', async () => {
    const { passId } = await tripWithTwoPassages();
    const el = await formFor(passId);
    expect(text($(el, 'label'))).to.equal('Lý do tra cứu');
    expect(text($(el, 'legend'))).to.contain('nhật ký');
    await aTimeout(50);
    expect(requests.filter((r) => r.endsWith('/route'))).to.deep.equal([]);
    const loaded = nextEvent<RouteLoadedEvent>('ck-route-loaded');
    await submit(el, `  ${REASON}  `);
    await loaded;
    await el.updateComplete;
    expect($$(el, 'li.passage')).to.have.length(2);
    const sent = reasons[requests.findIndex((r) => r.endsWith('/route'))];
    expect(sent).to.equal(encodeURIComponent(REASON));
    expect(decodeURIComponent(sent ?? '')).to.equal(REASON);
  });

  it('refuses a reason that is too short in words, keeps focus on the field and sends nothing', async () => {
    const { passId } = await tripWithTwoPassages();
    const el = await formFor(passId, { lang: 'en' });
    await submit(el, ' a ');
    const input = $(el, '[part~="reason-input"]') as HTMLInputElement;
    expect(text($(el, '#reason-problem'))).to.equal('Give a reason of at least 3 characters.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('reason-problem');
    expect(el.shadowRoot?.activeElement).to.equal(input);
    await aTimeout(50);
    expect(requests).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('says the portal refusals in words: 401 with a sign-in link, 403, and 400 reason-required with the form again', async () => {
    const { passId } = await tripWithTwoPassages();
    const refuse = (status: number, code: string) => worker.use(http.get('*/api/passes/:passId/route',
      () => Response.json({ errors: [{ code, message: code }] }, { status }), { once: true }));

    refuse(401, 'login-required');
    let el = await formFor(passId, { loginHref: '/auth/login?next=/ward/' });
    await submit(el, REASON);
    await waitUntil(() => $(el, '[role="alert"]'), 'no 401 shown');
    expect(text($(el, '[role="alert"]'))).to.contain('Cần đăng nhập để tra cứu hành trình.');
    expect($(el, '[part~="sign-in"]')?.getAttribute('href')).to.equal('/auth/login?next=/ward/');
    await expect(el).to.be.accessible();
    // Signed in meanwhile: the retry asks again with the same reason.
    const loaded = nextEvent<RouteLoadedEvent>('ck-route-loaded');
    ($(el, '[role="alert"] button') as HTMLButtonElement).click();
    await loaded;
    expect(reasons.filter((r) => r !== null).map((r) => decodeURIComponent(r ?? ''))).to.deep.equal([REASON, REASON]);

    refuse(403, 'forbidden');
    el = await formFor(passId, { lang: 'en' });
    await submit(el, REASON);
    await waitUntil(() => $(el, '[role="alert"]'), 'no 403 shown');
    expect(text($(el, '[role="alert"]'))).to.contain('Your account may not look up routes.');
    expect($(el, '[role="alert"] button')).to.equal(null);

    refuse(400, 'reason-required');
    el = await formFor(passId);
    await submit(el, REASON);
    await waitUntil(() => $(el, '[role="alert"]'), 'no 400 shown');
    expect(text($(el, '[role="alert"]'))).to.contain('Máy chủ không nhận lý do tra cứu này');
    expect($(el, '[part~="reason-form"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
    const again = nextEvent<RouteLoadedEvent>('ck-route-loaded');
    await submit(el, REASON);
    await again;
    await el.updateComplete;
    expect($$(el, 'li.passage')).to.have.length(2);
  });

  it('asks again for another pass: a reason is for one lookup', async () => {
    const first = await tripWithTwoPassages();
    const second = await declarePass(client, { fullName: 'Lê Văn Hai' });
    const el = await formFor(first.passId);
    const loaded = nextEvent<RouteLoadedEvent>('ck-route-loaded');
    await submit(el, REASON);
    await loaded;
    el.passId = second;
    await el.updateComplete;
    await waitUntil(() => $(el, '[part~="reason-form"]'), 'no form for the second pass');
    expect(el.reason).to.equal('');
    expect(($(el, '[part~="reason-input"]') as HTMLInputElement).value).to.equal('');
    expect(requests.filter((r) => r.endsWith('/route'))).to.have.length(1);
  });
});

describe('<ck-route> CSV export', () => {
  it('downloads the passages as UTF-8 CSV with BOM, CRLF and one row per passage in time order', async () => {
    const { passId, outAt, inAt } = await tripWithTwoPassages();
    const { el } = await routeFor(passId);
    downloads = captureDownloads();
    $(el, '[part~="export-button"]')?.click();
    const [file] = await downloads.read();
    expect(file?.filename).to.equal(`ck-route-${passId}.csv`);
    expect(file?.type).to.contain('text/csv');
    expect([...(file?.bytes.slice(0, 3) ?? [])]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const body = (file?.text ?? '').slice(1);
    expect(body.endsWith('\r\n')).to.equal(true);
    expect(body.replaceAll('\r\n', '').includes('\n')).to.equal(false);
    const rows = readCsv(body);
    expect(rows[0]?.[0]).to.equal('Thời điểm (giờ VN)');
    expect(rows).to.have.length(3);
    const [, a, b] = rows;
    expect(a?.slice(1, 6)).to.deep.equal([new Date(outAt).toISOString(), 'HN-QL1A-01', 'Ra', 'Cho qua', 'Hợp lệ']);
    expect(b?.slice(1, 6)).to.deep.equal([new Date(inAt).toISOString(), 'BN-QL18-02', 'Vào', 'Chuyển kiểm tra thêm', 'Hợp lệ']);
    expect(a?.[0]).to.equal(`${new Date(outAt + 7 * 3_600_000).toISOString().slice(0, 10)} ${vnClock(outAt)}:${new Date(outAt).toISOString().slice(17, 19)}`);
    expect(a?.[9]).to.equal('Phường Hàng Trống');
    expect(a?.[14]).to.equal('Trần Thị Hoa');
  });

  it('neutralises formula injection in every text cell and keeps hostile text whole', async () => {
    const route = hostileRoute(newPassId());
    const el = await fixture<CkRoute>(html`<ck-route .route=${route} lang="en"></ck-route>`);
    const rows = readCsv(el.toCsv());
    expect(rows[0]?.[2]).to.equal('Checkpoint');
    const [, first, second, third] = rows;
    expect(first?.[2]).to.equal(`'${HOSTILE.formula}`);
    expect(first?.[6]).to.equal(HOSTILE.scriptUrl);
    expect(second?.[2]).to.equal(HOSTILE.markup);
    expect(second?.[6]).to.equal(`'${HOSTILE.at}`);
    expect(third?.[6]).to.equal(HOSTILE.long);
    expect(first?.[14]).to.equal(route.person?.fullName);
    for (const row of rows) for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell), cell.slice(0, 40)).to.equal(false);
  });
});

describe('<ck-route> hostile content', () => {
  it('renders markup, script URLs, RTL overrides and 10 KB strings inert and readable', async () => {
    const route = hostileRoute(newPassId());
    const box = await fixture<HTMLDivElement>(html`<div style="width: 360px"><ck-route .route=${route}></ck-route></div>`);
    const el = box.querySelector('ck-route') as CkRoute;
    await el.updateComplete;
    await aTimeout(50);
    const root = el.shadowRoot as ShadowRoot;
    expect(root.querySelector('img, script, b, iframe, object')).to.equal(null);
    expect([...root.querySelectorAll('[href], [src]')].length).to.equal(0);
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
    const person = text($(el, '.person'));
    expect(person.startsWith('<img src=x onerror=')).to.equal(true);
    expect(person).not.to.contain(RLO);
    expect(person).to.contain('\ufffd');
    expect(Array.from(person).length).to.be.at.most(161);
    const all = root.textContent ?? '';
    expect(all).not.to.contain(RLO);
    expect(all).not.to.contain('Ư'.repeat(200));
    // Nothing pushes the view wider than its box.
    const section = $(el, 'section') as HTMLElement;
    expect(section.scrollWidth).to.be.at.most(section.clientWidth + 1);
    expect(el.getBoundingClientRect().width).to.be.at.most(360);
    // An unknown status word is shown as words, with a neutral icon, never as markup.
    expect(text($$(el, 'li.passage')[1] ?? null)).to.contain('Trạng thái “');
  });
});

describe('<ck-route> accessibility', () => {
  it('is axe-clean in Vietnamese and English, loaded and empty', async () => {
    const { passId } = await tripWithTwoPassages();
    const { el } = await routeFor(passId);
    await expect(el).to.be.accessible();
    await setLang(el, 'en');
    await expect(el).to.be.accessible();
    const empty = await fixture<CkRoute>(html`<ck-route lang="en"></ck-route>`);
    await expect(empty).to.be.accessible();
  });

  it('is themable through custom properties and parts, and follows a dark colour scheme the page opts into', async () => {
    const { passId } = await tripWithTwoPassages();
    const style = document.createElement('style');
    style.textContent = 'ck-route.themed { --ck-color-accent: rgb(1, 2, 3); } ck-route.themed::part(passage) { outline: 3px solid rgb(4, 5, 6); }';
    document.head.append(style);
    try {
      const { el } = await routeFor(passId);
      const section = $(el, 'section') as HTMLElement;
      const lightBackground = getComputedStyle(section).backgroundColor;
      el.classList.add('themed');
      expect(getComputedStyle($(el, '.marker') as HTMLElement).backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle($(el, 'li.passage') as HTMLElement).outlineColor).to.equal('rgb(4, 5, 6)');
      el.classList.remove('themed');
      await emulateMedia({ colorScheme: 'dark' });
      expect(getComputedStyle(section).backgroundColor, 'the OS alone does not darken a light page').to.equal(lightBackground);
      document.documentElement.style.colorScheme = 'light dark';
      expect(getComputedStyle(section).backgroundColor).to.not.equal(lightBackground);
      await expect(el).to.be.accessible();
    } finally {
      style.remove();
      document.documentElement.style.colorScheme = '';
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('is usable by keyboard alone, with 44 px targets', async () => {
    const { passId } = await tripWithTwoPassages();
    const box = await fixture<HTMLDivElement>(html`<div><button id="before">before</button>
      <ck-route api-base="/api" pass-id=${passId}></ck-route></div>`);
    const el = box.querySelector('ck-route') as CkRoute;
    await el.updateComplete;
    // The reason first: Tab into the field, type, Enter.
    (box.querySelector('#before') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement).to.equal($(el, '[part~="reason-input"]'));
    for (const part of ['reason-input', 'button']) {
      const rect = ($(el, `[part~="reason-form"] [part~="${part}"]`) as HTMLElement).getBoundingClientRect();
      expect(rect.height, part).to.be.at.least(44);
    }
    const loaded = nextEvent('ck-route-loaded');
    await sendKeys({ type: REASON });
    await sendKeys({ press: 'Enter' });
    await loaded;
    await el.updateComplete;
    const button = $(el, '[part~="export-button"]') as HTMLElement;
    expect(button.getBoundingClientRect().height).to.be.at.least(44);
    expect(button.getBoundingClientRect().width).to.be.at.least(44);
    (box.querySelector('#before') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement).to.equal(button);
    downloads = captureDownloads();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => downloads?.count() === 1, 'Enter did not export');
  });
});
