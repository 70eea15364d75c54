// Prints one element and nothing else on the page. A shadow root cannot hide its page, so for
// the duration of the print a document-level sheet hides everything by visibility, and the
// printing element (marked with an attribute) makes itself and its subtree visible again.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

const MARK = 'data-ck-printing';

let sheet: CSSStyleSheet | undefined;

function printSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`@media print {
  body * { visibility: hidden !important; }
  [${MARK}] { visibility: visible !important; position: absolute !important; inset: 0 auto auto 0 !important; width: 100% !important; margin: 0 !important; }
}`);
  }
  return sheet;
}

export class PrintController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #active = false;
  #onAfterPrint = (): void => this.#end();

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#end();
  }

  /** Opens the print dialog with only the host on the page. */
  print(): void {
    this.#begin();
    window.print(); // the mark stays until afterprint, also where print() returns before printing
  }

  #begin(): void {
    if (this.#active) return;
    this.#active = true;
    const s = printSheet();
    if (!document.adoptedStyleSheets.includes(s)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, s];
    this.#host.setAttribute(MARK, '');
    window.addEventListener('afterprint', this.#onAfterPrint);
  }

  #end(): void {
    if (!this.#active) return;
    this.#active = false;
    window.removeEventListener('afterprint', this.#onAfterPrint);
    this.#host.removeAttribute(MARK);
    // Another element may be printing at the same moment only in theory; the sheet is shared and
    // harmless without a marked element, but remove it when no element is marked any more.
    if (!document.querySelector(`[${MARK}]`)) {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }
  }
}
