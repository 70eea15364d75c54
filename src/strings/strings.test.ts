import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { addLanguage, resetMessages, setMessages } from './index';
import '../elements/ck-pass/ck-pass';
import type { CkPass } from '../elements/ck-pass/ck-pass.component';

const text = (el: CkPass) => el.shadowRoot?.querySelector('.empty')?.textContent?.trim();

describe('checkpoint-kit/strings', () => {
  afterEach(() => resetMessages());

  it('a portal replaces one string of one element; connected elements re-render', async () => {
    const el = await fixture<CkPass>(html`<ck-pass lang="vi"></ck-pass>`);
    expect(text(el)).to.equal('Chưa có giấy đi đường để hiển thị.');
    setMessages('ck-pass', 'vi', { empty: 'Bạn chưa có giấy.' });
    await waitUntil(() => text(el) === 'Bạn chưa có giấy.', 'override applied live');
    el.lang = 'en';
    await waitUntil(() => text(el) === 'No pass to show yet.', 'other languages untouched');
    resetMessages();
    el.lang = 'vi';
    await waitUntil(() => text(el) === 'Chưa có giấy đi đường để hiển thị.', 'reset restores the kit text');
  });

  it('a portal adds a language: its strings over a base, chosen by lang like the others', async () => {
    addLanguage('fr', 'en', 'fr-FR');
    setMessages('ck-pass', 'fr', { empty: 'Aucun laissez-passer.' });
    const el = await fixture<CkPass>(html`<div lang="fr-CA"><ck-pass></ck-pass></div>`).then((d) => d.querySelector('ck-pass') as CkPass);
    await el.updateComplete;
    expect(text(el)).to.equal('Aucun laissez-passer.');
  });

  it('overrides set before the element exists apply on first render; unknown languages fall back to vi', async () => {
    setMessages('ck-pass', 'en-GB', { empty: 'Nothing here.' });
    const en = await fixture<CkPass>(html`<ck-pass lang="en"></ck-pass>`);
    expect(text(en)).to.equal('Nothing here.');
    const de = await fixture<CkPass>(html`<ck-pass lang="de"></ck-pass>`);
    expect(text(de)).to.equal('Chưa có giấy đi đường để hiển thị.');
  });
});
