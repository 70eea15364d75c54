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

/** A partial catalog: any string or function replaced, nested groups merged key by key. */
export type MessageOverrides<M> = {
  [K in keyof M]?: M[K] extends (...args: never[]) => unknown ? M[K] : M[K] extends object ? MessageOverrides<M[K]> : M[K];
};

/** A language a portal added: its strings start from `base` (vi or en) and `locale` formats dates. */
export interface AddedLanguage {
  base: Lang;
  locale: string;
}

interface StringsRegistry {
  /** tag → language → overrides */
  overrides: Map<string, Map<string, object>>;
  languages: Map<string, AddedLanguage>;
  listeners: Set<() => void>;
  version: number;
}

// On globalThis under a registered symbol, so two copies of the kit on one page share overrides.
const REGISTRY = Symbol.for('checkpoint-kit.strings');

function strings(): StringsRegistry {
  const g = globalThis as { [REGISTRY]?: StringsRegistry };
  g[REGISTRY] ??= { overrides: new Map(), languages: new Map(), listeners: new Set(), version: 0 };
  return g[REGISTRY];
}

function primaryTag(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge<T>(base: T, patch: object): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? merge(out[key], value) : value;
  }
  return out as T;
}

function changed(): void {
  const registry = strings();
  registry.version++;
  for (const listener of registry.listeners) listener();
}

/**
 * Replaces some strings of one element (`tag`, e.g. 'ck-pass') in one language (a BCP 47 tag;
 * its primary subtag is used). Repeated calls merge; connected elements re-render.
 */
export function overrideMessages(tag: string, lang: string, messages: object): void {
  const registry = strings();
  const byLang = registry.overrides.get(tag) ?? new Map<string, object>();
  const key = primaryTag(lang);
  byLang.set(key, merge(byLang.get(key) ?? {}, messages));
  registry.overrides.set(tag, byLang);
  changed();
}

/**
 * Adds a language the elements then answer to through `lang` (e.g. 'fr'): strings start from
 * `base` until overridden with overrideMessages(); `locale` (default: `lang`) formats dates.
 */
export function addLanguage(lang: string, base: Lang, locale: string = lang): void {
  strings().languages.set(primaryTag(lang), { base, locale });
  changed();
}

/** Removes every override and added language (tests; a portal switching configuration). */
export function resetMessages(): void {
  const registry = strings();
  registry.overrides.clear();
  registry.languages.clear();
  changed();
}

/** The UI language for `el`: a kit language or one a portal added (nearest `lang`, else vi). */
export function resolveUiLang(el: Element): string {
  const added = strings().languages;
  for (const node of [...composedAncestors(el), document.documentElement]) {
    const value = node.getAttribute('lang');
    if (!value) continue;
    const primary = primaryTag(value);
    return normalizeLang(value) ?? (added.has(primary) ? primary : DEFAULT_LANG);
  }
  return DEFAULT_LANG;
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
  #ui: string = DEFAULT_LANG;
  #merged?: { ui: string; version: number; msg: M };
  readonly #onStrings = (): void => this.#host.requestUpdate();

  constructor(host: ReactiveControllerHost & HTMLElement, catalogs: Catalogs<M>) {
    this.#host = host;
    this.#catalogs = catalogs;
    host.addController(this);
  }

  /** The current kit language (an added language reports its base). */
  get lang(): Lang {
    return this.#lang;
  }

  /** The current language's catalog, with the portal's overrides for this element applied. */
  get msg(): M {
    const registry = strings();
    if (this.#merged?.ui === this.#ui && this.#merged.version === registry.version) return this.#merged.msg;
    const patch = registry.overrides.get(this.#host.localName)?.get(this.#ui);
    const msg = patch ? merge(this.#catalogs[this.#lang], patch) : this.#catalogs[this.#lang];
    this.#merged = { ui: this.#ui, version: registry.version, msg };
    return msg;
  }

  /** The current Intl locale. */
  get locale(): string {
    return strings().languages.get(this.#ui)?.locale ?? LOCALES[this.#lang];
  }

  hostConnected(): void {
    this.#resolve();
    strings().listeners.add(this.#onStrings);
    this.#observer = new MutationObserver(() => this.#refresh());
    for (const node of composedAncestors(this.#host)) {
      this.#observer.observe(node, { attributes: true, attributeFilter: ['lang'] });
    }
  }

  hostDisconnected(): void {
    strings().listeners.delete(this.#onStrings);
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  #resolve(): void {
    this.#ui = resolveUiLang(this.#host);
    this.#lang = normalizeLang(this.#ui) ?? strings().languages.get(this.#ui)?.base ?? DEFAULT_LANG;
  }

  #refresh(): void {
    const before = this.#ui;
    this.#resolve();
    if (this.#ui !== before) this.#host.requestUpdate();
  }
}
