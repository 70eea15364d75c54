// Single-key shortcuts for the officer (A, D, R, I, O, N, arrows). Listens on the host, or on
// the whole document when the page is the kiosk (`global` — then keys work with nothing
// focused). Keys typed into a field, or pressed with Ctrl/Alt/Meta, are never taken.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type ShortcutHandler = (key: string, event: KeyboardEvent) => boolean;

function isEditable(node: EventTarget | undefined): boolean {
  if (!(node instanceof HTMLElement)) return false;
  if (node.isContentEditable) return true;
  if (node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement) return true;
  return node instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(node.type);
}

export class ShortcutController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #handler: ShortcutHandler;
  #target: EventTarget | undefined;
  #global = false;
  readonly #onKeyDown = (event: Event): void => {
    const e = event as KeyboardEvent;
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.repeat || e.isComposing) return;
    if (isEditable(e.composedPath()[0])) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (this.#handler(key, e)) e.preventDefault();
  };

  constructor(host: ReactiveControllerHost & HTMLElement, handler: ShortcutHandler) {
    this.#host = host;
    this.#handler = handler;
    host.addController(this);
  }

  /** Listen on the whole document (true) or on the host only (false). */
  set global(value: boolean) {
    if (value === this.#global) return;
    this.#global = value;
    if (this.#target) this.#listen();
  }

  hostConnected(): void {
    this.#listen();
  }

  hostDisconnected(): void {
    this.#target?.removeEventListener('keydown', this.#onKeyDown);
    this.#target = undefined;
  }

  #listen(): void {
    this.#target?.removeEventListener('keydown', this.#onKeyDown);
    this.#target = this.#global ? document : this.#host;
    this.#target.addEventListener('keydown', this.#onKeyDown);
  }
}
