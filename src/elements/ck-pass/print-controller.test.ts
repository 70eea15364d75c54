import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { PrintController } from './print-controller';
import { must } from '../../../test/fixtures/dom';

class PrintProbe extends LitElement {
  printer = new PrintController(this);
  override render() {
    return html`<p>pass</p>`;
  }
}
customElements.define('print-probe', PrintProbe);

const visibility = (el: Element) => getComputedStyle(el).visibility;

describe('PrintController', () => {
  const realPrint = window.print;
  beforeEach(() => {
    window.print = () => undefined; // the dialog itself is the browser's; what it prints is tested
  });
  afterEach(async () => {
    window.print = realPrint;
    await emulateMedia({ media: 'screen' });
  });

  it('prints the element alone when it sits inside a portal component’s nested shadow roots', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><h1>Portal</h1><section id="app"></section></div>`);
    const outer = must(page.querySelector('#app')).attachShadow({ mode: 'open' });
    outer.innerHTML = '<nav>menu</nav><div id="inner"></div>';
    const inner = must(outer.querySelector('#inner')).attachShadow({ mode: 'open' });
    inner.innerHTML = '<aside>sidebar</aside>';
    const probe = document.createElement('print-probe') as PrintProbe;
    inner.append(probe);
    await probe.updateComplete;

    probe.printer.print();
    await emulateMedia({ media: 'print' });
    expect(visibility(probe), 'the printed element').to.equal('visible');
    expect(visibility(must(probe.shadowRoot?.querySelector('p'))), 'its content').to.equal('visible');
    expect(visibility(must(page.querySelector('h1'))), 'the page').to.equal('hidden');
    expect(visibility(must(outer.querySelector('nav'))), 'the outer component').to.equal('hidden');
    expect(visibility(must(inner.querySelector('aside'))), 'its siblings').to.equal('hidden');
    // …and take no room: a long page does not print as blank pages after the pass.
    expect(getComputedStyle(must(page.querySelector('h1'))).display).to.equal('none');
    expect(getComputedStyle(must(outer.querySelector('nav'))).display).to.equal('none');
    expect(getComputedStyle(must(inner.querySelector('aside'))).display).to.equal('none');
    expect(getComputedStyle(must(outer.querySelector('#inner'))).display, 'a host on the way stays').to.not.equal('none');
    expect(getComputedStyle(must(page.querySelector('#app'))).display).to.not.equal('none');
    expect(getComputedStyle(probe).display).to.not.equal('none');

    window.dispatchEvent(new Event('afterprint'));
    expect(visibility(must(page.querySelector('h1'))), 'page restored after printing').to.equal('visible');
    expect(visibility(must(inner.querySelector('aside')))).to.equal('visible');
    expect(page.querySelector('[data-ck-printing-path]')).to.equal(null);
    expect(inner.adoptedStyleSheets).to.have.length(0);
    expect(outer.adoptedStyleSheets).to.have.length(0);
  });
});
