// Prints one element and nothing else on the page. A shadow root cannot hide its page, so for
// the duration of the print a document-level sheet hides everything by visibility, and the
// printing element (marked with an attribute) makes itself and its subtree visible again.
// Document styles do not reach into shadow roots, so when the element sits inside a portal's
// own components, each shadow root on its way up gets the same sheet (hiding that root's other
// content; a visible descendant of a hidden ancestor still shows).

import type { ReactiveController, ReactiveControllerHost } from 'lit';

const MARK = 'data-ck-printing';
/** On each shadow host between the printing element and the document (`:has` does not see into shadow roots). */
const PATH = 'data-ck-printing-path';

const sheets = new Map<string, CSSStyleSheet>();

function printSheet(scope: 'body *' | '*'): CSSStyleSheet {
  let sheet = sheets.get(scope);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    // Hidden content still takes room, and a long page would print as blank pages after the
    // pass: everything that neither is, holds nor lies inside the printing element is removed.
    sheet.replaceSync(`@media print {
  ${scope} { visibility: hidden !important; }
  ${scope}:not([${MARK}]):not([${PATH}]):not(:has([${MARK}], [${PATH}])):not([${MARK}] *) { display: none !important; }
  [${MARK}] { visibility: visible !important; position: absolute !important; inset: 0 auto auto 0 !important; width: 100% !important; margin: 0 !important; }
}`);
    sheets.set(scope, sheet);
  }
  return sheet;
}

/** The document and every shadow root from the host's up, each with the sheet it needs. */
function rootsOf(host: Element): [Document | ShadowRoot, CSSStyleSheet][] {
  const roots: [Document | ShadowRoot, CSSStyleSheet][] = [];
  for (let root = host.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) roots.push([root, printSheet('*')]);
  roots.push([host.ownerDocument, printSheet('body *')]);
  return roots;
}

export class PrintController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #active = false;
  #roots: [Document | ShadowRoot, CSSStyleSheet][] = [];
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
    this.#roots = rootsOf(this.#host);
    for (const [root, s] of this.#roots) {
      if (!root.adoptedStyleSheets.includes(s)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
    }
    this.#host.setAttribute(MARK, '');
    for (const [root] of this.#roots) if (root instanceof ShadowRoot) root.host.setAttribute(PATH, '');
    window.addEventListener('afterprint', this.#onAfterPrint);
  }

  #end(): void {
    if (!this.#active) return;
    this.#active = false;
    window.removeEventListener('afterprint', this.#onAfterPrint);
    this.#host.removeAttribute(MARK);
    for (const [root] of this.#roots) if (root instanceof ShadowRoot) root.host.removeAttribute(PATH);
    // Another element may be printing at the same moment only in theory; a sheet is shared and
    // harmless without a marked element, but leave no root with it once none is marked there.
    for (const [root, s] of this.#roots) {
      if (!root.querySelector(`[${MARK}]`)) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((x) => x !== s);
    }
    this.#roots = [];
  }
}
