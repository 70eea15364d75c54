// The citizen's whole path, by keyboard only: fill the form with Tab, typing, Space, arrows and
// Enter → the portal (msw) issues the pass → <ck-pass> renders it → the rendered QR code, taken
// as pixels, decodes with the kit's decoder → verifyPass says valid, with the same declaration.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setupWorker } from 'msw/browser';
import { createTrustStore } from '../../core/trust-store';
import { verifyPass } from '../../core/verify';
import { createDecoder } from '../../scanner/decoder';
import { createCitizenBackend, createTestIssuer } from '../../../test/fixtures/citizen-backend';
import { tab, tabOut, typeDate } from '../../../test/fixtures/declaration-form';
import { referenceDeclaration } from '../../../test/fixtures/reference';
import { $, must, svgToImageData, uniqueDbName } from '../../../test/fixtures/dom';
import '../ck-pass/ck-pass';
import type { CkPass } from '../ck-pass/ck-pass.component';
import './ck-declaration-form';
import type { CkDeclarationForm } from './ck-declaration-form.component';

const worker = setupWorker();
after(() => worker.stop());

it('keyboard-only: form → issued pass → <ck-pass> → decoded QR → verifyPass valid with the same declaration', async () => {
  const issuer = await createTestIssuer(`${location.origin}/api`);
  const backend = createCitizenBackend('/api', issuer);
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  worker.use(...backend.handlers);

  const vaccination = { doses: 2, lastDoseDate: '2021-07-01' };
  const expected = { ...referenceDeclaration(), vaccination };
  const store = uniqueDbName('roundtrip');
  const el = await fixture<CkDeclarationForm>(
    html`<ck-declaration-form api-base="/api" units-src="/test/fixtures/units-flat.json" store-name=${store}></ck-declaration-form>`,
  );
  const active = () => el.shadowRoot?.activeElement as HTMLElement | null;

  // From the top of the page, Tab reaches the first field.
  (document.activeElement as HTMLElement | null)?.blur();
  expect((await tab(el))?.dataset.field).to.equal('fullName');
  await sendKeys({ type: expected.fullName });

  expect((await tab(el))?.dataset.field).to.equal('idType');
  await sendKeys({ press: 'Space' }); // first option: CCCD
  expect((active() as HTMLInputElement).value).to.equal('cccd');
  expect((await tab(el))?.dataset.field).to.equal('idNumber');
  await sendKeys({ type: expected.idNumber });
  expect((await tab(el))?.dataset.field).to.equal('dateOfBirth');
  await typeDate(expected.dateOfBirth);
  expect((await tabOut(el))?.dataset.field).to.equal('gender');
  await sendKeys({ press: 'Space' }); // first option: female
  expect((await tab(el))?.dataset.field).to.equal('phone');
  await sendKeys({ type: expected.phone });

  // Province and ward pickers: type without accents, the first match is active, Enter picks it.
  expect((await tab(el))?.dataset.field).to.equal('origin.provinceCode');
  expect(active()?.getAttribute('role')).to.equal('combobox');
  await sendKeys({ type: 'ha noi' });
  await el.updateComplete;
  expect(active()?.getAttribute('aria-expanded')).to.equal('true');
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
  expect((active() as HTMLInputElement).value).to.equal('Thành phố Hà Nội');
  await tab(el);
  expect(active()?.id).to.equal('f-origin-unitCode');
  await sendKeys({ type: 'hang trong' });
  await el.updateComplete;
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
  expect((active() as HTMLInputElement).value).to.equal('Phường Hàng Trống');
  expect((await tab(el))?.dataset.field).to.equal('origin.address');
  await sendKeys({ type: expected.origin.address });

  await tab(el);
  await sendKeys({ type: 'bac ninh' });
  await el.updateComplete;
  await sendKeys({ press: 'Enter' });
  await tab(el);
  await sendKeys({ type: 'ngoc xa' });
  await el.updateComplete;
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
  expect((active() as HTMLInputElement).value).to.equal('Xã Ngọc Xá');
  expect((await tab(el))?.dataset.field).to.equal('destination.address');
  await sendKeys({ type: expected.destination.address });

  expect((await tab(el))?.dataset.field).to.equal('departureDate');
  await typeDate(expected.departureDate);
  expect((await tabOut(el))?.dataset.field).to.equal('returnDate');
  await typeDate(must(expected.returnDate));
  expect((await tabOut(el))?.dataset.field).to.equal('purpose');
  await sendKeys({ press: 'ArrowDown' }); // "— Chọn —" → "Đi làm" (work)
  await el.updateComplete;
  expect((active() as HTMLSelectElement).value).to.equal('work');
  expect((await tab(el))?.dataset.field).to.equal('vehiclePlate');
  await sendKeys({ type: '29a 123 45' }); // the core normalises to 29A-123.45

  // Symptoms: one stop on "none" (checked by default); the six boxes show only for "yes".
  expect((await tab(el))?.dataset.ui).to.equal('symptoms-any');
  expect((active() as HTMLInputElement).value).to.equal('no');
  expect((await tab(el))?.dataset.field).to.equal('health.contactWithCase');
  await sendKeys({ press: 'ArrowRight' }); // yes → no (arrow keys move and check)
  await el.updateComplete;
  expect((active() as HTMLInputElement).value).to.equal('no');
  expect((await tab(el))?.dataset.field).to.equal('health.testResult.result'); // left at "none"
  // Vaccination (optional): two doses, then the date of the last one appears.
  expect((await tab(el))?.dataset.field).to.equal('vaccination.doses');
  await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'ArrowDown' });
  await el.updateComplete;
  expect((active() as HTMLSelectElement).value).to.equal('2');
  expect((await tab(el))?.dataset.field).to.equal('vaccination.lastDoseDate');
  await typeDate(vaccination.lastDoseDate);
  const submitButton = await tabOut(el);
  expect(submitButton?.getAttribute('type')).to.equal('submit');

  const issued = oneEvent(el, 'ck-pass-issued');
  await sendKeys({ press: 'Enter' });
  const { detail } = await issued;
  expect(backend.attempts.map((a) => a.outcome)).to.deep.equal([201]);
  expect(detail.qrText.startsWith('CK2:')).to.equal(true, 'passes are issued as CK2');

  const pass = await fixture<CkPass>(
    html`<ck-pass .pass=${detail.qrText} .issuerKeys=${{ iss: issuer.issuer, jwks: backend.jwks() }} store-name=${store}></ck-pass>`,
  );
  await waitUntil(() => pass.state === 'valid', 'the pass element never showed valid', { timeout: 5000 });
  await waitUntil(() => pass.shadowRoot?.querySelector('.qr-box svg'), 'no QR', { timeout: 5000 });

  const decoder = createDecoder();
  try {
    const image = await svgToImageData($<SVGSVGElement>(pass, '.qr-box svg'));
    const [text] = await decoder.decode(image);
    expect(text).to.equal(detail.qrText);
    const verdict = await verifyPass(must(text), await createTrustStore({ issuers: [{ iss: issuer.issuer, jwks: backend.jwks() }] }));
    expect(verdict.status).to.equal('valid');
    expect(verdict.pass?.passId).to.equal(detail.passId);
    // CK2 carries no phone, addresses or purpose note (the portal keeps them).
    const { phone: _phone, purposeNote: _note, ...carried } = expected;
    expect(verdict.pass?.declaration).to.deep.equal({
      ...carried, phone: '', origin: { ...carried.origin, address: '' }, destination: { ...carried.destination, address: '' },
    });
    // …and the pass shows the vaccination it carries.
    expect($(pass, '.vaccination').textContent).to.contain('2');
  } finally {
    decoder.close();
  }
});
