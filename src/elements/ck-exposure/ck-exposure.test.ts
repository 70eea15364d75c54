import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { fetchUnits, type AdministrativeUnit } from '../../api/units';
import { readCsv } from '../../../test/fixtures/csv-read';
import { onDarkPage } from '../../../test/fixtures/dark-page';
import { captureDownloads, nextEvent, type DownloadCapture } from '../../../test/fixtures/downloads';
import { CHECKPOINTS, scriptedCase, type ScriptedCase } from '../../../test/fixtures/tracing';
import './ck-exposure';
import type { CkExposure, ExposureDeliveredEvent, ExposureLoadedEvent } from './ck-exposure.component';

const worker = setupWorker();
const REASON = 'Ca bệnh số 4471';
let units: AdministrativeUnit[];
let scripted: ScriptedCase;
let exposureRequests: Request[] = [];
let deliveries: { body: unknown; reason: string | null }[] = [];
let downloads: DownloadCapture | undefined;
/** Pushes SSE frames to the open passage streams. */
let streams: ReadableStreamDefaultController<Uint8Array>[] = [];

function handlers(exposureAnswer: (request: Request) => Response | Promise<Response> = () => HttpResponse.json(scripted.exposure)) {
  return [
    http.get('/api/exposure', ({ request }) => {
      exposureRequests.push(request.clone());
      return exposureAnswer(request);
    }),
    http.post('/api/exposure/deliveries', async ({ request }) => {
      const body = (await request.json()) as { keys: string[] };
      deliveries.push({ body, reason: request.headers.get('X-Lookup-Reason') });
      const units = new Map(scripted.exposure.contacts.map((c) => [c.key, [c.originUnit, c.destinationUnit]]));
      return HttpResponse.json({ delivered: body.keys.map((key) => ({ key, unitCodes: units.get(key) ?? [] })) });
    }),
    http.get('/api/checkpoints', () => HttpResponse.json({ items: CHECKPOINTS })),
    http.get('/api/checkpoints/events', () => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          streams.push(controller);
          controller.enqueue(new TextEncoder().encode('retry: 3000\n\n'));
        },
      });
      return new HttpResponse(stream, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' } });
    }),
  ];
}

before(async () => {
  units = await fetchUnits('/test/fixtures/units-flat.json');
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});
beforeEach(() => {
  scripted = scriptedCase();
  exposureRequests = [];
  deliveries = [];
  streams = [];
  worker.resetHandlers(...handlers());
});
afterEach(() => {
  downloads?.restore();
  downloads = undefined;
});
after(() => worker.stop());

const $ = (el: CkExposure, selector: string) => el.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
const $$ = (el: CkExposure, selector: string) => [...(el.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function loaded(lang = 'vi', extra: Partial<CkExposure> = {}): Promise<CkExposure> {
  const done = nextEvent<ExposureLoadedEvent>('ck-exposure-loaded');
  const el = await fixture<CkExposure>(html`<ck-exposure api-base="/api" lang=${lang} pass-id=${scripted.casePassId}
    .reason=${REASON} .units=${units} route-href="#/route/{passId}" .noLive=${extra.noLive ?? false}></ck-exposure>`);
  await done;
  await el.updateComplete;
  // Checkpoint names come from the registry, loaded once something is shown.
  await waitUntil(() => text($(el, 'tbody')).includes('Chốt Pháp Vân'), 'no checkpoint names');
  return el;
}

describe('<ck-exposure> query', () => {
  it('asks the tracer for the case, a reason and the window, then queries with them', async () => {
    const el = await fixture<CkExposure>(html`<ck-exposure api-base="/api"></ck-exposure>`);
    expect(text($(el, '[part~="status"]'))).to.contain('Nhập mã khai báo');
    const form = $(el, 'form') as HTMLFormElement;
    const set = (id: string, value: string) => {
      ($(el, `#${id}`) as HTMLInputElement).value = value;
    };
    // Wrong input is said in words next to each field, and nothing is sent.
    set('pass-id', 'not a pass');
    set('reason', 'x');
    set('window', '500');
    form.requestSubmit();
    await el.updateComplete;
    expect($$(el, '[aria-invalid="true"]').map((i) => i.id)).to.deep.equal(['pass-id', 'reason', 'window']);
    expect(text($(el, '#pass-id-problem'))).to.equal('Mã khai báo không đúng định dạng.');
    expect(text($(el, '#window-problem'))).to.contain('từ 1 đến 120');
    expect(el.shadowRoot?.activeElement?.id).to.equal('pass-id');
    expect(exposureRequests).to.have.length(0);
    const done = nextEvent<ExposureLoadedEvent>('ck-exposure-loaded');
    set('pass-id', scripted.casePassId);
    set('reason', REASON);
    set('window', '30');
    form.requestSubmit();
    const event = await done;
    expect(event.detail.passId).to.equal(scripted.casePassId);
    const url = new URL(exposureRequests[0]?.url ?? '');
    expect(url.searchParams.get('passId')).to.equal(scripted.casePassId);
    expect(url.searchParams.get('windowMinutes')).to.equal('30');
    expect(decodeURIComponent(exposureRequests[0]?.headers.get('X-Lookup-Reason') ?? '')).to.equal(REASON);
  });

  it('shows contacts in working order: same vehicle, same direction, other direction, closest first', async () => {
    const el = await loaded();
    expect($$(el, 'tr[part~="contact"]').map((r) => r.dataset.key)).to.deep.equal(scripted.expectedOrder);
    expect($$(el, '[part~="group"]').map((g) => `${g.dataset.group}:${g.querySelectorAll('tbody tr').length}`))
      .to.deep.equal(['co-traveller:2', 'same-direction:2', 'other-direction:2']);
    const [first] = $$(el, 'tr[part~="contact"]');
    // Names of wards and checkpoints, not codes; a co-traveller reads "cùng xe".
    expect(text(first ?? null)).to.contain('Phường Hàng Trống');
    expect(text(first ?? null)).to.contain('Chốt Pháp Vân (QL1A)');
    expect(text(first ?? null)).to.contain('cùng xe');
    expect(text($(el, '[part~="case"]'))).to.contain('Trần Thị Hoa');
    expect(text($(el, '[part~="case"]'))).to.contain('6 người tiếp xúc');
    const sameDirection = $$(el, '[data-group="same-direction"] tbody tr').map((r) => text(r));
    expect(sameDirection[0]).to.contain('cách 3 phút');
    expect(sameDirection[1]).to.contain('cách 12 phút');
    // The manual-code contact reads its code; every route links to ck-route for pass ids.
    const manual = $(el, 'tr[data-key="ABCDE-FGHJK"]');
    expect(text(manual)).to.contain('ABCDE-FGHJK');
    expect(manual?.querySelector('a')).to.equal(null);
    const link = first?.querySelector('a');
    expect(link?.getAttribute('href')).to.equal(`#/route/${encodeURIComponent(scripted.expectedOrder[0] ?? '')}`);
  });

  it('says 401, 403, 404 and 400 in words', async () => {
    const cases: [number, string, string][] = [
      [401, 'login-required', 'Cần đăng nhập để truy vết tiếp xúc.'],
      [403, 'forbidden', 'không được phép truy vết ca bệnh này'],
      [404, 'pass-not-found', 'Không có khai báo hay lượt qua chốt nào với mã này.'],
      [400, 'reason-required', 'Máy chủ không nhận lý do tra cứu này.'],
      [400, 'invalid-format', 'Máy chủ không nhận yêu cầu này.'],
    ];
    for (const [status, code, words] of cases) {
      worker.resetHandlers(...handlers(() => HttpResponse.json({ errors: [{ code, message: code }] }, { status })));
      const done = nextEvent<ExposureLoadedEvent>('ck-exposure-loaded');
      const el = await fixture<CkExposure>(html`<ck-exposure api-base="/api" login-href="/auth/login" pass-id=${scripted.casePassId} .reason=${REASON}></ck-exposure>`);
      if (status === 404) await done;
      await waitUntil(() => text($(el, '[part~="error"], [part~="status"][role="status"]')).includes(words), `${status} ${code}: ${text($(el, '[part~="base"]'))}`);
      expect(text($(el, '[part~="base"]'))).not.to.contain(code === 'pass-not-found' ? 'pass-not-found' : code);
      if (status === 401) expect($(el, '[part~="sign-in"]')?.getAttribute('href')).to.equal('/auth/login');
    }
  });
});

describe('<ck-exposure> delivery and export', () => {
  it('sends the selected contacts to their wards and says how many wards got them', async () => {
    const el = await loaded();
    $(el, '[part~="deliver-button"]')?.click();
    await el.updateComplete;
    expect(text($(el, '[part~="delivery"]'))).to.equal('Chưa chọn ai để gửi.');
    expect(deliveries).to.have.length(0);
    const rows = $$(el, 'tr[part~="contact"]');
    // The first co-traveller and the manual-code contact (other direction).
    for (const key of [scripted.expectedOrder[0], 'ABCDE-FGHJK']) (rows.find((r) => r.dataset.key === key)?.querySelector('input') as HTMLInputElement).click();
    await el.updateComplete;
    expect(text($(el, '[part~="deliver-button"]'))).to.contain('Gửi 2 người');
    const delivered = nextEvent<ExposureDeliveredEvent>('ck-exposure-delivered');
    $(el, '[part~="deliver-button"]')?.click();
    const event = await delivered;
    expect(deliveries).to.have.length(1);
    expect(deliveries[0]?.body).to.deep.equal({ casePassId: scripted.casePassId, windowMinutes: 15, keys: [scripted.expectedOrder[0], 'ABCDE-FGHJK'] });
    expect(decodeURIComponent(deliveries[0]?.reason ?? '')).to.equal(REASON);
    expect(event.detail.delivered.map((d) => d.key)).to.deep.equal([scripted.expectedOrder[0], 'ABCDE-FGHJK']);
    await el.updateComplete;
    // 00070 + 09289 (co-traveller) and 09289 + 00004 (manual code): three wards.
    expect(text($(el, '[part~="delivery"]'))).to.equal('✓ Đã gửi 2 người tiếp xúc đến hộp thư của 3 phường/xã.');
  });

  it('says a refused delivery in words', async () => {
    const el = await loaded('en');
    worker.use(http.post('/api/exposure/deliveries', () => HttpResponse.json({ errors: [{ code: 'forbidden' }] }, { status: 403 })));
    el.selectedKeys = [scripted.expectedOrder[2] ?? ''];
    await el.deliverSelected();
    await el.updateComplete;
    expect(text($(el, '[part~="delivery"]'))).to.contain('Your account may not send contacts to wards.');
  });

  it('exports one CSV row per contact and link, in working order, formulas neutralised', async () => {
    const el = await loaded();
    downloads = captureDownloads();
    $(el, '[part~="export-button"]')?.click();
    const [file] = await downloads.read();
    expect(file?.filename).to.equal(`ck-exposure-${scripted.casePassId}.csv`);
    expect([...(file?.bytes.slice(0, 3) ?? [])]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const rows = readCsv((file?.text ?? '').slice(1));
    expect(rows[0]?.[0]).to.equal('Nhóm');
    expect(rows).to.have.length(1 + 7);
    // A random pass id may start with '-' (base64url): the writer then prefixes an apostrophe, as
    // for any formula start (core/csv.ts), which a spreadsheet does not show.
    const shown = (cell: string | undefined) => (cell ?? '').replace(/^'(?=[=+\-@\t\r])/, '');
    expect([...new Set(rows.slice(1).map((r) => shown(r[1]) || shown(r[2])))]).to.deep.equal(scripted.expectedOrder);
    expect(rows[1]?.[0]).to.equal('Đi cùng xe');
    expect(rows[1]?.[5]).to.equal('Phường Hàng Trống');
    expect(rows[1]?.[9]).to.equal('Chốt Pháp Vân');
    for (const row of rows) for (const cell of row) expect(/^[=+\-@]/.test(cell), cell).to.equal(false);
  });
});

describe('<ck-exposure> live', () => {
  it('queries again (once, debounced) when passages arrive at a checkpoint of the case', async () => {
    const el = await loaded();
    await waitUntil(() => streams.length > 0, 'the passage stream was not opened');
    const frame = (checkpointId: string, i: number) => new TextEncoder().encode(`id: ${i}\nevent: passage\ndata: ${JSON.stringify({
      passageId: '0190a3c2-7b1e-7c3d-9f00-00000000000' + i, checkpointId, at: new Date().toISOString(), direction: 'in', decision: 'allow', relationUnits: ['00070', '09289'],
    })}\n\n`);
    const before = exposureRequests.length;
    // A passage elsewhere changes nothing; three at the case's checkpoint make one query.
    streams[0]?.enqueue(frame('HN-QL32-03', 1));
    for (const i of [2, 3, 4]) streams[0]?.enqueue(frame('HN-QL1A-01', i));
    await waitUntil(() => exposureRequests.length > before, 'no refresh after passages', { timeout: 8000 });
    await new Promise((r) => setTimeout(r, 2000));
    expect(exposureRequests.length).to.equal(before + 1);
    expect(decodeURIComponent(exposureRequests.at(-1)?.headers.get('X-Lookup-Reason') ?? '')).to.equal(REASON);
    expect($$(el, 'tr[part~="contact"]')).to.have.length(6);
  });
});

describe('<ck-exposure> accessibility', () => {
  it('is axe-clean in Vietnamese and English, light and dark', async () => {
    const el = await loaded('vi', { noLive: true });
    await expect(el).to.be.accessible();
    el.setAttribute('lang', 'en');
    await waitUntil(() => text($(el, 'h2')) === 'Contact tracing');
    await expect(el).to.be.accessible();
    await onDarkPage(() => expect(el).to.be.accessible());
    const empty = await fixture<CkExposure>(html`<ck-exposure lang="en"></ck-exposure>`);
    await expect(empty).to.be.accessible();
  });

  it('is usable by keyboard alone: query, select, send', async () => {
    const box = await fixture<HTMLDivElement>(html`<div><button id="before">before</button>
      <ck-exposure api-base="/api" .units=${units} no-live></ck-exposure></div>`);
    const el = box.querySelector('ck-exposure') as CkExposure;
    (box.querySelector('#before') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.id).to.equal('pass-id');
    await sendKeys({ type: scripted.casePassId });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: REASON });
    const done = nextEvent<ExposureLoadedEvent>('ck-exposure-loaded');
    await sendKeys({ press: 'Enter' });
    await done;
    await el.updateComplete;
    await waitUntil(() => $$(el, 'tr[part~="contact"] input').length === 6);
    const deliver = $(el, '[part~="deliver-button"]') as HTMLElement;
    expect(deliver.getBoundingClientRect().height).to.be.at.least(44);
    // After the deliver button: the first group's table (a scrollable region), then its first checkbox.
    // Space ticks it, then back to the button and Enter sends.
    deliver.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.getAttribute('role')).to.equal('region');
    await sendKeys({ press: 'Tab' });
    const first = $$(el, 'tr[part~="contact"] input')[0];
    expect(el.shadowRoot?.activeElement?.id).to.equal(first?.id);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.selectedKeys).to.deep.equal([scripted.expectedOrder[0]]);
    deliver.focus();
    const delivered = nextEvent<ExposureDeliveredEvent>('ck-exposure-delivered');
    await sendKeys({ press: 'Enter' });
    await delivered;
    expect(deliveries).to.have.length(1);
  });
});
