// Hostile content (issue 7) in the elements the portal tests do not cover yet (ck-route and
// ck-ward-inbox have their own hostile and CSV tests): <ck-pass>, the <ck-checkpoint> verdict
// panel, <ck-declaration-form> prefill and <ck-sync-status> (server-supplied error words and
// quarantine reasons). Markup, script URLs, RTL overrides, zero-width characters and very long
// strings must stay inert (no element, attribute, navigation or script comes of them) and
// readable (the text is shown as written, within the element's box) — or, where the kit's own
// rules refuse them (a signed pass cannot carry format characters or 10 KB names), the refusal
// must show and the text must not.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createDemoBackend } from '../../demo/backend/backend';
import { DEMO_ISSUER, DEMO_ISSUER_PRIVATE_JWK, DEMO_ISSUER_PUBLIC_JWKS, DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';
import { createDemoHandlers } from '../../demo/backend/msw-handlers';
import { encodeBase64Url } from '../../src/core/base64url';
import { declarationToClaims } from '../../src/core/claims';
import type { Declaration } from '../../src/core/declaration';
import { canonicalHeader, toQrText } from '../../src/core/qr-text';
import { createTrustStore } from '../../src/core/trust-store';
import { verifyPass } from '../../src/core/verify';
import type { StoredPassage } from '../../src/store/kiosk/db';
import type { SyncOutcome, SyncStatus } from '../../src/sync/sync-engine';
import '../../src/elements/ck-pass/ck-pass';
import '../../src/elements/ck-checkpoint/ck-checkpoint';
import '../../src/elements/ck-declaration-form/ck-declaration-form';
import '../../src/elements/ck-sync-status/ck-sync-status';
import type { CkPass } from '../../src/elements/ck-pass/ck-pass.component';
import type { CkCheckpoint } from '../../src/elements/ck-checkpoint/ck-checkpoint.component';
import type { CkDeclarationForm } from '../../src/elements/ck-declaration-form/ck-declaration-form.component';
import type { CkScanner } from '../../src/elements/ck-scanner/ck-scanner.component';
import type { CkSyncStatus } from '../../src/elements/ck-sync-status/ck-sync-status.component';
import { compactJws, compressedJson, makeTestIssuer, signEs256, signingInput, utf8, type TestIssuer } from '../fixtures/jws';
import { referenceDeclaration } from '../fixtures/reference';
import { must, uniqueDbName } from '../fixtures/dom';

const RLO = '\u202e';
const ZWSP = '\u200b';
/** Each within the claim rules (2–100 / 1–200 code points, no control or format character). */
const MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
const SCRIPT_URL = 'javascript:window.__pwned=1//"><b>bold</b>';
const TEMPLATE = "${window.__pwned=1}{{constructor.constructor('window.__pwned=1')()}}";
const LONG_WORD = 'Ư'.repeat(100); // the longest name a pass may carry, without a break opportunity
const LONG_ADDRESS = 'W'.repeat(200);
const TEN_KB = 'Ư'.repeat(10_240);

const worker = setupWorker();
let issuer: TestIssuer;

before(async () => {
  const backend = await createDemoBackend({ base: '/api', seed: true });
  worker.use(...createDemoHandlers(backend));
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  // The demo portal's own (public, demo-only) key: these passes are genuine, their content hostile.
  issuer = await makeTestIssuer(DEMO_ISSUER, DEMO_ISSUER_PRIVATE_JWK);
});
after(() => worker.stop());
afterEach(() => {
  delete (window as { __pwned?: unknown }).__pwned;
});

/** A pass signed by the demo issuer whose declaration fields are replaced by `d` (claims form). */
async function hostilePass(d: Record<string, unknown>, patch: Partial<Declaration> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: DEMO_ISSUER, jti: encodeBase64Url(crypto.getRandomValues(new Uint8Array(16))), iat: now - 60, nbf: now - 60, exp: now + 86_400, v: 1,
    d: { ...declarationToClaims({ ...referenceDeclaration(), ...patch }), ...d },
  };
  const header = utf8(canonicalHeader(issuer.kid));
  const payload = await compressedJson(claims);
  return toQrText(compactJws(header, payload, await signEs256(signingInput(header, payload), issuer.privateKey)));
}

/** Nothing executable or navigable came out of the text: no element, handler, URL or script ran. */
function expectInert(root: ShadowRoot | null, allowed = 'svg, path, rect, g, defs, clipPath, use, image'): void {
  expect(root, 'shadow root').to.not.equal(null);
  const all = [...(root as ShadowRoot).querySelectorAll('*')];
  expect(all.filter((e) => e.matches('img, script, iframe, object, embed, b') && !e.matches(allowed)).map((e) => e.outerHTML.slice(0, 80))).to.deep.equal([]);
  expect(all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name) || /javascript:/i.test(a.value))).map((e) => e.outerHTML.slice(0, 80))).to.deep.equal([]);
  expect((window as { __pwned?: unknown }).__pwned, 'no script ran').to.equal(undefined);
}

/** The text stays within the element's box (long words wrap instead of widening the page). */
function expectContained(el: HTMLElement, selector: string, width: number): void {
  const box = must(el.shadowRoot?.querySelector<HTMLElement>(selector), selector);
  expect(box.scrollWidth, `${selector} scrolls sideways`).to.be.at.most(box.clientWidth + 1);
  expect(el.getBoundingClientRect().width).to.be.at.most(width + 1);
}

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<ck-pass> with hostile declaration text', () => {
  const keys = () => ({ iss: DEMO_ISSUER, jwks: DEMO_ISSUER_PUBLIC_JWKS as { keys: JsonWebKey[] } });

  async function show(qr: string): Promise<CkPass> {
    const box = await fixture<HTMLDivElement>(html`<div style="width: 360px"><ck-pass .pass=${qr} .issuerKeys=${keys()} store-name=${uniqueDbName('hostile-pass')}></ck-pass></div>`);
    const el = box.querySelector('ck-pass') as CkPass;
    await waitUntil(() => el.state !== undefined, 'the pass was never read', { timeout: 5000 });
    await el.updateComplete;
    await aTimeout(50);
    return el;
  }

  it('shows markup, script URLs and template syntax as the words they are', async () => {
    // Free text lives in CK1 addresses and the purpose note; a name must be of the name alphabet.
    const el = await show(await hostilePass({ o: { pc: '01', uc: '00070', a: MARKUP }, t: { pc: '27', uc: '09289', a: `${SCRIPT_URL} ${TEMPLATE}` }, pu: 'other', pn: SCRIPT_URL }));
    expect(el.state).to.equal('valid');
    expectInert(el.shadowRoot);
    const all = text(el.shadowRoot as unknown as Element);
    expect(all).to.contain(MARKUP);
    expect(all).to.contain(SCRIPT_URL);
    expect(all).to.contain(TEMPLATE);
    // Markup as a name is outside the name alphabet: refused, and shown nowhere.
    const named = await show(await hostilePass({ n: MARKUP }));
    expect(named.state).to.not.equal('valid');
    expect(named.shadowRoot?.textContent ?? '').to.not.contain('onerror');
    expectInert(named.shadowRoot);
  });

  it('keeps the longest allowed name and address (no break opportunity) inside its box', async () => {
    const el = await show(await hostilePass({ n: LONG_WORD, o: { pc: '01', uc: '00070', a: LONG_ADDRESS } }));
    expect(el.state).to.equal('valid');
    expect(text(el.shadowRoot?.querySelector('.name'))).to.equal(LONG_WORD);
    expectContained(el, 'article', 360);
  });

  it('refuses RTL overrides, zero-width characters and 10 KB names in a signed pass, and shows none of them', async () => {
    for (const n of [`Nguyễn ${RLO}gnp.exe Văn A`, `Nguy${ZWSP}ễn Văn A`, TEN_KB]) {
      const el = await show(await hostilePass({ n }));
      expect(el.state, JSON.stringify(n.slice(0, 20))).to.not.equal('valid');
      const all = el.shadowRoot?.textContent ?? '';
      expect(all).to.not.contain(RLO);
      expect(all).to.not.contain(ZWSP);
      expect(all).to.not.contain('ƯƯƯƯ');
      expectInert(el.shadowRoot);
    }
  });
});

describe('<ck-checkpoint> verdict panel with hostile declaration text', () => {
  async function mount(): Promise<CkCheckpoint> {
    const box = await fixture<HTMLDivElement>(html`<div style="width: 480px"><ck-checkpoint checkpoint-id="HN-HOSTILE-01" officer-id="CA-HOSTILE-1" api-base="/api"
      store-name=${`ck-hostile-${crypto.randomUUID()}`} no-autostart muted .trustAnchor=${DEMO_TRUST_ANCHOR_PUBLIC_JWKS}></ck-checkpoint></div>`);
    const el = box.querySelector('ck-checkpoint') as CkCheckpoint;
    await waitUntil(() => (el.shadowRoot?.querySelector('ck-scanner') as CkScanner | null)?.trust !== undefined, 'trust data never loaded', { timeout: 10_000 });
    return el;
  }

  /** What <ck-scanner> emits for a code read by the camera. */
  async function scan(el: CkCheckpoint, qr: string): Promise<void> {
    const scanner = el.shadowRoot?.querySelector('ck-scanner') as CkScanner;
    const verdict = await verifyPass(qr, await createTrustStore(must(scanner.trust, 'trust')), { lang: 'vi' });
    scanner.dispatchEvent(new CustomEvent('ck-scan', { detail: { text: qr, verdict, source: 'camera', timings: { decodeMs: 1, verifyMs: 1, totalMs: 2 } }, bubbles: true, composed: true }));
    await el.settled;
    await el.updateComplete;
  }

  async function cleanup(el: CkCheckpoint): Promise<void> {
    const store = el.kioskStore;
    el.remove();
    await el.settled;
    await aTimeout(0);
    await store?.destroy();
  }

  it('shows the fields to compare as text, inert, inside the panel; refuses what a pass may not carry', async () => {
    const el = await mount();
    try {
      await scan(el, await hostilePass({ o: { pc: '01', uc: '00070', a: MARKUP }, pu: 'other', pn: TEMPLATE }));
      // The verdict (headline, card check) and its details (route, purpose) below it.
      const panel = must(el.shadowRoot?.querySelector('.verdict-details'), 'verdict details');
      expectInert(el.shadowRoot);
      expect(text(panel)).to.contain(MARKUP);
      expect(el.vehicle[0]?.status).to.equal('valid');

      await scan(el, await hostilePass({ n: LONG_WORD, o: { pc: '01', uc: '00070', a: LONG_ADDRESS } }));
      expect(text(el.shadowRoot?.querySelector('.verdict'))).to.contain(LONG_WORD);
      expectContained(el, '.verdict', 480);

      for (const n of [`Nguyễn ${RLO}gnp.exe Văn A`, `Nguy${ZWSP}ễn Văn A`, TEN_KB, MARKUP]) {
        await scan(el, await hostilePass({ n }));
        const shown = el.shadowRoot?.textContent ?? '';
        expect(el.vehicle.at(-1)?.status, JSON.stringify(n.slice(0, 12))).to.be.oneOf(['malformed', 'too-large']);
        expect(shown).to.not.contain(RLO);
        expect(shown).to.not.contain(ZWSP);
        expect(shown).to.not.contain('ƯƯƯƯƯƯ'.repeat(20));
      }
      expectInert(el.shadowRoot);
      // Whatever was on screen, the outbox holds only identifiers.
      const stored = JSON.stringify(await must(el.kioskStore, 'store').recentPassages(50));
      expect(stored).to.not.contain('onerror');
      expect(stored).to.not.contain('javascript:');
    } finally {
      await cleanup(el);
    }
  });
});

describe('<ck-declaration-form> prefill with hostile text', () => {
  it('puts markup, script URLs, RTL overrides, zero-width characters and 10 KB strings into fields as values only', async () => {
    const prefill: Partial<Declaration> = {
      fullName: MARKUP,
      idType: 'cccd',
      idNumber: `00119${RLO}0012345`,
      dateOfBirth: '1990-05-17',
      phone: SCRIPT_URL,
      origin: { provinceCode: '01', unitCode: '00070', address: TEN_KB },
      destination: { provinceCode: '27', unitCode: '09289', address: `Nguy${ZWSP}ễn ${RLO}gnp.exe` },
      purpose: 'other',
      purposeNote: TEMPLATE,
    };
    for (const readonly of [false, true]) {
      const box = await fixture<HTMLDivElement>(html`<div style="width: 420px"><ck-declaration-form ?prefill-readonly=${readonly} .prefill=${prefill}
        store-name=${uniqueDbName('hostile-form')}></ck-declaration-form></div>`);
      const el = box.querySelector('ck-declaration-form') as CkDeclarationForm;
      await el.updateComplete;
      await aTimeout(50);
      expectInert(el.shadowRoot);
      const field = (path: string) => must(el.shadowRoot?.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-field="${path}"]`), path);
      expect(field('fullName').value).to.equal(MARKUP);
      expect(field('phone').value).to.equal(SCRIPT_URL);
      expect(field('purposeNote').value).to.equal(TEMPLATE);
      // Values, not markup: nothing of them is in the element's text or attributes.
      expect(el.shadowRoot?.textContent ?? '').to.not.contain('onerror');
      expect(el.getBoundingClientRect().width).to.be.at.most(421);
      // Submitting refuses them field by field (the form's own rules), without throwing.
      await el.submit();
      await el.updateComplete;
      expect(el.shadowRoot?.querySelector('#f-fullName-error')?.textContent ?? '').to.not.equal('');
      expectInert(el.shadowRoot);
    }
  });
});

describe('<ck-sync-status> with hostile server words', () => {
  it('shows a hostile error code and hostile quarantine reasons as text, inside its box', async () => {
    // As large as they can get: the client keeps 100 characters of a server code and 500 of a
    // quarantine reason (parseServerErrors, ackBatch); both may be one long word.
    const hostileCode = `${MARKUP}${'Ư'.repeat(100 - MARKUP.length)}`;
    const hostileReason = `unit-mismatch: ${MARKUP} ${RLO}gnp.exe ${SCRIPT_URL} ${'Ư'.repeat(350)}`.slice(0, 500);
    const status: SyncStatus = {
      online: true, pending: 0, quarantined: 1, lastSyncAt: null, lastError: `${hostileCode}: The server failed (500: ${hostileCode}).`, trustAge: 10, trustSequence: 3,
      trustError: `${MARKUP}: x`, clockSkewMs: 0, clockSkewExceeded: false, syncing: false, progress: null, nextAttemptAt: null,
    };
    const engine = {
      subscribe(listener: (s: SyncStatus) => void) {
        listener(status);
        return () => undefined;
      },
      syncNow: async (): Promise<SyncOutcome> => ({ status: 'error', code: MARKUP, message: SCRIPT_URL, retryAt: null }),
    };
    const row = {
      id: '01936b1e-5f00-7000-8000-000000000001', deviceId: '01936b1e-5f00-7000-8000-00000000a001', seq: 7, checkpointId: 'HN-QL1A-01', direction: 'in',
      at: new Date().toISOString(), passId: 'EutzFYHL3kpStWEcOmcfQQ', originUnit: '00070', destinationUnit: '09289', verdictStatus: 'valid', decision: 'allow',
      officerId: 'CA-1', prevHash: '0'.repeat(64), hash: '1'.repeat(64), state: 'quarantined', createdAt: Date.now(), quarantineReason: hostileReason,
    } as unknown as StoredPassage;
    const store = { quarantined: async () => [row], requeue: async () => 0 };
    const box = await fixture<HTMLDivElement>(html`<div style="width: 360px"><ck-sync-status .engine=${engine} .store=${store}></ck-sync-status></div>`);
    const el = box.querySelector('ck-sync-status') as CkSyncStatus;
    await el.updateComplete;
    // Open the quarantine list and press "sync now" (its outcome carries hostile words too).
    for (const button of [...(el.shadowRoot?.querySelectorAll('button') ?? [])]) button.click();
    await aTimeout(100);
    await el.updateComplete;
    expectInert(el.shadowRoot);
    const shown = el.shadowRoot?.textContent ?? '';
    expect(shown).to.contain(MARKUP);
    expect(shown).to.contain('gnp.exe');
    expect(el.getBoundingClientRect().width).to.be.at.most(361);
    const root = must(el.shadowRoot?.firstElementChild as HTMLElement | null, 'root');
    expect(root.scrollWidth, 'the status scrolls sideways').to.be.at.most(root.clientWidth + 1);
  });
});
