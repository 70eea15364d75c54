import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { addLanguage, resetMessages, setMessages } from './index';
import '../elements/ck-pass/ck-pass';
import type { CkPass } from '../elements/ck-pass/ck-pass.component';
import { messages } from '../elements/ck-pass/ck-pass.messages';

// The kit's own texts, from the catalogue (their wording is the terminology test's business).
const KIT_VI = messages.vi.empty;
const KIT_EN = messages.en.empty;

const text = (el: CkPass) => el.shadowRoot?.querySelector('.empty')?.textContent?.trim();

describe('checkpoint-kit/strings', () => {
  afterEach(() => resetMessages());

  it('a portal replaces one string of one element; connected elements re-render', async () => {
    const el = await fixture<CkPass>(html`<ck-pass lang="vi"></ck-pass>`);
    expect(text(el)).to.equal(KIT_VI);
    setMessages('ck-pass', 'vi', { empty: 'Bạn chưa có mã QR nào.' });
    await waitUntil(() => text(el) === 'Bạn chưa có mã QR nào.', 'override applied live');
    el.lang = 'en';
    await waitUntil(() => text(el) === KIT_EN, 'other languages untouched');
    resetMessages();
    el.lang = 'vi';
    await waitUntil(() => text(el) === KIT_VI, 'reset restores the kit text');
  });

  it('a portal adds a language: its strings over a base, chosen by lang like the others', async () => {
    addLanguage('fr', 'en', 'fr-FR');
    setMessages('ck-pass', 'fr', { empty: 'Aucun code QR de déclaration.' });
    const el = await fixture<CkPass>(html`<div lang="fr-CA"><ck-pass></ck-pass></div>`).then((d) => d.querySelector('ck-pass') as CkPass);
    await el.updateComplete;
    expect(text(el)).to.equal('Aucun code QR de déclaration.');
  });

  it('overrides set before the element exists apply on first render; unknown languages fall back to vi', async () => {
    setMessages('ck-pass', 'en-GB', { empty: 'Nothing here.' });
    const en = await fixture<CkPass>(html`<ck-pass lang="en"></ck-pass>`);
    expect(text(en)).to.equal('Nothing here.');
    const de = await fixture<CkPass>(html`<ck-pass lang="de"></ck-pass>`);
    expect(text(de)).to.equal(KIT_VI);
  });
});
