import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setupWorker } from 'msw/browser';
import { addDays, vietnamDate } from '../../core/dates';
import type { Declaration, DeclarationErrorCode } from '../../core/declaration';
import { declarationErrorText } from '../../core/texts';
import { closeCitizenDb, openCitizenDb } from '../../store/open';
import { getKeptPass } from '../../store/passes';
import { fetchUnits, type AdministrativeUnit } from '../../api/units';
import { createCitizenBackend, createTestIssuer, type CitizenBackend } from '../../../test/fixtures/citizen-backend';
import {
  choose,
  control,
  errorElement,
  errorText,
  fillForm,
  setField,
  statusText,
  typeUnit,
} from '../../../test/fixtures/declaration-form';
import { referenceDeclaration } from '../../../test/fixtures/reference';
import { $, $$, must, uniqueDbName } from '../../../test/fixtures/dom';
import './ck-declaration-form';
import type { CkDeclarationForm, DeclarationErrorDetail } from './ck-declaration-form.component';

let backend: CitizenBackend;
let units: AdministrativeUnit[];
const worker = setupWorker();

before(async () => {
  backend = createCitizenBackend('/api', await createTestIssuer(`${location.origin}/api`));
  units = await fetchUnits('/test/fixtures/units-flat.json');
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});
beforeEach(() => {
  worker.resetHandlers(...backend.handlers);
  backend.fault = 'none';
  backend.rejectWith = undefined;
  backend.attempts.length = 0;
  backend.issued.clear();
});
after(() => worker.stop());

async function form(store = uniqueDbName('form'), extra: { lang?: string } = {}): Promise<CkDeclarationForm> {
  const el = await fixture<CkDeclarationForm>(
    html`<ck-declaration-form api-base="/api" lang=${extra.lang ?? 'vi'} store-name=${store} .units=${units}></ck-declaration-form>`,
  );
  await el.updateComplete;
  return el;
}

/** The code a combobox holds (the form's state: the box shows only the unit's name). */
const chosenCode = (el: CkDeclarationForm, path: string): string =>
  String((el as unknown as { values: Record<string, unknown> }).values[path] ?? '');

const vi = (code: DeclarationErrorCode) => declarationErrorText(code, 'vi');
const today = () => vietnamDate(new Date());

/** Re-creates the form on the same database, as a page reload would. */
async function reload(el: CkDeclarationForm, store: string): Promise<CkDeclarationForm> {
  el.remove();
  await aTimeout(50);
  closeCitizenDb(store);
  const again = await form(store);
  return again;
}

describe('<ck-declaration-form> validation', () => {
  it('shows each rule of the core on blur, with aria-invalid and aria-describedby', async () => {
    const el = await form();
    await fillForm(el, referenceDeclaration());
    const cases: [field: string, value: string, message: string][] = [
      ['fullName', '', vi('required')],
      ['fullName', 'A', vi('too-short')],
      ['fullName', 'x'.repeat(101), vi('too-long')],
      ['fullName', 'Nguyễn Văn 3', vi('invalid-characters')],
      ['idNumber', '12345', vi('invalid-format')],
      ['idNumber', '099190012345', vi('cccd-province')],
      ['idNumber', '001390012345', vi('cccd-century')],
      ['idNumber', '001090012345', vi('cccd-gender')],
      ['idNumber', '001191012345', vi('cccd-birth-year')],
      ['dateOfBirth', addDays(today(), 1), vi('future-date')],
      ['dateOfBirth', '1899-12-31', vi('before-1900')],
      ['phone', '12345', vi('invalid-phone')],
      ['origin.address', 'x'.repeat(201), vi('too-long')],
      ['departureDate', addDays(today(), -1), vi('before-today')],
      ['vehiclePlate', 'ABC', vi('invalid-plate')],
    ];
    for (const [field, value, message] of cases) {
      const good = (control(el, field) as HTMLInputElement).value;
      await setField(el, field, value);
      expect(errorText(el, field), `${field}=${value}`).to.equal(message);
      const input = control(el, field);
      expect(input.getAttribute('aria-invalid'), field).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain(errorElement(el, field).id);
      await setField(el, field, good);
      expect(errorText(el, field), `${field} fixed`).to.equal('');
      expect(input.getAttribute('aria-invalid')).to.equal('false');
    }
  });

  it('shows the cross-field, picker, conditional and health rules', async () => {
    const el = await form();
    const d = referenceDeclaration();
    await fillForm(el, d);
    await setField(el, 'returnDate', addDays(d.departureDate, -1));
    expect(errorText(el, 'returnDate')).to.equal(vi('before-departure'));
    await setField(el, 'returnDate', must(d.returnDate));

    await typeUnit(el, 'origin.provinceCode', '99'); // a code no province has
    expect(errorText(el, 'origin.provinceCode')).to.equal(vi('unknown-value'));
    await typeUnit(el, 'origin.provinceCode', 'ha noi');
    expect(errorText(el, 'origin.provinceCode')).to.equal('');
    expect(control(el, 'origin.provinceCode').getAttribute('aria-expanded')).to.equal('false');
    await typeUnit(el, 'origin.unitCode', 'no such ward');
    expect(errorText(el, 'origin.unitCode')).to.equal('Hãy chọn một mục trong danh sách.');
    await typeUnit(el, 'origin.unitCode', '');
    expect(errorText(el, 'origin.unitCode')).to.equal(vi('required'));

    await setField(el, 'purpose', 'other');
    await setField(el, 'purposeNote', '');
    expect(errorText(el, 'purposeNote')).to.equal(vi('required'));

    await setField(el, 'health.testResult.result', 'negative');
    await setField(el, 'health.testResult.date', '');
    expect(errorText(el, 'health.testResult.date')).to.equal(vi('required'));
    await setField(el, 'health.testResult.date', addDays(today(), 2));
    expect(errorText(el, 'health.testResult.date')).to.equal(vi('future-date'));
  });

  it('flags an incomplete date typed by keyboard', async () => {
    const el = await form();
    control(el, 'dateOfBirth').focus();
    await sendKeys({ type: '05' });
    control(el, 'dateOfBirth').blur();
    await el.updateComplete;
    expect(errorText(el, 'dateOfBirth')).to.equal('Ngày chưa đầy đủ hoặc không có thật.');
  });

  it('on submit shows every error, announces the count and moves focus to the first one', async () => {
    const el = await form();
    await setField(el, 'fullName', 'Nguyễn Thị Minh Khai');
    let submitted = false;
    el.addEventListener('ck-declaration-submit', () => (submitted = true));
    await el.submit();
    expect(submitted).to.equal(false);
    expect(backend.attempts).to.have.length(0);
    // First error in field order: the ID type (name is filled).
    expect((el.shadowRoot?.activeElement as HTMLElement).dataset.field).to.equal('idType');
    for (const field of ['idType', 'idNumber', 'dateOfBirth', 'gender', 'phone', 'origin.provinceCode', 'departureDate', 'purpose']) {
      expect(errorText(el, field), field).to.equal(vi('required'));
    }
    expect(errorText(el, 'health.contactWithCase')).to.equal(vi('required'));
    const live = [...$$(el, '[aria-live="polite"]')].map((n) => n.textContent).join(' ');
    expect(live).to.match(/Có \d+ mục cần sửa/);
  });

  it('switches messages to English at runtime (own lang or an ancestor)', async () => {
    const el = await form();
    await setField(el, 'phone', '123');
    expect(errorText(el, 'phone')).to.equal(vi('invalid-phone'));
    el.setAttribute('lang', 'en');
    await waitUntil(() => errorText(el, 'phone') === declarationErrorText('invalid-phone', 'en'), 'english error', { timeout: 5000 });
    expect($(el, 'label[for="f-phone"]').textContent).to.contain('Mobile phone number');
    el.removeAttribute('lang');
    document.documentElement.lang = 'en';
    try {
      await waitUntil(() => errorText(el, 'phone') === declarationErrorText('invalid-phone', 'en'), 'html lang', { timeout: 5000 });
      document.documentElement.lang = 'vi';
      await waitUntil(() => errorText(el, 'phone') === vi('invalid-phone'), 'back to vi', { timeout: 5000 });
    } finally {
      document.documentElement.lang = 'en';
    }
  });
});

describe('<ck-declaration-form> unit picker', () => {
  it('finds units ignoring accents and case, with the ARIA 1.2 combobox keys', async () => {
    const el = await form();
    const input = control(el, 'origin.provinceCode');
    input.focus();
    await sendKeys({ type: 'HA NOI' });
    await el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    const listbox = $(el, `#${must(input.getAttribute('aria-controls'))}`);
    const active = () => el.shadowRoot?.getElementById(input.getAttribute('aria-activedescendant') ?? '');
    // Typing highlights nothing (no automatic selection); ↓ goes to the first option.
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
    expect(listbox.querySelector('[role="option"]')?.textContent).to.contain('Thành phố Hà Nội');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(active()?.textContent).to.contain('Thành phố Hà Nội');
    expect(active()?.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
    await sendKeys({ press: 'Escape' }); // closed: Escape clears
    await el.updateComplete;
    expect((input as HTMLInputElement).value).to.equal('');

    await sendKeys({ type: 'dak' });
    await el.updateComplete;
    const names = [...listbox.querySelectorAll('[role="option"]')].map((o) => o.textContent?.trim() ?? '');
    expect(names).to.include.members(['Tỉnh Đắk Lắk', 'Tỉnh Đắk Nông']);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(active()?.textContent?.trim()).to.equal(names[1]);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect((input as HTMLInputElement).value).to.equal(names[0]);
    expect(input.getAttribute('aria-expanded')).to.equal('false');

    // Wards come from the chosen province; a new province clears the ward.
    await typeUnit(el, 'origin.provinceCode', 'ha noi');
    const ward = control(el, 'origin.unitCode');
    ward.focus();
    await sendKeys({ type: 'dong da' });
    await el.updateComplete;
    // Districts are not searched (Quận Đống Đa's wards are not all "dong da").
    const options = $$(el, '#f-origin-unitCode-listbox [role="option"]').map((o) => o.textContent ?? '');
    expect(options.filter((o) => o.includes('Quận Đống Đa')).length).to.be.below(21);
    await sendKeys({ press: 'Enter' }); // nothing highlighted: Enter chooses nothing
    await el.updateComplete;
    expect(chosenCode(el, 'origin.unitCode')).to.equal('');
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await sendKeys({ type: 'hang trong' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    ward.blur();
    await el.updateComplete;
    expect((ward as HTMLInputElement).value).to.equal('Phường Hàng Trống');
    await typeUnit(el, 'origin.provinceCode', 'bac ninh');
    expect((control(el, 'origin.unitCode') as HTMLInputElement).value).to.equal('');
    // A province without a ward list accepts a typed 5-digit code.
    await typeUnit(el, 'origin.provinceCode', 'hung yen');
    expect($(el, '#f-origin-unitCode-hint').textContent).to.contain('5 chữ số');
    await typeUnit(el, 'origin.unitCode', '12345');
    expect(errorText(el, 'origin.unitCode')).to.equal('');
  });
});

describe('<ck-declaration-form> with the whole catalogue', () => {
  const requests: string[] = [];
  const record = ({ request }: { request: Request }) => void requests.push(new URL(request.url).pathname);
  before(() => worker.events.on('request:start', record));
  after(() => worker.events.removeListener('request:start', record));

  it('loads one province on demand; type → ↓ → Enter chooses the first ward shown; codes are checked against the set', async () => {
    const el = await fixture<CkDeclarationForm>(
      html`<ck-declaration-form api-base="/api" lang="vi" store-name=${uniqueDbName('form')} units-src="/units/2021-07/index.json"></ck-declaration-form>`,
    );
    await waitUntil(() => requests.includes('/units/2021-07/index.json'), 'index requested');
    await typeUnit(el, 'origin.provinceCode', 'ha noi');
    expect(chosenCode(el, 'origin.provinceCode')).to.equal('01');
    const ward = control(el, 'origin.unitCode') as HTMLInputElement;
    await waitUntil(() => $(el, '#f-origin-unitCode-hint').textContent?.includes('01/07/2021'), 'Hà Nội loaded', { timeout: 5000 });
    ward.focus();
    await sendKeys({ type: 'phuc xa' });
    await el.updateComplete;
    const options = $$(el, '#f-origin-unitCode-listbox [role="option"]');
    expect(options.map((o) => o.textContent?.replace(/\s+/g, ' ').trim())).to.deep.equal(['Phường Phúc Xá Quận Ba Đình']);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(ward.value).to.equal('Phường Phúc Xá');
    expect(chosenCode(el, 'origin.unitCode')).to.equal('00001');

    // A code that is not in the chosen province's list is refused on the form.
    await typeUnit(el, 'destination.provinceCode', 'bac ninh');
    await waitUntil(() => $(el, '#f-destination-unitCode-hint').textContent?.includes('01/07/2021'), 'Bắc Ninh loaded', { timeout: 5000 });
    await typeUnit(el, 'destination.unitCode', '00001');
    expect(errorText(el, 'destination.unitCode')).to.contain('không có trong danh mục hành chính ngày 01/07/2021');
    const unitFiles = requests.filter((r) => r.startsWith('/units/'));
    expect([...new Set(unitFiles)].sort()).to.deep.equal(['/units/2021-07/01.json', '/units/2021-07/27.json', '/units/2021-07/index.json']);
  });
});

describe('<ck-declaration-form> submission', () => {
  it('fires a cancelable ck-declaration-submit first: a portal can take over', async () => {
    const el = await form();
    await fillForm(el, referenceDeclaration());
    el.addEventListener('ck-declaration-submit', (event) => event.preventDefault(), { once: true });
    const submit = oneEvent(el, 'ck-declaration-submit');
    await el.submit();
    const event = await submit;
    expect(event.detail.declaration).to.deep.equal(referenceDeclaration());
    expect(event.cancelable).to.equal(true);
    await aTimeout(100);
    expect(backend.attempts).to.have.length(0);
  });

  it('lands server field errors on their fields, focused and announced', async () => {
    const el = await form();
    await fillForm(el, referenceDeclaration());
    backend.rejectWith = [
      { field: 'origin.unitCode', code: 'unknown-value' },
      { field: 'phone', code: 'invalid-phone' },
      { field: 'vehiclePlate', code: 'plate-blacklisted', message: 'Biển số đang bị tạm giữ.' },
    ];
    const errors: DeclarationErrorDetail[] = [];
    el.addEventListener('ck-declaration-error', (e) => errors.push(e.detail));
    await el.submit();
    await waitUntil(() => errorText(el, 'phone') !== '', 'server errors never shown', { timeout: 5000 });
    expect(errorText(el, 'phone')).to.equal(vi('invalid-phone'));
    expect(errorText(el, 'origin.unitCode')).to.equal(vi('unknown-value'));
    expect(errorText(el, 'vehiclePlate')).to.equal('Biển số đang bị tạm giữ.');
    expect(control(el, 'phone').getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => (el.shadowRoot?.activeElement as HTMLElement | null)?.dataset.field === 'phone', 'focus to first', { timeout: 5000 });
    expect(errors, 'field errors are not reported as errors').to.have.length(0);
    // Editing the field clears the server's message; fixing all and resubmitting works.
    backend.rejectWith = undefined;
    await setField(el, 'phone', '0912345679');
    expect(errorText(el, 'phone')).to.equal('');
    await typeUnit(el, 'origin.unitCode', '00070');
    await setField(el, 'vehiclePlate', '29A-123.46');
    const issued = oneEvent(el, 'ck-pass-issued');
    await el.submit();
    expect((await issued).detail.passId).to.be.a('string');
  });

  it('keeps an offline submission waiting across a reload and sends it exactly once when back online', async () => {
    const store = uniqueDbName('form');
    let el = await form(store);
    await fillForm(el, referenceDeclaration());
    backend.fault = 'network';
    const errors: DeclarationErrorDetail[] = [];
    el.addEventListener('ck-declaration-error', (e) => errors.push(e.detail));
    await el.submit();
    await waitUntil(() => statusText(el).includes('Đang chờ mạng'), 'waiting state shown', { timeout: 5000 });
    expect(errors[0]).to.include({ code: 'network', queued: true, retryable: true });

    el = await reload(el, store);
    await waitUntil(() => statusText(el).includes('Đang chờ mạng'), 'still waiting after reload', { timeout: 5000 });
    // Nothing lost (the draft loads from IndexedDB independently of the outbox state above).
    await waitUntil(() => (control(el, 'fullName') as HTMLInputElement).value === 'Nguyễn Thị Minh Khai', 'draft restored', { timeout: 5000 });

    const issued = oneEvent(el, 'ck-pass-issued');
    backend.fault = 'none';
    window.dispatchEvent(new Event('online'));
    const { detail } = await issued;
    await aTimeout(200);
    window.dispatchEvent(new Event('online')); // a second trigger sends nothing more
    await aTimeout(300);

    const accepted = backend.attempts.filter((a) => a.outcome === 201);
    expect(accepted).to.have.length(1);
    expect(new Set(backend.attempts.map((a) => a.idempotencyKey)).size, 'one key on every attempt').to.equal(1);
    expect(backend.issued.size).to.equal(1);
    expect((await getKeptPass(openCitizenDb(store), detail.passId))?.qrText).to.equal(detail.qrText);
    expect(statusText(el)).to.contain('Đã cấp mã QR khai báo di chuyển');
    expect((control(el, 'fullName') as HTMLInputElement).value).to.equal(''); // the draft is done with
    expect(el.shadowRoot?.querySelector('.draft'), '"draft saved" goes with the draft').to.equal(null);
  });

  it('gives health advice under the confirmation when the declaration carries a health flag, and none without', async () => {
    const el = await form();
    const flagged: Declaration = {
      ...referenceDeclaration(),
      health: { symptoms: ['fever'], contactWithCase: true, testResult: { result: 'positive', date: addDays(today(), -1), kind: 'rapid' } },
    };
    await fillForm(el, flagged);
    const issued = oneEvent(el, 'ck-pass-issued');
    await el.submit();
    await issued;
    await waitUntil(() => el.shadowRoot?.querySelector('[part="status"] [part="health-advice"]'), 'advice under the confirmation', { timeout: 5000 });
    const status = must(el.shadowRoot?.querySelector('[part="status"]'));
    const confirmation = must(status.querySelector('[role="status"]'));
    const advice = must(status.querySelector('[part="health-advice"]'));
    expect(confirmation.textContent).to.contain('Đã cấp mã QR khai báo di chuyển');
    // Below the confirmation, not instead of it: the pass was issued all the same.
    expect(confirmation.compareDocumentPosition(advice) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(advice.textContent).to.contain('sốt');
    expect(advice.textContent).to.contain('dương tính');
    expect(advice.textContent).to.contain('1900 9095');
    expect(advice.querySelector('a[href="tel:19009095"]')).to.not.equal(null);
    el.lang = 'en';
    await waitUntil(() => advice.isConnected && (status.querySelector('[part="health-advice"]')?.textContent ?? '').includes('Health advice'), 'english advice', { timeout: 5000 });
    await expect(el).shadowDom.to.be.accessible();

    // A declaration without symptoms, contact or positive test: confirmation, no advice.
    const calm = await form();
    await fillForm(calm, referenceDeclaration());
    const calmIssued = oneEvent(calm, 'ck-pass-issued');
    await calm.submit();
    await calmIssued;
    await waitUntil(() => statusText(calm).includes('Đã cấp mã QR khai báo di chuyển'), 'confirmation', { timeout: 5000 });
    expect(calm.shadowRoot?.querySelector('[part="health-advice"]')).to.equal(null);
  });

  it('with navigator.onLine false it sends nothing until the online event', async () => {
    const el = await form();
    await fillForm(el, referenceDeclaration());
    const onLine = must(Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine'));
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      window.dispatchEvent(new Event('offline'));
      await el.submit();
      await waitUntil(() => statusText(el).includes('Đang chờ mạng'), 'waiting', { timeout: 5000 });
      await aTimeout(200);
      expect(backend.attempts).to.have.length(0);
    } finally {
      Object.defineProperty(navigator, 'onLine', onLine);
      delete (navigator as { onLine?: boolean }).onLine;
    }
    const issued = oneEvent(el, 'ck-pass-issued');
    window.dispatchEvent(new Event('online'));
    await issued;
    expect(backend.attempts.map((a) => a.outcome)).to.deep.equal([201]);
  });

  it('a response lost after the server committed is retried with the same key and gives the same pass', async () => {
    const el = await form();
    await fillForm(el, referenceDeclaration());
    backend.fault = 'lost-response';
    await el.submit();
    await waitUntil(() => statusText(el).includes('Đang chờ mạng'), 'waiting after lost response', { timeout: 5000 });
    expect(backend.issued.size).to.equal(1);
    const [committed] = [...backend.issued.values()];
    backend.fault = 'none';
    const issued = oneEvent(el, 'ck-pass-issued');
    $<HTMLButtonElement>(el, '.status button').click(); // "send again now"
    const { detail } = await issued;
    expect(detail.passId).to.equal(committed?.passId);
    expect(backend.issued.size).to.equal(1);
    expect(new Set(backend.attempts.map((a) => a.idempotencyKey)).size).to.equal(1);
  });

  it('two forms on one device (two tabs) send a waiting submission once and report it once', async () => {
    const store = uniqueDbName('form');
    const a = await form(store);
    await fillForm(a, referenceDeclaration());
    backend.fault = 'network';
    await a.submit();
    await waitUntil(() => statusText(a).includes('Đang chờ mạng'), 'waiting', { timeout: 5000 });
    const b = await form(store);
    await waitUntil(() => statusText(b).includes('Đang chờ mạng'), 'the other tab sees it waiting', { timeout: 5000 });
    let events = 0;
    const count = () => events++;
    a.addEventListener('ck-pass-issued', count);
    b.addEventListener('ck-pass-issued', count);
    backend.fault = 'none';
    backend.attempts.length = 0;
    window.dispatchEvent(new Event('online')); // both flush at once
    await waitUntil(() => events > 0, 'issued', { timeout: 5000 });
    await aTimeout(500);
    expect(backend.attempts.map((x) => x.outcome)).to.deep.equal([201]);
    expect(events).to.equal(1);
  });

  it('keeps what was typed and reports a coded error when the device storage fails', async () => {
    const store = uniqueDbName('form');
    const el = await form(store);
    await fillForm(el, referenceDeclaration());
    openCitizenDb(store).close(); // the browser's storage is gone from under the page
    const error = oneEvent(el, 'ck-declaration-error');
    await el.submit();
    expect((await error).detail).to.include({ code: 'storage-unavailable', queued: false });
    expect(statusText(el)).to.contain('Không dùng được bộ nhớ của trình duyệt');
    expect((control(el, 'fullName') as HTMLInputElement).value).to.equal('Nguyễn Thị Minh Khai');
    expect(backend.attempts).to.have.length(0);
    closeCitizenDb(store);
  });

  it('shows the server\'s refusal again after a reload', async () => {
    const store = uniqueDbName('form');
    let el = await form(store);
    await fillForm(el, referenceDeclaration());
    backend.rejectWith = [{ field: 'phone', code: 'invalid-phone' }];
    await el.submit();
    await waitUntil(() => errorText(el, 'phone') !== '', 'server error shown', { timeout: 5000 });
    el = await reload(el, store);
    await waitUntil(() => errorText(el, 'phone') === vi('invalid-phone'), 'server error shown after reload', { timeout: 5000 });
    expect(statusText(el)).to.contain('Máy chủ báo có mục cần sửa');
  });

  it('reports a 5xx as a queued, retryable error and a missing api-base as an error', async () => {
    const el = await form();
    await fillForm(el, referenceDeclaration());
    backend.fault = 'unavailable';
    const error = oneEvent(el, 'ck-declaration-error');
    await el.submit();
    expect((await error).detail).to.include({ code: 'server', status: 503, queued: true, retryable: true });
    await waitUntil(() => statusText(el).includes('lỗi máy chủ'), 'retry status', { timeout: 5000 });

    const bare = await fixture<CkDeclarationForm>(html`<ck-declaration-form store-name=${uniqueDbName('form')} .units=${units}></ck-declaration-form>`);
    await fillForm(bare, referenceDeclaration());
    const missing = oneEvent(bare, 'ck-declaration-error');
    await bare.submit();
    expect((await missing).detail.code).to.equal('no-api-base');
  });
});

describe('<ck-declaration-form> drafts and prefill', () => {
  it('autosaves the draft and restores it after a reload', async () => {
    const store = uniqueDbName('form');
    let el = await form(store);
    control(el, 'fullName').focus();
    await sendKeys({ type: 'Trần Văn Bình' });
    await typeUnit(el, 'origin.provinceCode', 'ha noi');
    await choose(el, 'gender', 'male');
    await aTimeout(600); // past the debounce
    el = await reload(el, store);
    await waitUntil(() => (control(el, 'fullName') as HTMLInputElement).value === 'Trần Văn Bình', 'draft restored', { timeout: 5000 });
    expect((control(el, 'origin.provinceCode') as HTMLInputElement).value).to.equal('Thành phố Hà Nội');
    expect((control(el, 'gender', 'male') as HTMLInputElement).checked).to.equal(true);
    expect(statusText(el)).to.contain('Đã khôi phục bản nháp');
  });

  it('saves a pending draft when the page is hidden (no wait for the debounce)', async () => {
    const store = uniqueDbName('form');
    let el = await form(store);
    await setField(el, 'phone', '0987654321');
    window.dispatchEvent(new Event('pagehide'));
    await aTimeout(100);
    el = await reload(el, store);
    await waitUntil(() => (control(el, 'phone') as HTMLInputElement).value === '0987654321', 'saved on pagehide', { timeout: 5000 });
  });

  it('prefills from the portal and locks identity fields with prefill-readonly', async () => {
    const prefill: Partial<Declaration> = { fullName: 'Lê Văn An', idType: 'cccd', idNumber: '001085001234', dateOfBirth: '1985-02-03', gender: 'male', phone: '0911222333' };
    const el = await fixture<CkDeclarationForm>(
      html`<ck-declaration-form prefill-readonly .prefill=${prefill} store-name=${uniqueDbName('form')} .units=${units}></ck-declaration-form>`,
    );
    await el.updateComplete;
    expect((control(el, 'fullName') as HTMLInputElement).value).to.equal('Lê Văn An');
    expect(control(el, 'fullName').hasAttribute('readonly')).to.equal(true);
    expect(control(el, 'dateOfBirth').hasAttribute('readonly')).to.equal(true);
    expect((control(el, 'gender', 'male') as HTMLInputElement).checked).to.equal(true);
    expect((control(el, 'gender', 'female') as HTMLInputElement).disabled).to.equal(true);
    expect(control(el, 'phone').hasAttribute('readonly')).to.equal(false); // contact, not identity
    expect(control(el, 'fullName').getAttribute('aria-describedby')).to.contain('f-from-portal');
    control(el, 'fullName').focus();
    await sendKeys({ type: 'X' });
    expect((control(el, 'fullName') as HTMLInputElement).value).to.equal('Lê Văn An');
  });
});

describe('<ck-declaration-form> people travelling together', () => {
  it('adds a person (focus to their name), places their errors on their own controls, removes them', async () => {
    const el = await form();
    await fillForm(el, referenceDeclaration());
    $<HTMLButtonElement>(el, '[data-ui="add-companion"]').click();
    await el.updateComplete;
    await waitUntil(() => (el.shadowRoot?.activeElement as HTMLElement | null)?.dataset.field === 'companions.0.fullName', 'focus on the new name');
    await setField(el, 'companions.0.fullName', 'Trần Minh Anh');
    await el.submit(); // the companion's identity is missing: nothing is sent
    expect(backend.attempts).to.have.length(0);
    expect(errorText(el, 'companions.0.fullName')).to.equal('');
    expect(errorText(el, 'companions.0.idNumber')).to.equal(vi('required'));
    expect(control(el, 'companions.0.idNumber').getAttribute('aria-invalid')).to.equal('true');
    expect(errorText(el, 'fullName'), 'the declarant is fine').to.equal('');
    $<HTMLButtonElement>(el, '[data-ui="remove-companion"]').click();
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[data-field="companions.0.fullName"]')).to.equal(null);
  });
});

describe('<ck-declaration-form> accessibility', () => {
  for (const lang of ['vi', 'en']) {
    for (const theme of ['light', 'dark']) {
      it(`has no axe violations with people travelling together (${lang}, ${theme})`, async () => {
        const el = await form(uniqueDbName('form'), { lang });
        el.setAttribute('theme', theme);
        document.body.style.background = theme === 'dark' ? '#000' : '';
        try {
          $<HTMLButtonElement>(el, '[data-ui="add-companion"]').click();
          $<HTMLButtonElement>(el, '[data-ui="add-companion"]').click();
          await el.updateComplete;
          await expect(el).to.be.accessible();
          await el.submit(); // every field in error, the companions' too
          await expect(el).to.be.accessible();
          for (const target of $$<HTMLElement>(el, '.companion button, .companion input[type="text"], .companion select, .companion .choice')) {
            expect(target.getBoundingClientRect().height, target.outerHTML.slice(0, 60)).to.be.at.least(44);
          }
        } finally {
          document.body.style.background = '';
        }
      });
    }

    it(`has no axe violations (${lang}), also with errors and a waiting submission shown`, async () => {
      const el = await form(uniqueDbName('form'), { lang });
      await expect(el).to.be.accessible();
      await el.submit(); // every field in error
      await expect(el).to.be.accessible();
      await fillForm(el, referenceDeclaration());
      backend.fault = 'network';
      await el.submit();
      await waitUntil(() => el.shadowRoot?.querySelector('.status button'), 'waiting actions', { timeout: 5000 });
      await expect(el).to.be.accessible();
      for (const target of $$<HTMLElement>(el, 'button, input[type="text"], input[type="date"], input[type="tel"], select, .choice')) {
        expect(target.getBoundingClientRect().height, target.outerHTML.slice(0, 60)).to.be.at.least(44);
      }
    });
  }
});
