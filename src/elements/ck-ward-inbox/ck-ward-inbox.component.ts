import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import type { AdministrativeUnit } from '../../api/units';
import type { WardFeedItem } from '../../api/ward-feed';
import { isIsoDate, vietnamDate } from '../../core/dates';
import { UnitCombobox } from '../ck-declaration-form/unit-combobox';
import { DownloadController, fileSafe } from '../shared/download-controller';
import { formatClock, formatDay, isAbort, portalWords, requestProblem, shownText, unitLabel } from '../shared/portal-text';
import { LocalizeController } from '../shared/localize';
import { UnitCatalogueController } from '../shared/unit-catalogue-controller';
import { makeSearchable, type SearchableUnit } from '../shared/unit-search';
import styles from './ck-ward-inbox.styles';
import { messages, type InboxMessages, type InboxProblem } from './ck-ward-inbox.messages';
import { KIND_ICONS, renderContact, renderRow, type RowContext } from './inbox-rows';
import { WardFeedController, type FeedQuery } from './ward-feed-controller';
import { inboxCsv, type InboxRow, type InboxView } from './ward-inbox-model';

export interface RouteRequestDetail {
  passId: string;
  /** The row the request came from. */
  movement: WardFeedItem;
  /** The link followed, when `route-href` is set (null otherwise). */
  href: string | null;
}

/** Cancelable: `preventDefault()` stops the link from being followed (handle it yourself). */
export type RouteRequestEvent = CustomEvent<RouteRequestDetail>;
/** The ward picker chose a ward (`unitCode` is already set). */
export type WardChangeEvent = CustomEvent<{ unitCode: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-route-request': RouteRequestEvent;
    'ck-ward-change': WardChangeEvent;
  }
}

export type { InboxView };

const DEFAULT_REFRESH_SECONDS = 15;
/** Never poll more often than this, whatever the attribute says. */
const MIN_REFRESH_SECONDS = 2;
const UNIT_CODE = /^\d{5}$/;
const VIEWS: readonly InboxView[] = ['all', 'arrival', 'departure', 'turned-back'];
/** Given, so the virtualiser does not fetch its default layout as a separate chunk later. */
const LIST_LAYOUT = flow();

/**
 * A ward's (or commune's) day of movements, one row per passage event, newest first: arrivals
 * and departures by the direction of travel relative to the ward, travellers not let through set
 * apart, checkpoint names and roads, the latest decision in words with its history inside, and
 * health flags. Filters by kind and by person or pass (accents ignored); a virtualised list keeps
 * a 50,000-row day light; updates live over Server-Sent Events (polling where streams are not
 * available); shows the contacts a tracer delivered to the ward; exports what is shown as CSV.
 * With `picker`, a searchable ward picker (combobox) chooses the ward.
 *
 * @fires ck-route-request - A row's route link was activated. Cancelable. `detail: { passId, movement, href }`.
 * @fires ck-ward-change - The ward picker chose a ward. `detail: { unitCode }`.
 *
 * @csspart base - The whole view.
 * @csspart header - Title, day, live state.
 * @csspart title - The heading.
 * @csspart picker - The ward picker.
 * @csspart input - The ward picker's text box.
 * @csspart listbox - The ward picker's list.
 * @csspart option - A ward in the picker's list.
 * @csspart hint - The ward picker's hint.
 * @csspart controls - View choice, text filter and export button.
 * @csspart view-filter - The view radio group (all, arrivals, departures, turned back).
 * @csspart filter - The text filter input.
 * @csspart button - Every button (export, retry).
 * @csspart export-button - The CSV export button.
 * @csspart table - The table of movements (role="table").
 * @csspart list - The scrolling, virtualised rows.
 * @csspart row - One movement row.
 * @csspart route-link - The traveller's name as a link (or button) to their route.
 * @csspart contacts - The "contacts to follow up" section.
 * @csspart contact - One contact.
 * @csspart status - Loading, empty and no-match messages, and the count.
 * @csspart error - Error messages.
 *
 * @cssprop --ck-color-fg - Text colour.
 * @cssprop --ck-color-fg-muted - Secondary text.
 * @cssprop --ck-color-bg - Background.
 * @cssprop --ck-color-surface - Header row and new-row highlight.
 * @cssprop --ck-color-border - Borders.
 * @cssprop --ck-color-accent - Links, buttons and focus.
 * @cssprop --ck-color-success - Allowed / valid.
 * @cssprop --ck-color-danger - Denied / not valid.
 * @cssprop --ck-color-warning - Referred / warnings.
 * @cssprop --ck-inbox-max-height - Height of the scrolling list (default 70vh).
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-target-size - Minimum touch target (default 44px).
 * @cssprop --ck-font-family - Font stack.
 */
export class CkWardInbox extends LitElement {
  static override styles = styles;

  /** Five-digit ward/commune code. */
  @property({ attribute: 'unit-code' }) unitCode = '';

  /** Day in Vietnam time, 'YYYY-MM-DD'; empty means today. */
  @property() date = '';

  /** Base URL of the portal API (`{api-base}/wards/{unit-code}/movements`, `/events`, `/contacts`, `/checkpoints`). */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** Which rows to show: all, arrivals, departures, or travellers not let through (`turned-back`). */
  @property({ reflect: true }) view: InboxView = 'all';

  /** Text filter on the traveller's name, pass id and manual code (accents ignored). Ward names are not searched. */
  @property() filter = '';

  /** Seconds between polls when live streams are unavailable; 0 turns live updates off. */
  @property({ type: Number, attribute: 'refresh-interval' }) refreshInterval = DEFAULT_REFRESH_SECONDS;

  /**
   * Link of a row to the traveller's route; `{passId}` is replaced by the (URL-encoded) pass id,
   * e.g. `#/route/{passId}`. Only http(s) links are made. Empty: rows get a button instead.
   */
  @property({ attribute: 'route-href' }) routeHref = '';

  /** Shows the searchable ward picker above the list. */
  @property({ type: Boolean }) picker = false;

  /** Province whose wards the picker offers (default: the province of `unit-code`). */
  @property({ attribute: 'province-code' }) provinceCode = '';

  /** Administrative units, to show ward names instead of codes. */
  @property({ attribute: false }) units: AdministrativeUnit[] | undefined;

  /** URL of the administrative units: a catalogue index.json (docs/units.md; provinces load on demand) or a flat JSON array of `{ code, name, parentCode, level }`. */
  @property({ attribute: 'units-src' }) unitsSrc = '';

  @state() private pickerText = '';

  #l10n = new LocalizeController<InboxMessages>(this, messages);
  #downloads = new DownloadController(this);
  #units = new UnitCatalogueController(this);
  #feed = new WardFeedController(this, { pollMs: () => this.#refreshMs() });
  #searchable: { from: readonly AdministrativeUnit[]; list: SearchableUnit[] } | undefined;
  #combo = new UnitCombobox(this, {
    id: 'ward',
    path: 'unitCode',
    options: () => this.#wardOptions(),
    codeDigits: 5,
    getCode: () => (this.pickerText === this.#unitName() ? this.unitCode : ''),
    getText: () => this.pickerText,
    onChange: (code, text) => {
      this.pickerText = text;
      if (UNIT_CODE.test(code) && code !== this.unitCode) {
        this.unitCode = code;
        this.pickerText = this.#unitName();
        this.dispatchEvent(new CustomEvent('ck-ward-change', { detail: { unitCode: code }, bubbles: true, composed: true }));
      }
    },
    onBlur: () => undefined,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#feed.setQuery(this.#query());
    if (changed.has('refreshInterval') && changed.get('refreshInterval') !== undefined) this.#feed.restartLive();
    // The box shows the ward's name (once the units know it) unless someone is typing in it.
    const typing = this.shadowRoot?.activeElement?.id === 'ward';
    if (!typing && (changed.has('unitCode') || this.pickerText === this.unitCode.trim())) this.pickerText = this.#unitName();
  }

  protected override updated(): void {
    this.#combo.scrollActiveIntoView();
    // Set through CSSOM (a style attribute would break a strict CSP): sizes a short day's list.
    this.renderRoot.querySelector<HTMLElement>('.list')?.style.setProperty('--_ck-rows', String(Math.min(this.#rows().length, 50)));
  }

  /** The rows shown now (after the view and text filters), newest first. */
  get visibleMovements(): WardFeedItem[] {
    return this.#rows().map((r) => r.item);
  }

  /** Loads the day again now. */
  refresh(): void {
    this.#feed.reload();
  }

  /** The visible rows as CSV text (header row first; no BOM). */
  toCsv(options: { bom?: boolean } = {}): string {
    const words = portalWords[this.#l10n.lang];
    const index = this.#units.lookup;
    return inboxCsv(this.#rows(), {
      msg: this.#l10n.msg, words, registry: this.#feed.registry, unitName: (code) => index.get(code)?.name ?? '',
    }, options);
  }

  /** Downloads the visible rows as CSV (UTF-8 with BOM so Excel reads Vietnamese correctly). */
  downloadCsv(): void {
    if (this.#feed.status !== 'ready') return;
    const view = this.view === 'all' ? [] : [this.view];
    const name = ['ck-ward', fileSafe(this.unitCode.trim()), fileSafe(this.#day()), ...view].join('-');
    this.#downloads.save(`${name}.csv`, this.toCsv({ bom: true }));
  }

  // ---- internals ------------------------------------------------------------------------------

  #day(): string {
    return this.date.trim() || vietnamDate(new Date());
  }

  #refreshMs(): number {
    const s = Number(this.refreshInterval);
    return Number.isFinite(s) && s > 0 ? Math.max(MIN_REFRESH_SECONDS, s) * 1000 : 0;
  }

  #problem(): InboxProblem | undefined {
    if (!this.unitCode.trim()) return undefined;
    if (!UNIT_CODE.test(this.unitCode.trim())) return 'invalid-unit';
    if (!isIsoDate(this.#day())) return 'invalid-date';
    if (!this.apiBase) return 'no-api-base';
    return undefined;
  }

  #query(): FeedQuery | undefined {
    const unitCode = this.unitCode.trim();
    if (!unitCode || this.#problem()) return undefined;
    const date = this.#day();
    return { key: JSON.stringify([this.apiBase, unitCode, date]), apiBase: this.apiBase, unitCode, date };
  }

  #rows(): readonly InboxRow[] {
    if (this.#feed.status !== 'ready') return [];
    return this.#feed.model.visible(VIEWS.includes(this.view) ? this.view : 'all', this.filter);
  }

  #unitName(): string {
    const code = this.unitCode.trim();
    return code ? (this.#units.unit(code)?.name ?? code) : '';
  }

  #wardOptions(): SearchableUnit[] {
    const catalogue = this.#units.catalogue;
    const province = this.provinceCode || (catalogue?.provinceOf(this.unitCode.trim()) ?? '');
    if (!catalogue || !province) return [];
    const wards = catalogue.loaded(province);
    if (!wards) {
      this.#units.want(province);
      return [];
    }
    if (this.#searchable?.from !== wards) this.#searchable = { from: wards, list: wards.map(makeSearchable) };
    return this.#searchable.list;
  }

  /** The route link for a pass, or null when no safe (http/https) link can be made. */
  #hrefFor(passId: string): string | null {
    if (!this.routeHref) return null;
    const href = this.routeHref.replaceAll('{passId}', encodeURIComponent(passId));
    try {
      const url = new URL(href, document.baseURI);
      return url.protocol === 'http:' || url.protocol === 'https:' ? href : null;
    } catch {
      return null;
    }
  }

  #requestRoute(event: Event, movement: WardFeedItem, href: string | null): void {
    if (!movement.passId) return;
    const request = new CustomEvent<RouteRequestDetail>('ck-route-request', {
      detail: { passId: movement.passId, movement, href }, bubbles: true, composed: true, cancelable: true,
    });
    if (!this.dispatchEvent(request)) event.preventDefault();
  }

  // ---- rendering ------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const msg = this.#l10n.msg;
    const words = portalWords[this.#l10n.lang];
    const locale = this.#l10n.locale;
    const unit = this.unitCode.trim();
    const unitName = unit ? unitLabel(unit, this.#units.lookup, words) : '';
    const feed = this.#feed;
    const dayText = formatDay(isIsoDate(this.#day()) ? this.#day() : vietnamDate(new Date()), locale);
    const ready = feed.status === 'ready';
    return html`<section part="base" aria-labelledby="title">
      <div class="header" part="header">
        <h2 id="title" part="title">${msg.title}${unit ? html`: <bdi>${unitName}</bdi>` : nothing}</h2>
        ${unit
          ? html`<p class="note">${msg.day(dayText)}${ready ? html` · ${msg.updatedAt(formatClock(feed.updatedAt, locale))}` : nothing}
              ${ready ? html` · <span class="live ${feed.live}">${msg.live[feed.live === 'closed' ? 'off' : feed.live]}</span>` : nothing}</p>`
          : html`<p class="status" part="status">${msg.noUnit}</p>`}
      </div>
      ${this.picker ? this.#picker(msg) : nothing}
      ${unit ? this.#controls(msg, ready) : nothing}
      <p class="visually-hidden" role="status">${feed.announced ? msg.newRows(feed.announced.count, feed.announced.total) : ''}</p>
      ${feed.refreshFailedAt && ready
        ? html`<p class="note warn" part="error"><span aria-hidden="true">${'⚠'}</span> ${msg.refreshFailed(formatClock(feed.refreshFailedAt, locale))}</p>`
        : nothing}
      ${unit && ready && !feed.contactsFailed ? this.#contacts(msg, words, locale) : nothing}
      ${unit ? this.#body(msg, words, locale, unitName, dayText) : nothing}
    </section>`;
  }

  #picker(msg: InboxMessages): TemplateResult {
    return html`<div class="picker" part="picker">
      <label id="ward-label" for="ward">${msg.ward}</label>
      ${this.#combo.render({
        label: msg.ward, hint: msg.wardHint, errorId: 'ward-error', invalid: false, readonly: false, disabled: false, resultsText: msg.wardResults,
      })}
      <span id="ward-error" hidden></span>
    </div>`;
  }

  #controls(msg: InboxMessages, loaded: boolean): TemplateResult {
    const counts = loaded ? this.#feed.model.counts() : undefined;
    const current = VIEWS.includes(this.view) ? this.view : 'all';
    return html`<div class="controls" part="controls">
      <fieldset class="segmented" part="view-filter">
        <legend>${msg.viewFilter}</legend>
        ${VIEWS.map((value) => html`<label class="choice">
          <input type="radio" name="view" .value=${value} .checked=${current === value} @change=${() => { this.view = value; }} />
          ${value === 'all' ? msg.all : html`<span aria-hidden="true">${KIND_ICONS[value]}</span> ${msg.kindTab[value]}`}
          ${counts ? html`<span class="count-badge">(${value === 'all' ? this.#feed.model.size : counts[value]})</span>` : nothing}
        </label>`)}
      </fieldset>
      <label class="filter">
        <span>${msg.filter}</span>
        <input type="search" part="filter" .value=${this.filter} placeholder=${msg.filterHint} autocomplete="off"
          @input=${(e: Event) => { this.filter = (e.target as HTMLInputElement).value; }} />
      </label>
      <button type="button" class="button" part="button export-button" ?disabled=${!loaded} @click=${() => this.downloadCsv()}>
        <span aria-hidden="true">${'⤓'}</span> ${msg.exportCsv}
      </button>
    </div>`;
  }

  #contacts(msg: InboxMessages, words: typeof portalWords.vi, locale: string): TemplateResult {
    const contacts = this.#feed.contacts.all();
    const ctx = { msg, words, locale, units: this.#units.lookup, registry: this.#feed.registry };
    return html`<section class="contacts" part="contacts" aria-labelledby="contacts-title">
      <h3 id="contacts-title">${msg.contactsTitle(contacts.length)}</h3>
      ${contacts.length === 0
        ? html`<p class="note">${msg.contactsEmpty}</p>`
        : html`<ul>${contacts.slice(0, 500).map((c) => renderContact(c, ctx))}</ul>`}
    </section>`;
  }

  #body(msg: InboxMessages, words: typeof portalWords.vi, locale: string, unitName: string, dayText: string): TemplateResult {
    const feed = this.#feed;
    const problem = this.#problem() ?? (feed.status === 'error' && !isAbort(feed.error) ? requestProblem(feed.error) : undefined);
    if (problem) {
      const retryable = !this.#problem();
      return html`<div class="error" part="error" role="alert">
        <p><span aria-hidden="true">${'⚠'}</span> ${msg.problems[problem]}</p>
        ${retryable ? html`<button type="button" class="button" part="button" @click=${() => this.#feed.reload()}>${msg.retry}</button>` : nothing}
      </div>`;
    }
    if (feed.status !== 'ready') return html`<p class="status" part="status" role="status">${msg.loading}</p>`;
    const total = feed.model.size;
    const rest = feed.loadingRest ? html` · <span role="status">${msg.loadingRest(total)}</span>` : nothing;
    if (total === 0 && !feed.loadingRest) return html`<p class="status" part="status">${msg.empty}</p>`;
    const rows = this.#rows() as InboxRow[];
    const ctx: RowContext = {
      msg, words, locale, units: this.#units.lookup, registry: feed.registry, fresh: feed.fresh,
      traveller: (row) => this.#traveller(row, msg, words),
    };
    const headers = [msg.columns.time, msg.columns.kind, msg.columns.traveller, msg.columns.otherWard, msg.columns.checkpoint, msg.columns.decision, msg.columns.flags];
    return html`<p class="count" part="status">${msg.shown(rows.length, total)}${rest}</p>
      ${rows.length === 0
        ? html`<p class="status" part="status">${msg.noMatch}</p>`
        : html`<div class="table-wrap" role="region" aria-label=${msg.tableCaption(unitName, dayText)} tabindex="0">
            <div role="table" part="table" aria-label=${msg.tableCaption(unitName, dayText)} aria-rowcount=${rows.length + 1}>
              <div role="rowgroup" class="head"><div role="row" class="row" aria-rowindex="1">
                ${headers.map((h) => html`<div role="columnheader">${h}</div>`)}
              </div></div>
              <div role="rowgroup" class="list" part="list">
                ${virtualize<InboxRow>({ items: rows, keyFunction: (r) => r.item.id, renderItem: (r, i) => renderRow(r, i, ctx), scroller: true, layout: LIST_LAYOUT })}
              </div>
            </div>
          </div>`}`;
  }

  /** The traveller's name; a link (or button) to their route when the row names a pass. */
  #traveller({ item: m }: InboxRow, msg: InboxMessages, words: typeof portalWords.vi): TemplateResult {
    const name = html`<bdi class="name">${m.person ? shownText(m.person.fullName) : words.unknownPerson}</bdi>`;
    if (!m.passId) return name;
    const href = this.#hrefFor(m.passId);
    const label = html`${name}<span class="visually-hidden">${msg.viewRoute}</span>`;
    return href
      ? html`<a class="route-link" part="route-link" href=${href} @click=${(e: Event) => this.#requestRoute(e, m, href)}>${label}</a>`
      : html`<button type="button" class="route-link" part="route-link" @click=${(e: Event) => this.#requestRoute(e, m, null)}>${label}</button>`;
  }
}
