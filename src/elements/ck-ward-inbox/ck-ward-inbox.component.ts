import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { MovementDirection, WardMovement } from '../../api/contract';
import { fetchWardMovements, MAX_MOVEMENTS_LIMIT } from '../../api/movements';
import type { AdministrativeUnit } from '../../api/units';
import { toCsv, type CsvValue } from '../../core/csv';
import { isIsoDate, vietnamDate } from '../../core/dates';
import { manualCode } from '../../core/manual-code';
import { DownloadController, fileSafe } from '../ck-route/download-controller';
import { rerunOnReconnect, UnitsController } from '../ck-route/portal-controllers';
import type { UnitLookup } from '../shared/unit-catalogue-controller';
import {
  DECISION_LOOK, DIRECTION_ICONS, MOVEMENT_ICONS, formatClock, formatDay, formatTime, isAbort, portalWords, requestProblem, shownText,
  unitLabel, verdictLook, vietnamWallClock, type PortalWords,
} from '../ck-route/portal-text';
import { LocalizeController } from '../shared/localize';
import { foldVietnamese } from '../shared/unit-search';
import styles from './ck-ward-inbox.styles';
import { messages, type InboxMessages, type InboxProblem } from './ck-ward-inbox.messages';
import { PollController } from './poll-controller';

export interface RouteRequestDetail {
  passId: string;
  /** The row the request came from. */
  movement: WardMovement;
  /** The link followed, when `route-href` is set (null otherwise). */
  href: string | null;
}

/** Cancelable: `preventDefault()` stops the link from being followed (handle it yourself). */
export type RouteRequestEvent = CustomEvent<RouteRequestDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-route-request': RouteRequestEvent;
  }
}

export type InboxDirection = 'all' | MovementDirection;

const DEFAULT_PAGE_SIZE = 50;
const DEFAULT_REFRESH_SECONDS = 15;
/** Never poll more often than this, whatever the attribute says. */
const MIN_REFRESH_SECONDS = 2;
const UNIT_CODE = /^\d{5}$/;
/** Received this long after the passage: recorded offline and synced later. */
const NOTABLE_DELAY_MS = 10 * 60_000;

interface Query {
  /** Identity of the query: results of another key are stale. */
  key: string;
  apiBase: string;
  unitCode: string;
  date: string;
  direction: MovementDirection | undefined;
  limit: number;
}

interface Feed {
  key: string;
  items: WardMovement[];
  nextCursor: string | null;
  /** ETag of a first-page request that covered every loaded row, and the limit it used. */
  etag: string | null;
  etagLimit: number;
  /** Rows that appeared while the list was open. */
  fresh: ReadonlySet<string>;
  updatedAt: number;
}

interface PageResult {
  key: string;
  items: WardMovement[];
  nextCursor: string | null;
  etag: string | null;
  limit: number;
}

class InboxInputError extends Error {
  constructor(readonly problem: InboxProblem) {
    super(problem);
  }
}

/**
 * A ward's (or commune's) arrivals and departures for one day, newest first: time, direction,
 * traveller, the ward they come from or go to, checkpoint, the officer's decision and the check
 * result, each with a link to the traveller's route. Filter by direction and by text; page back
 * through older movements; stays up to date while open (polling with ETags, paused while the page
 * is hidden; new rows are announced politely); exports the visible rows as CSV.
 *
 * @fires ck-route-request - A row's route link was activated. Cancelable. `detail: { passId, movement, href }`.
 *
 * @csspart base - The whole view.
 * @csspart header - Title and the day / last update line.
 * @csspart title - The heading.
 * @csspart controls - Direction choice, text filter and export button.
 * @csspart direction-filter - The direction radio group.
 * @csspart filter - The text filter input.
 * @csspart button - Every button (export, load more, retry).
 * @csspart export-button - The CSV export button.
 * @csspart load-more - The button that loads older movements.
 * @csspart table-wrap - The scrollable box around the table.
 * @csspart table - The table of movements.
 * @csspart row - One movement row.
 * @csspart route-link - The traveller's name as a link (or button) to their route.
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
 * @cssprop --ck-inbox-max-height - Height limit of the table box before it scrolls (default none).
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-target-size - Minimum touch target (default 44px).
 * @cssprop --ck-font-family - Font stack.
 */
export class CkWardInbox extends LitElement {
  static override styles = styles;

  /** Five-digit ward/commune code. */
  @property({ attribute: 'unit-code' }) unitCode = '';

  /** Day in Vietnam time, 'YYYY-MM-DD'; empty means today (and follows midnight while open). */
  @property() date = '';

  /** Base URL of the portal API (`{api-base}/wards/{unit-code}/movements`). */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** Which movements to show. */
  @property({ reflect: true }) direction: InboxDirection = 'all';

  /** Text filter over the loaded rows (checkpoint, pass id, manual code, name, ward), accents ignored. */
  @property() filter = '';

  /** Seconds between updates while open; 0 turns updating off. */
  @property({ type: Number, attribute: 'refresh-interval' }) refreshInterval = DEFAULT_REFRESH_SECONDS;

  /** Rows per request (1–200). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = DEFAULT_PAGE_SIZE;

  /**
   * Link of a row to the traveller's route; `{passId}` is replaced by the (URL-encoded) pass id,
   * e.g. `#/route/{passId}`. Only http(s) links are made. Empty: rows get a button instead.
   */
  @property({ attribute: 'route-href' }) routeHref = '';

  /** Administrative units, to show ward names instead of codes. */
  @property({ attribute: false }) units: AdministrativeUnit[] | undefined;

  /** URL of the administrative units: a catalogue index.json (docs/units.md; provinces load on demand) or a flat JSON array of `{ code, name, parentCode, level }`. */
  @property({ attribute: 'units-src' }) unitsSrc = '';

  @state() private feed: Feed | undefined;
  /** Rows the last update brought, and the total after it (announced politely; the total
   * changes with each update, so equal counts in a row are still announced). */
  @state() private announced: { count: number; total: number } | undefined;
  @state() private refreshFailedAt: number | undefined;

  #l10n = new LocalizeController<InboxMessages>(this, messages);
  #downloads = new DownloadController(this);
  #poller = new PollController(this, {
    tick: () => this.#poll(),
    intervalMs: () => this.#refreshMs(),
  });
  #focusAfterMore: string | undefined;
  #units = new UnitsController(this);

  // A request cut off by a disconnect is made again when the element comes back.
  #firstTask = rerunOnReconnect(this, new Task(this, {
    task: async ([apiBase, unitCode, date, direction, limit], { signal }): Promise<PageResult | undefined> => {
      if (!unitCode) return undefined;
      const query = checkedQuery(apiBase, unitCode, date, direction, limit);
      const result = await fetchWardMovements(apiBase, query, { signal });
      if (result.notModified) throw new Error('unexpected 304 without If-None-Match');
      return { key: query.key, items: result.page.items, nextCursor: result.page.nextCursor, etag: result.etag, limit };
    },
    args: () => [this.apiBase, this.unitCode.trim(), this.#day(), this.#directionParam(), this.#limit()] as const,
    onComplete: (page) => {
      this.feed = page && { ...page, etagLimit: page.limit, fresh: new Set(), updatedAt: Date.now() };
      this.announced = undefined;
      this.refreshFailedAt = undefined;
      this.#poller.restart();
    },
  }));

  #moreTask = new Task<readonly [Query, string], PageResult>(this, {
    autoRun: false,
    task: async ([query, cursor], { signal }) => {
      const result = await fetchWardMovements(query.apiBase, { ...query, cursor }, { signal });
      if (result.notModified) throw new Error('unexpected 304 without If-None-Match');
      return { key: query.key, items: result.page.items, nextCursor: result.page.nextCursor, etag: null, limit: query.limit };
    },
    onComplete: (page) => {
      const feed = this.feed;
      if (!feed || feed.key !== page.key) return;
      const held = new Set(feed.items.map((i) => i.id));
      const added = page.items.filter((i) => !held.has(i.id));
      this.feed = { ...feed, items: [...feed.items, ...added], nextCursor: page.nextCursor, etag: null };
      if (this.#focusAfterMore !== undefined) this.#focusAfterMore = added[0]?.id ?? '';
    },
  });

  /** Re-reads every loaded row from the top, so late (offline-synced) passages show in place. */
  #pollTask = new Task<readonly [Query, number, string | null], PageResult | 'not-modified'>(this, {
    autoRun: false,
    task: async ([query, covered, etag], { signal }) => {
      const limit = Math.min(MAX_MOVEMENTS_LIMIT, Math.max(query.limit, covered));
      const first = await fetchWardMovements(query.apiBase, { ...query, limit }, { signal, etag });
      if (first.notModified) return 'not-modified';
      const items = [...first.page.items];
      let cursor = first.page.nextCursor;
      while (items.length < covered && cursor) {
        const next = await fetchWardMovements(query.apiBase, { ...query, cursor, limit: MAX_MOVEMENTS_LIMIT }, { signal });
        if (next.notModified) break;
        items.push(...next.page.items);
        cursor = next.page.nextCursor;
      }
      // An ETag only vouches for the rows of its own request.
      const vouches = items.length === first.page.items.length;
      return { key: query.key, items, nextCursor: cursor, etag: vouches ? first.etag : null, limit };
    },
    onComplete: (result) => {
      const feed = this.feed;
      this.refreshFailedAt = undefined;
      if (!feed || result === 'not-modified') {
        if (feed) this.feed = { ...feed, updatedAt: Date.now() };
        return;
      }
      if (feed.key !== result.key) return;
      const held = new Set(feed.items.map((i) => i.id));
      const seen = new Set<string>();
      const items = result.items.filter((i) => !seen.has(i.id) && seen.add(i.id));
      const added = items.filter((i) => !held.has(i.id));
      const fresh = new Set(feed.fresh);
      for (const item of added) fresh.add(item.id);
      this.feed = {
        key: feed.key, items, nextCursor: result.nextCursor, etag: result.etag, etagLimit: result.limit, fresh, updatedAt: Date.now(),
      };
      if (added.length > 0) this.announced = { count: added.length, total: items.length };
    },
    onError: (error) => {
      if (!isAbort(error)) this.refreshFailedAt = Date.now();
    },
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#moreTask.abort();
    this.#pollTask.abort();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('refreshInterval')) this.#poller.reschedule();
    if (this.#focusAfterMore && this.#moreTask.status !== TaskStatus.PENDING) {
      const id = this.#focusAfterMore;
      this.#focusAfterMore = undefined;
      // The "load more" button went away with the last page: keep focus near where it was.
      if (!this.renderRoot.querySelector('.more button')) {
        const row = [...this.renderRoot.querySelectorAll<HTMLElement>('tr[data-id]')].find((r) => r.dataset.id === id);
        (row?.querySelector<HTMLElement>('.route-link') ?? this.renderRoot.querySelector<HTMLElement>('.table-wrap'))?.focus();
      }
    }
  }

  /** The rows shown now (after the direction and text filters), newest first. */
  get visibleMovements(): WardMovement[] {
    const feed = this.#currentFeed();
    if (!feed) return [];
    const words = portalWords[this.#l10n.lang];
    const needle = foldVietnamese(this.filter);
    if (!needle) return feed.items;
    const terms = needle.split(' ');
    const index = this.#units.index();
    return feed.items.filter((m) => {
      const hay = foldVietnamese([
        m.checkpointId, m.passId ?? '', rowManualCode(m), m.person?.fullName ?? '', m.originUnit, m.destinationUnit,
        unitLabel(m.originUnit, index, words), unitLabel(m.destinationUnit, index, words),
      ].join(' '));
      return terms.every((t) => hay.includes(t));
    });
  }

  /** Updates now (as the timer would), when a list is shown. */
  refresh(): void {
    this.#poll();
    this.#poller.restart();
  }

  /** The visible rows as CSV text (header row first; no BOM). */
  toCsv(options: { bom?: boolean } = {}): string {
    const msg = this.#l10n.msg;
    const words = portalWords[this.#l10n.lang];
    const index = this.#units.index();
    const name = (code: string) => index.get(code)?.name ?? '';
    const rows: CsvValue[][] = [[...msg.csvHeader]];
    for (const m of this.visibleMovements) {
      rows.push([
        vietnamWallClock(m.at), m.at, words.movementDirection[m.direction], m.person?.fullName ?? '', m.passId ?? '',
        rowManualCode(m), m.originUnit, name(m.originUnit), m.destinationUnit, name(m.destinationUnit), m.checkpointId,
        words.passageDirection[m.checkpointDirection], words.decision[m.decision], verdictLook(m.verdictStatus, words).text,
        m.receivedAt, m.id,
      ]);
    }
    return toCsv(rows, options);
  }

  /** Downloads the visible rows as CSV (UTF-8 with BOM so Excel reads Vietnamese correctly). */
  downloadCsv(): void {
    const feed = this.#currentFeed();
    if (!feed) return;
    const direction = this.#directionParam();
    const name = ['ck-ward', fileSafe(this.unitCode.trim()), fileSafe(this.#day()), ...(direction ? [direction] : [])].join('-');
    this.#downloads.save(`${name}.csv`, this.toCsv({ bom: true }));
  }

  // ---- internals ------------------------------------------------------------------------------

  #day(): string {
    return this.date.trim() || vietnamDate(new Date());
  }

  #directionParam(): MovementDirection | '' {
    return this.direction === 'arrival' || this.direction === 'departure' ? this.direction : '';
  }

  #limit(): number {
    const n = Math.floor(Number(this.pageSize));
    return Number.isFinite(n) ? Math.min(MAX_MOVEMENTS_LIMIT, Math.max(1, n)) : DEFAULT_PAGE_SIZE;
  }

  #refreshMs(): number {
    const s = Number(this.refreshInterval);
    return Number.isFinite(s) && s > 0 ? Math.max(MIN_REFRESH_SECONDS, s) * 1000 : 0;
  }

  /** The query the attributes describe now, or undefined when it is not a valid one. */
  #query(): Query | undefined {
    try {
      const unit = this.unitCode.trim();
      return unit ? checkedQuery(this.apiBase, unit, this.#day(), this.#directionParam(), this.#limit()) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The feed, when it belongs to the current query. */
  #currentFeed(): Feed | undefined {
    const feed = this.feed;
    return feed && feed.key === this.#query()?.key ? feed : undefined;
  }

  #poll(): void {
    const query = this.#query();
    const feed = this.feed;
    if (!query) return;
    if (!feed || feed.key !== query.key) {
      const failed = this.#firstTask.status === TaskStatus.ERROR && !(this.#firstTask.error instanceof InboxInputError);
      // A first load that failed is tried again on the same rhythm; past midnight with `date`
      // unset the query itself moved on, and rendering runs the new first page.
      if (failed) void this.#firstTask.run();
      else this.requestUpdate();
      return;
    }
    if ([this.#firstTask, this.#moreTask, this.#pollTask].some((t) => t.status === TaskStatus.PENDING)) return;
    const covered = feed.items.length;
    const limit = Math.min(MAX_MOVEMENTS_LIMIT, Math.max(query.limit, covered));
    void this.#pollTask.run([query, covered, feed.etagLimit === limit ? feed.etag : null]);
  }

  #loadMore(): void {
    const query = this.#query();
    const feed = this.#currentFeed();
    if (!query || !feed?.nextCursor || this.#moreTask.status === TaskStatus.PENDING) return;
    // One change at a time: an update in flight would overwrite the appended rows.
    this.#pollTask.abort();
    const button = this.renderRoot.querySelector('.more button');
    this.#focusAfterMore = button && this.shadowRoot?.activeElement === button ? '' : undefined;
    void this.#moreTask.run([query, feed.nextCursor]);
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

  #requestRoute(event: Event, movement: WardMovement, href: string | null): void {
    if (!movement.passId) return;
    const request = new CustomEvent<RouteRequestDetail>('ck-route-request', {
      detail: { passId: movement.passId, movement, href },
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    if (!this.dispatchEvent(request)) event.preventDefault();
  }

  // ---- rendering ------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const msg = this.#l10n.msg;
    const words = portalWords[this.#l10n.lang];
    const locale = this.#l10n.locale;
    const unit = this.unitCode.trim();
    const unitName = unit ? unitLabel(unit, this.#units.index(), words) : '';
    const feed = this.#currentFeed();
    const dayText = formatDay(isIsoDate(this.#day()) ? this.#day() : vietnamDate(new Date()), locale);
    return html`<section part="base" aria-labelledby="title">
      <div class="header" part="header">
        <h2 id="title" part="title">${msg.title}${unit ? html`: <bdi>${unitName}</bdi>` : nothing}</h2>
        ${unit
          ? html`<p class="note">${msg.day(dayText)}${feed ? html` · ${msg.updatedAt(formatClock(feed.updatedAt, locale))}` : nothing}</p>`
          : html`<p class="status" part="status">${msg.noUnit}</p>`}
      </div>
      ${unit ? this.#controls(msg, Boolean(feed)) : nothing}
      <p class="visually-hidden" role="status">${this.announced ? msg.newRows(this.announced.count, this.announced.total) : ''}</p>
      ${this.refreshFailedAt && feed
        ? html`<p class="note warn" part="error"><span aria-hidden="true">${'⚠'}</span> ${msg.refreshFailed(formatClock(this.refreshFailedAt, locale))}</p>`
        : nothing}
      ${this.#body(msg, words, locale, unit, unitName, dayText, feed)}
    </section>`;
  }

  #controls(msg: InboxMessages, loaded: boolean): TemplateResult {
    const choices: [InboxDirection, string][] = [['all', msg.all], ['arrival', msg.arrivals], ['departure', msg.departures]];
    const current = this.#directionParam() || 'all';
    return html`<div class="controls" part="controls">
      <fieldset class="segmented" part="direction-filter">
        <legend>${msg.directionFilter}</legend>
        ${choices.map(([value, label]) => html`<label class="choice">
          <input type="radio" name="direction" .value=${value} .checked=${current === value}
            @change=${() => { this.direction = value; }} />
          ${value === 'all' ? nothing : html`<span aria-hidden="true">${MOVEMENT_ICONS[value]}</span>`} ${label}
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

  #body(
    msg: InboxMessages, words: PortalWords, locale: string, unit: string, unitName: string, dayText: string, feed: Feed | undefined,
  ): TemplateResult | typeof nothing {
    if (!unit) return nothing;
    if (!feed) {
      if (this.#firstTask.status === TaskStatus.ERROR && !isAbort(this.#firstTask.error)) {
        const error = this.#firstTask.error;
        const problem: InboxProblem = error instanceof InboxInputError ? error.problem : requestProblem(error);
        const retryable = !(error instanceof InboxInputError);
        return html`<div class="error" part="error" role="alert">
          <p><span aria-hidden="true">${'⚠'}</span> ${msg.problems[problem]}</p>
          ${retryable ? html`<button type="button" class="button" part="button" @click=${() => void this.#firstTask.run()}>${msg.retry}</button>` : nothing}
        </div>`;
      }
      return html`<p class="status" part="status" role="status">${msg.loading}</p>`;
    }
    if (feed.items.length === 0) return html`<p class="status" part="status">${msg.empty}</p>`;
    const rows = this.visibleMovements;
    const index = this.#units.index();
    const moreError = this.#moreTask.status === TaskStatus.ERROR && !isAbort(this.#moreTask.error) ? requestProblem(this.#moreTask.error) : undefined;
    return html`<p class="count" part="status">${msg.shown(rows.length, feed.items.length)}</p>
      ${rows.length === 0
        ? html`<p class="status" part="status">${msg.noMatch}</p>`
        : html`<div class="table-wrap" part="table-wrap" role="region" aria-labelledby="caption" tabindex="0">
            <table part="table">
              <caption id="caption" class="visually-hidden">${msg.tableCaption(unitName, dayText)}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg.columns.time}</th>
                  <th scope="col">${msg.columns.direction}</th>
                  <th scope="col">${msg.columns.traveller}</th>
                  <th scope="col">${msg.columns.otherWard}</th>
                  <th scope="col">${msg.columns.checkpoint}</th>
                  <th scope="col">${msg.columns.decision}</th>
                  <th scope="col">${msg.columns.verdict}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map((m) => this.#row(m, msg, words, locale, index, feed.fresh.has(m.id)))}
              </tbody>
            </table>
          </div>`}
      ${feed.nextCursor
        ? html`<div class="more">
            <button type="button" class="button" part="button load-more" aria-busy=${this.#moreTask.status === TaskStatus.PENDING ? 'true' : 'false'}
              @click=${() => this.#loadMore()}>
              ${this.#moreTask.status === TaskStatus.PENDING ? msg.loadingMore : msg.loadMore}
            </button>
            ${moreError ? html`<p class="note warn" part="error" role="alert">${msg.problems[moreError]}</p>` : nothing}
          </div>`
        : nothing}`;
  }

  #row(
    m: WardMovement, msg: InboxMessages, words: PortalWords, locale: string, index: UnitLookup, fresh: boolean,
  ): TemplateResult {
    const decision = DECISION_LOOK[m.decision];
    const verdict = verdictLook(m.verdictStatus, words);
    const code = rowManualCode(m);
    const other = m.direction === 'arrival' ? m.originUnit : m.destinationUnit;
    const late = Date.parse(m.receivedAt) - Date.parse(m.at) >= NOTABLE_DELAY_MS;
    return html`<tr part="row" class=${fresh ? 'fresh' : ''} data-id=${m.id}>
      <td class="time">
        <time datetime=${m.at}>${formatTime(m.at, locale)}</time>
        ${fresh ? html`<span class="badge neutral fresh-badge">${msg.fresh}</span>` : nothing}
        ${late ? html`<span class="note">${msg.receivedLater(formatTime(m.receivedAt, locale))}</span>` : nothing}
      </td>
      <td class="direction ${m.direction}"><span aria-hidden="true">${MOVEMENT_ICONS[m.direction]}</span> ${words.movementDirection[m.direction]}</td>
      <td class="who">
        ${this.#traveller(m, msg, words)}
        ${code ? html`<span class="mono code">${m.passId ? '' : `${msg.manualOnly}: `}${code}</span>` : nothing}
        ${m.passId ? nothing : html`<span class="note">${msg.noRoute}</span>`}
      </td>
      <td class="ward">
        <span class="cap"><span class="leg-label">${m.direction === 'arrival' ? msg.from : msg.to}:</span>
          <bdi>${unitLabel(other, index, words)}</bdi></span>
      </td>
      <td class="mono checkpoint"><bdi>${shownText(m.checkpointId, 64)}</bdi>
        <span class="note">(<span aria-hidden="true">${DIRECTION_ICONS[m.checkpointDirection]}</span> ${words.passageDirection[m.checkpointDirection]})</span></td>
      <td><span class="badge ${decision.tone}"><span aria-hidden="true">${decision.icon}</span> ${words.decision[m.decision]}</span></td>
      <td><span class="badge ${verdict.tone}"><span aria-hidden="true">${verdict.icon}</span> <bdi>${shownText(verdict.text, 64)}</bdi></span></td>
    </tr>`;
  }

  /** The traveller's name; a link (or button) to their route when the row names a pass. */
  #traveller(m: WardMovement, msg: InboxMessages, words: PortalWords): TemplateResult {
    const name = html`<bdi class="name">${m.person ? shownText(m.person.fullName) : words.unknownPerson}</bdi>`;
    if (!m.passId) return name;
    const href = this.#hrefFor(m.passId);
    const label = html`${name}<span class="visually-hidden">${msg.viewRoute}</span>`;
    return href
      ? html`<a class="route-link" part="route-link" href=${href} @click=${(e: Event) => this.#requestRoute(e, m, href)}>${label}</a>`
      : html`<button type="button" class="route-link" part="route-link" @click=${(e: Event) => this.#requestRoute(e, m, null)}>${label}</button>`;
  }

}

function checkedQuery(apiBase: string, unitCode: string, date: string, direction: MovementDirection | '', limit: number): Query {
  if (!UNIT_CODE.test(unitCode)) throw new InboxInputError('invalid-unit');
  if (!isIsoDate(date)) throw new InboxInputError('invalid-date');
  if (!apiBase) throw new InboxInputError('no-api-base');
  return {
    key: JSON.stringify([apiBase, unitCode, date, direction, limit]),
    apiBase, unitCode, date, direction: direction || undefined, limit,
  };
}

function rowManualCode(m: WardMovement): string {
  if (m.manualCode) return m.manualCode;
  if (!m.passId) return '';
  try {
    return manualCode(m.passId);
  } catch {
    return '';
  }
}
