import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Languages the kit's elements speak. Vietnamese is the default. */
export type Lang = 'vi' | 'en';
export const DEFAULT_LANG: Lang = 'vi';

/** A catalog per language; `M` is the element's message shape (strings and small functions). */
export type Catalogs<M> = Record<Lang, M>;

/** Maps a BCP 47 tag to a supported language ('en-GB' → 'en'); undefined when unsupported or empty. */
export function normalizeLang(tag: string | null | undefined): Lang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'vi' || primary === 'en' ? primary : undefined;
}

/** The next node up the composed tree: parent element, or the shadow host when at a shadow root. */
function composedParent(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** Every element from `el` up to <html>, crossing shadow boundaries (the chain `lang` inherits along). */
export function composedAncestors(el: Element): Element[] {
  const chain: Element[] = [];
  for (let node: Element | null = el; node; node = composedParent(node)) chain.push(node);
  return chain;
}

/**
 * The language for `el`: its own `lang`, else the nearest ancestor's with a non-empty `lang`
 * (as HTML inherits it), else <html lang>. An unsupported nearest language falls back to vi.
 */
export function resolveLang(el: Element): Lang {
  for (const node of composedAncestors(el)) {
    const value = node.getAttribute('lang');
    if (value) return normalizeLang(value) ?? DEFAULT_LANG;
  }
  return normalizeLang(document.documentElement.getAttribute('lang')) ?? DEFAULT_LANG;
}

/** BCP 47 locale used for Intl formatting per language. */
export const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

/**
 * Resolves the host's language and re-renders it when any `lang` on its composed ancestor chain
 * changes. One MutationObserver per host, watching only the `lang` attribute of the chain nodes,
 * so unrelated DOM churn costs nothing. Re-observed on every connect (the chain may differ).
 */
export class LocalizeController<M> implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #catalogs: Catalogs<M>;
  #observer?: MutationObserver;
  #lang: Lang = DEFAULT_LANG;

  constructor(host: ReactiveControllerHost & HTMLElement, catalogs: Catalogs<M>) {
    this.#host = host;
    this.#catalogs = catalogs;
    host.addController(this);
  }

  /** The current language. */
  get lang(): Lang {
    return this.#lang;
  }

  /** The current language's catalog. */
  get msg(): M {
    return this.#catalogs[this.#lang];
  }

  /** The current Intl locale. */
  get locale(): string {
    return LOCALES[this.#lang];
  }

  hostConnected(): void {
    this.#lang = resolveLang(this.#host);
    this.#observer = new MutationObserver(() => this.#refresh());
    for (const node of composedAncestors(this.#host)) {
      this.#observer.observe(node, { attributes: true, attributeFilter: ['lang'] });
    }
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  #refresh(): void {
    const next = resolveLang(this.#host);
    if (next === this.#lang) return;
    this.#lang = next;
    this.#host.requestUpdate();
  }
}
