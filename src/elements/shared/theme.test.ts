import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../ck-pass/ck-pass';
import '../ck-declaration-form/ck-declaration-form';
import type { CkPass } from '../ck-pass/ck-pass.component';

const LIGHT_FG = 'rgb(27, 28, 31)';
const DARK_FG = 'rgb(232, 233, 237)';
const fg = (el: Element) => getComputedStyle(el).color;

describe('theme: the page chooses light or dark', () => {
  afterEach(async () => {
    document.documentElement.style.colorScheme = '';
    document.body.style.background = '';
    await emulateMedia({ colorScheme: 'light' });
  });

  it('an OS in dark mode does not darken a light portal', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await fixture<CkPass>(html`<ck-pass lang="en"></ck-pass>`);
    expect(fg(el)).to.equal(LIGHT_FG);
  });

  it('a portal opts in with color-scheme (dark, or light dark to follow the OS)', async () => {
    const el = await fixture<CkPass>(html`<ck-pass lang="en"></ck-pass>`);
    document.documentElement.style.colorScheme = 'dark';
    expect(fg(el)).to.equal(DARK_FG);
    document.documentElement.style.colorScheme = 'light dark';
    expect(fg(el)).to.equal(LIGHT_FG);
    await emulateMedia({ colorScheme: 'dark' });
    expect(fg(el)).to.equal(DARK_FG);
  });

  it('the theme attribute wins over the page', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    document.documentElement.style.colorScheme = 'dark';
    const el = await fixture<CkPass>(html`<ck-pass lang="en" theme="light"></ck-pass>`);
    expect(fg(el)).to.equal(LIGHT_FG);
    el.setAttribute('theme', 'dark');
    document.documentElement.style.colorScheme = '';
    expect(fg(el)).to.equal(DARK_FG);
    el.setAttribute('theme', 'auto');
    expect(fg(el)).to.equal(DARK_FG);
    await emulateMedia({ colorScheme: 'light' });
    expect(fg(el)).to.equal(LIGHT_FG);
  });

  it('axe clean on a dark host page', async () => {
    document.documentElement.style.colorScheme = 'dark';
    document.body.style.background = '#000';
    const el = await fixture(html`<main><ck-pass lang="en"></ck-pass><ck-declaration-form lang="en"></ck-declaration-form></main>`);
    await Promise.all([...el.children].map((c) => (c as CkPass).updateComplete));
    await expect(el).to.be.accessible();
  });
});
