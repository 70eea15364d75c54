import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createDecoder, type Decoder } from '../../scanner/decoder';
import { issuePass, newPassId } from '../../core/issue';
import { manualCode } from '../../core/manual-code';
import { createTrustStore } from '../../core/trust-store';
import { verifyPass } from '../../core/verify';
import { reasonText } from '../../core/texts';
import { closeCitizenDb, openCitizenDb } from '../../store/open';
import { getKeptPass } from '../../store/passes';
import { getCachedIssuerKeys } from '../../store/issuer-keys';
import { createCitizenBackend, createTestIssuer, type CitizenBackend, type TestIssuer } from '../../../test/fixtures/citizen-backend';
import { referenceDeclaration } from '../../../test/fixtures/reference';
import { $, $$, must, svgToImageData, uniqueDbName } from '../../../test/fixtures/dom';
import './ck-pass';
import type { CkPass } from './ck-pass.component';

const HOUR = 3600_000;
let issuer: TestIssuer;
let backend: CitizenBackend;
const worker = setupWorker();

before(async () => {
  issuer = await createTestIssuer(`${location.origin}/api`);
  backend = createCitizenBackend('/api', issuer);
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});
beforeEach(() => {
  worker.resetHandlers(...backend.handlers);
  backend.fault = 'none';
});
after(() => worker.stop());

async function issue(options: { validFrom?: Date; validUntil?: Date; passId?: string } = {}): Promise<{ text: string; passId: string }> {
  const passId = options.passId ?? newPassId();
  const text = await issuePass(referenceDeclaration(), { privateKey: issuer.privateKey, issuer: issuer.issuer }, { ...options, passId });
  return { text, passId };
}

const keys = () => ({ iss: issuer.issuer, jwks: { keys: [issuer.publicJwk] } });

async function settled(el: CkPass): Promise<void> {
  await waitUntil(() => el.state !== undefined, 'the pass was never read', { timeout: 5000 });
  await el.updateComplete;
}

const text = (el: CkPass, selector: string) => el.shadowRoot?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<ck-pass>', () => {
  it('shows the summary, the manual code and "valid" when it verifies with the issuer keys', async () => {
    const { text: qr, passId } = await issue();
    const el = await fixture<CkPass>(html`<ck-pass .pass=${qr} .issuerKeys=${keys()} store-name=${uniqueDbName('pass')}></ck-pass>`);
    await settled(el);
    expect(el.state).to.equal('valid');
    expect(text(el, '.verdict')).to.contain('Hợp lệ');
    expect(text(el, '.verdict')).to.contain('✓'); // icon and words, not colour alone
    expect(text(el, '.name')).to.equal('Nguyễn Thị Minh Khai');
    expect(text(el, 'dl')).to.contain('CCCD 001190012345');
    expect(text(el, 'dl')).to.contain('17/05/1990');
    expect(text(el, '.manual-code')).to.equal(manualCode(passId));
    expect(text(el, '.manual-code')).to.match(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    // No units given: codes, with the province names the core knows.
    expect(text(el, '.route')).to.contain('mã 00070, Hà Nội');
    expect(text(el, '.route')).to.contain('mã 09289, Bắc Ninh');
    expect(text(el, '.countdown')).to.match(/^Còn \d+ ngày \d+ giờ \d+ phút$/);
    const svg = el.shadowRoot?.querySelector('.qr-box svg');
    expect(svg, 'QR rendered as SVG').to.not.equal(null);
  });

  it('shows unit names from units-src', async () => {
    const { text: qr } = await issue();
    const el = await fixture<CkPass>(html`<ck-pass .pass=${qr} units-src="/test/fixtures/units-flat.json" store-name=${uniqueDbName('pass')}></ck-pass>`);
    await settled(el);
    await waitUntil(() => text(el, '.route').includes('Phường Hàng Trống'), 'unit names never appeared', { timeout: 5000 });
    expect(text(el, '.route')).to.contain('Phường Hàng Trống (mã 00070), Thành phố Hà Nội');
    expect(text(el, '.route')).to.contain('Xã Ngọc Xá (mã 09289), Tỉnh Bắc Ninh');
  });

  it('names units from the per-province catalogue, loading only the two provinces of the pass', async () => {
    const { text: qr } = await issue();
    const el = await fixture<CkPass>(html`<ck-pass .pass=${qr} units-src="/units/2021-07/index.json" store-name=${uniqueDbName('pass')}></ck-pass>`);
    await settled(el);
    await waitUntil(() => text(el, '.route').includes('Xã Ngọc Xá'), 'unit names never appeared', { timeout: 5000 });
    expect(text(el, '.route')).to.contain('Phường Hàng Trống (mã 00070), Thành phố Hà Nội');
    expect(text(el, '.route')).to.contain('Xã Ngọc Xá (mã 09289), Tỉnh Bắc Ninh');
    // The rest of what the officer's manual fallback needs from the paper alone.
    expect(text(el, '.purpose')).to.equal('Đi làm');
    expect(text(el, '.plate')).to.equal('29A-123.45');
  });

  it('gives health advice with a positive test, a contact or symptoms — and still shows the valid code', async () => {
    const declaration = referenceDeclaration();
    declaration.health = { symptoms: ['fever', 'cough'], contactWithCase: true, testResult: { result: 'positive', date: declaration.departureDate, kind: 'rapid' } };
    const qr = await issuePass(declaration, { privateKey: issuer.privateKey, issuer: issuer.issuer }, { passId: newPassId() });
    const el = await fixture<CkPass>(html`<ck-pass .pass=${qr} .issuerKeys=${keys()} store-name=${uniqueDbName('pass')}></ck-pass>`);
    await settled(el);
    expect(el.state).to.equal('valid');
    expect(el.shadowRoot?.querySelector('.qr-box svg'), 'the code is not withheld').to.not.equal(null);
    const advice = text(el, '[part="health-advice"]');
    expect(advice).to.contain('sốt, ho');
    expect(advice).to.contain('có tiếp xúc với ca bệnh');
    expect(advice).to.contain('dương tính');
    expect(advice).to.contain('cán bộ');
    expect(advice).to.contain('1900 9095');
    expect(el.shadowRoot?.querySelector('[part="health-advice"] a[href="tel:19009095"]')).to.not.equal(null);
    el.lang = 'en';
    await waitUntil(() => text(el, '[part="health-advice"]').includes('Health advice'), 'english advice', { timeout: 5000 });
    await expect(el).to.be.accessible();

    const { text: plain } = await issue();
    const calm = await fixture<CkPass>(html`<ck-pass .pass=${plain} .issuerKeys=${keys()} store-name=${uniqueDbName('pass')}></ck-pass>`);
    await settled(calm);
    expect(calm.shadowRoot?.querySelector('[part="health-advice"]'), 'no advice without a health flag').to.equal(null);
  });

  it('without keys shows the details labelled "not verified"', async () => {
    const { text: qr } = await issue();
    const el = await fixture<CkPass>(html`<ck-pass .pass=${qr} store-name=${uniqueDbName('pass')}></ck-pass>`);
    await settled(el);
    expect(el.state).to.equal('unverified');
    expect(text(el, '.verdict')).to.contain('Chưa xác minh chữ ký');
    expect(text(el, '.state')).to.contain('chưa được xác minh');
    expect(text(el, '.name')).to.equal('Nguyễn Thị Minh Khai');
  });

  it('says plainly when the pass is expired, revoked, forged or from an unknown issuer', async () => {
    const expired = await issue({ validFrom: new Date(Date.now() - 80 * HOUR), validUntil: new Date(Date.now() - 8 * HOUR) });
    const el = await fixture<CkPass>(html`<ck-pass .pass=${expired.text} .issuerKeys=${keys()} store-name=${uniqueDbName('pass')}></ck-pass>`);
    await settled(el);
    expect(el.state).to.equal('expired');
    expect(text(el, '.verdict')).to.contain('Đã hết hạn');
    expect(text(el, '.countdown')).to.match(/^Đã hết hạn lúc/);

    const revoked = await issue();
    el.revokedPassIds = [revoked.passId];
    el.pass = revoked.text;
    await waitUntil(() => el.state === 'revoked', 'revoked state', { timeout: 5000 });
    expect(text(el, '.verdict')).to.contain('Đã bị thu hồi');
    expect(text(el, '.reason')).to.equal(reasonText('revoked', 'vi'));

    // One signature character changed (within the base41 body): forged.
    const good = await issue();
    const i = 60;
    const swapped = good.text[i] === 'A' ? 'B' : 'A';
    el.revokedPassIds = [];
    el.pass = good.text.slice(0, i) + swapped + good.text.slice(i + 1);
    await waitUntil(() => el.state === 'invalid', 'invalid state', { timeout: 5000 });
    expect(text(el, '.verdict')).to.contain('Không hợp lệ');

    const stranger = await createTestIssuer('https://other.example');
    el.issuerKeys = { iss: stranger.issuer, jwks: { keys: [stranger.publicJwk] } };
    el.pass = good.text;
    await waitUntil(() => text(el, '.reason') === reasonText('untrusted-issuer', 'vi'), 'untrusted issuer', { timeout: 5000 });
    expect(el.state).to.equal('invalid');

    el.pass = 'CK1:NOT A PASS';
    await waitUntil(() => text(el, '.reason') === reasonText('malformed', 'vi'), 'malformed', { timeout: 5000 });
  });

  it('counts down live and turns to "expired" when the validity ends while shown', async () => {
    const soon = await issue({ validFrom: new Date(Date.now() - HOUR), validUntil: new Date(Date.now() + 2500) });
    const el = await fixture<CkPass>(html`<ck-pass lang="en" .pass=${soon.text} .issuerKeys=${keys()} store-name=${uniqueDbName('pass')}></ck-pass>`);
    await settled(el);
    expect(el.state).to.equal('valid');
    const first = text(el, '.countdown');
    expect(first).to.match(/^0 min [0-2] s left$/);
    await aTimeout(1100);
    expect(text(el, '.countdown')).to.not.equal(first);
    await waitUntil(() => el.state === 'expired', 'never expired', { timeout: 5000 });
    // The state follows the clock; the card re-renders on the next countdown tick.
    await waitUntil(() => text(el, '.verdict').includes('Expired'), 'card never showed "Expired"', { timeout: 3000 });
    expect(text(el, '.countdown')).to.match(/^Expired at/);
  });

  it('fetches keys from keys-src, caches them, and verifies offline from the cache', async () => {
    const { text: qr } = await issue();
    const db = uniqueDbName('pass');
    const el = await fixture<CkPass>(html`<ck-pass .pass=${qr} keys-src="/api/.well-known/jwks.json" store-name=${db}></ck-pass>`);
    await waitUntil(() => el.state === 'valid', 'online verification', { timeout: 5000 });
    const cached = await getCachedIssuerKeys(openCitizenDb(db), '/api/.well-known/jwks.json');
    expect(cached?.issuer).to.equal(issuer.issuer);
    el.remove();

    // The network is gone: the key request fails like a dropped connection.
    worker.use(http.get('/api/.well-known/jwks.json', () => HttpResponse.error()));
    const offline = await fixture<CkPass>(html`<ck-pass .pass=${qr} keys-src="/api/.well-known/jwks.json" store-name=${db}></ck-pass>`);
    await waitUntil(() => offline.state === 'valid', 'offline verification from cache', { timeout: 5000 });
  });

  it('keeps the pass on the device and shows it again with no pass given (last-kept)', async () => {
    const { text: qr, passId } = await issue();
    const db = uniqueDbName('pass');
    const el = await fixture<CkPass>(html`<ck-pass .pass=${qr} store-name=${db}></ck-pass>`);
    await settled(el);
    await waitUntil(() => el.shadowRoot?.querySelector('[data-action="keep"]'), 'keep button', { timeout: 5000 });
    const kept = oneEvent(el, 'ck-pass-kept');
    $<HTMLButtonElement>(el, '[data-action="keep"]').click();
    expect((await kept).detail).to.deep.equal({ passId, kept: true });
    expect((await getKeptPass(openCitizenDb(db), passId))?.qrText).to.equal(qr);
    await waitUntil(() => el.shadowRoot?.querySelector('[data-action="unkeep"]'), 'shown as kept', { timeout: 5000 });
    el.remove();

    // A reload: fresh database handle, an element with nothing but the store and last-kept.
    closeCitizenDb(db);
    const again = await fixture<CkPass>(html`<ck-pass last-kept store-name=${db}></ck-pass>`);
    await settled(again);
    expect(text(again, '.manual-code')).to.equal(manualCode(passId));
    const byId = await fixture<CkPass>(html`<ck-pass pass-id=${passId} store-name=${db}></ck-pass>`);
    await settled(byId);
    expect(text(byId, '.name')).to.equal('Nguyễn Thị Minh Khai');

    const removed = oneEvent(again, 'ck-pass-kept');
    $<HTMLButtonElement>(again, '[data-action="unkeep"]').click();
    expect((await removed).detail.kept).to.equal(false);
    expect(await getKeptPass(openCitizenDb(db), passId)).to.equal(undefined);
  });

  it('switches language at runtime, from its own lang or the nearest ancestor', async () => {
    const { text: qr } = await issue();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="vi"><ck-pass .pass=${qr} store-name=${uniqueDbName('pass')}></ck-pass></div>`);
    const el = must(wrapper.querySelector('ck-pass'));
    await settled(el);
    expect(text(el, 'h2')).to.equal('Mã QR khai báo di chuyển nội địa');
    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => text(el, 'h2') === 'Domestic movement declaration QR code', 'ancestor lang change', { timeout: 5000 });
    expect(text(el, '.verdict')).to.contain('Signature not checked');
    el.setAttribute('lang', 'vi');
    await waitUntil(() => text(el, 'h2') === 'Mã QR khai báo di chuyển nội địa', 'own lang wins', { timeout: 5000 });
  });

  it('is accessible (axe) in Vietnamese and English, with 44 px targets', async () => {
    const { text: qr } = await issue();
    const el = await fixture<CkPass>(html`<ck-pass .pass=${qr} .issuerKeys=${keys()} store-name=${uniqueDbName('pass')}></ck-pass>`);
    await settled(el);
    await waitUntil(() => el.shadowRoot?.querySelector('[data-action="keep"]'), 'keep button', { timeout: 5000 });
    await expect(el).to.be.accessible();
    for (const button of $$(el, 'button')) {
      const box = button.getBoundingClientRect();
      expect(box.height, button.textContent ?? '').to.be.at.least(44);
      expect(box.width).to.be.at.least(44);
    }
    el.lang = 'en';
    await waitUntil(() => text(el, 'h2') === 'Domestic movement declaration QR code', 'english', { timeout: 5000 });
    await expect(el).to.be.accessible();
  });

  it('prints just the pass, the QR at 5 × 5 cm, without buttons', async () => {
    const { text: qr } = await issue();
    const el = await fixture<CkPass>(html`<ck-pass .pass=${qr} store-name=${uniqueDbName('pass')}></ck-pass>`);
    await settled(el);
    try {
      await emulateMedia({ media: 'print' });
      const box = $<HTMLElement>(el, '.qr-box').getBoundingClientRect();
      const fiveCm = (5 / 2.54) * 96;
      expect(box.width).to.be.closeTo(fiveCm, 1);
      expect(box.height).to.be.closeTo(fiveCm, 1);
      expect(getComputedStyle($(el, '.actions')).display).to.equal('none');
      // One A4 sheet (297 mm less the printer's margins) and a manual code on one line.
      const article = $<HTMLElement>(el, 'article').getBoundingClientRect();
      expect(article.height).to.be.below((250 / 25.4) * 96);
      const code = $<HTMLElement>(el, '.manual-code');
      expect(getComputedStyle(code).whiteSpace).to.equal('nowrap');
      expect(code.getClientRects()).to.have.length(1);
      expect(code.getBoundingClientRect().height).to.be.below(parseFloat(getComputedStyle(code).fontSize) * 2);
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });
});

describe('<ck-pass> QR code', () => {
  let decoder: Decoder;
  before(async () => {
    decoder = createDecoder();
    await decoder.ready;
  });
  after(() => decoder.close());

  it('renders a QR that the kit decoder reads back to the exact pass text, with a quiet zone', async () => {
    const { text: qr } = await issue();
    const el = await fixture<CkPass>(html`<ck-pass .pass=${qr} store-name=${uniqueDbName('pass')}></ck-pass>`);
    await settled(el);
    const svg = $<SVGSVGElement>(el, '.qr-box svg');
    const image = await svgToImageData(svg);
    expect(await decoder.decode(image)).to.deep.equal([qr]);
    // Quiet zone: the outer 4-module band is all white (module = size / (count + 8)).
    const row = Array.from({ length: image.width }, (_, x) => image.data[(4 * image.width + x) * 4]);
    expect(Math.min(...row)).to.be.above(200);
    const trust = await createTrustStore({ issuers: [keys()] });
    expect((await verifyPass(qr, trust)).status).to.equal('valid');
  });

  it('saves a PNG that stands alone: the QR (still decodable) with name, manual code, validity, purpose, plate and both wards with codes', async () => {
    const { text: qr, passId } = await issue();
    const el = await fixture<CkPass>(html`<ck-pass .pass=${qr} units-src="/units/2021-07/index.json" store-name=${uniqueDbName('pass')}></ck-pass>`);
    await settled(el);
    await waitUntil(() => text(el, '.route').includes('Xã Ngọc Xá'), 'unit names', { timeout: 5000 });
    const drawn: string[] = [];
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    const click = HTMLAnchorElement.prototype.click;
    let saved: { href: string; download: string } | undefined;
    CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, value: string, x: number, y: number, maxWidth?: number) {
      drawn.push(value);
      return maxWidth === undefined ? fillText.call(this, value, x, y) : fillText.call(this, value, x, y, maxWidth);
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved = { href: this.href, download: this.download };
    };
    try {
      $<HTMLButtonElement>(el, '[data-action="download"]').click();
      await waitUntil(() => saved, 'no PNG saved', { timeout: 10_000 });
    } finally {
      CanvasRenderingContext2D.prototype.fillText = fillText;
      HTMLAnchorElement.prototype.click = click;
    }
    const file = must(saved);
    expect(file.download).to.equal(`ck-pass-${manualCode(passId)}.png`);
    const all = drawn.join(' ');
    for (const part of ['Nguyễn Thị Minh Khai', manualCode(passId), 'Hiệu lực', 'Đi làm', '29A-123.45', 'Phường Hàng Trống (mã 00070)', 'Xã Ngọc Xá (mã 09289)']) {
      expect(all, part).to.contain(part);
    }
    const bitmap = await createImageBitmap(await (await fetch(file.href)).blob());
    expect(bitmap.height, 'text under the QR').to.be.above(bitmap.width);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 480;
    const ctx = must(canvas.getContext('2d'));
    // The QR square at the top of the image, scaled as a photo of it would be.
    ctx.drawImage(bitmap, 0, 0, bitmap.width, bitmap.width, 0, 0, 480, 480);
    expect(await decoder.decode(ctx.getImageData(0, 0, 480, 480))).to.deep.equal([qr]);
  });

  it('still decodes with a logo in the centre (error correction Q)', async () => {
    const { text: qr } = await issue();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 64;
    const ctx = must(canvas.getContext('2d'));
    ctx.fillStyle = '#c00';
    ctx.fillRect(0, 0, 64, 64);
    const logo = canvas.toDataURL('image/png');
    const el = await fixture<CkPass>(html`<ck-pass .pass=${qr} logo=${logo} store-name=${uniqueDbName('pass')}></ck-pass>`);
    await settled(el);
    await waitUntil(() => el.shadowRoot?.querySelector('.qr-box svg image'), 'logo drawn', { timeout: 5000 });
    const image = await svgToImageData($<SVGSVGElement>(el, '.qr-box svg'));
    expect(await decoder.decode(image)).to.deep.equal([qr]);
  });
});
