import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { PassRoute, RoutePassage } from '../../api/contract';
import { isApiError } from '../../api/http';
import { fetchPassRoute, LOOKUP_REASON, lookupReasonProblem } from '../../api/routes';
import type { AdministrativeUnit } from '../../api/units';
import { isPassId } from '../../core/claims';
import { toCsv, type CsvValue } from '../../core/csv';
import { manualCode } from '../../core/manual-code';
import { LocalizeController } from '../shared/localize';
import styles from './ck-route.styles';
import { messages, type ReasonProblem, type RouteMessages, type RouteProblem } from './ck-route.messages';
import { DownloadController, fileSafe } from '../shared/download-controller';
import { rerunOnReconnect, UnitsController } from '../shared/portal-controllers';
import {
  DECISION_LOOK, DIRECTION_ICONS, formatDateTime, isAbort, portalWords, requestProblem, shownText, unitLabel,
  verdictLook, vietnamWallClock, type PortalWords,
} from '../shared/portal-text';

export interface RouteLoadedDetail {
  passId: string;
  /** The route, or null when the portal knows neither the pass nor any passage of it. */
  route: PassRoute | null;
}

export type RouteLoadedEvent = CustomEvent<RouteLoadedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-route-loaded': RouteLoadedEvent;
  }
}

/** A problem found before any request is made (wrong configuration or input). */
class RouteInputError extends Error {
  constructor(readonly problem: RouteProblem) {
    super(problem);
  }
}

interface Loaded {
  passId: string;
  route: PassRoute | null;
}

/** Time gaps above these (ms) get a longer stretch of timeline: the picture shows waiting time. */
const GAP_STEPS: readonly [number, string][] = [
  [6 * 3_600_000, 'gap-xl'],
  [3_600_000, 'gap-l'],
  [15 * 60_000, 'gap-m'],
];
/** A device clock further off than this is worth telling the reader about. */
const NOTABLE_SKEW_MS = 5 * 60_000;
/** Received this long after the passage: recorded offline and synced later. */
const NOTABLE_DELAY_MS = 10 * 60_000;

/**
 * One pass's route as the portal recorded it: every checkpoint passage in time order (time in
 * Vietnam time, checkpoint, direction, the officer's decision and the check result), drawn as a
 * vertical timeline from the origin ward to the destination ward with the waiting time between
 * passages, and exportable as CSV (formula injection neutralised). Loads from
 * `{api-base}/passes/{pass-id}/route`, or shows a `route` given directly.
 *
 * A route names a person, so every lookup is audited: before loading, the element asks the
 * tracer why (required, 3–300 characters) unless `reason` is set, and sends it to the portal in
 * `X-Lookup-Reason`. The portal's refusals are said in words (not signed in, with a link to
 * `login-href`; role not allowed; reason refused, with the form again).
 *
 * @fires ck-route-loaded - A route request finished. `detail: { passId, route }` (`route` null: unknown pass).
 *
 * @csspart base - The whole view.
 * @csspart header - Title and summary.
 * @csspart title - The heading.
 * @csspart summary - Traveller, pass id, validity and declared route.
 * @csspart actions - The row holding the export button.
 * @csspart button - Every button (export, retry).
 * @csspart export-button - The CSV export button.
 * @csspart timeline - The ordered list of passages between origin and destination.
 * @csspart endpoint - The origin and destination entries of the timeline.
 * @csspart passage - One passage entry.
 * @csspart gap - The time elapsed since the previous passage.
 * @csspart status - Loading, empty and not-found messages.
 * @csspart error - The error message with its retry button.
 * @csspart reason-form - The form asking why the person is looked up.
 * @csspart reason-input - The reason text field.
 * @csspart sign-in - The link to sign in, after a 401.
 *
 * @cssprop --ck-color-fg - Text colour.
 * @cssprop --ck-color-fg-muted - Secondary text.
 * @cssprop --ck-color-bg - Background.
 * @cssprop --ck-color-surface - Background of passage cards.
 * @cssprop --ck-color-border - Borders and the timeline line.
 * @cssprop --ck-color-accent - Buttons, focus and timeline markers.
 * @cssprop --ck-color-success - Allowed / valid.
 * @cssprop --ck-color-danger - Denied / not valid.
 * @cssprop --ck-color-warning - Referred / warnings.
 * @cssprop --ck-route-line-width - Width of the timeline line (default 4px).
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-target-size - Minimum touch target (default 44px).
 * @cssprop --ck-font-family - Font stack.
 */
export class CkRoute extends LitElement {
  static override styles = styles;

  /** The pass whose route is shown. */
  @property({ attribute: 'pass-id' }) passId = '';

  /** Base URL of the portal API; the route comes from `{api-base}/passes/{pass-id}/route`. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** A route given directly (no request is made while it is set). */
  @property({ attribute: false }) route: PassRoute | undefined;

  /** Administrative units, to show ward names instead of codes. */
  @property({ attribute: false }) units: AdministrativeUnit[] | undefined;

  /** URL of the administrative units: a catalogue index.json (docs/units.md; provinces load on demand) or a flat JSON array of `{ code, name, parentCode, level }`. */
  @property({ attribute: 'units-src' }) unitsSrc = '';

  /**
   * Why this person is looked up (sent as `X-Lookup-Reason`, written to the portal's audit log).
   * While empty the element asks for it; it is cleared when `pass-id` changes, since each lookup
   * needs its own reason. Kept in memory only.
   */
  @property({ attribute: false }) reason = '';

  /** Where to sign in; linked when the portal answers 401 (e.g. `/auth/login?next=/ward/`). */
  @property({ attribute: 'login-href' }) loginHref = '';

  @state() private reasonProblem: ReasonProblem | null = null;

  #l10n = new LocalizeController<RouteMessages>(this, messages);
  #downloads = new DownloadController(this);
  #units = new UnitsController(this);

  // A request cut off by a disconnect is made again when the element comes back.
  #routeTask = rerunOnReconnect(this, new Task(this, {
    task: async ([passId, apiBase, reason], { signal }): Promise<Loaded | undefined> => {
      if (!passId) return undefined;
      if (!isPassId(passId)) throw new RouteInputError('invalid-pass-id');
      if (!apiBase) throw new RouteInputError('no-api-base');
      // No lookup without a reason: the form asks for it.
      if (!reason || lookupReasonProblem(reason)) return undefined;
      return { passId, route: await fetchPassRoute(apiBase, passId, { reason, signal }) };
    },
    // While a route is given directly there is nothing to fetch.
    args: () => (this.route ? (['', '', ''] as const) : ([this.passId.trim(), this.apiBase, this.reason.trim()] as const)),
    onComplete: (loaded) => {
      if (loaded) void this.updateComplete.then(() => this.#announce(loaded));
    },
  }));

  /** The route shown now (given or loaded); null for an unknown pass; undefined while none. */
  get shownRoute(): PassRoute | null | undefined {
    if (this.route) return this.route;
    const loaded = this.#routeTask.status === TaskStatus.COMPLETE ? this.#routeTask.value : undefined;
    return loaded && loaded.passId === this.passId.trim() ? loaded.route : undefined;
  }

  /** The shown route as CSV text (header row first; no BOM). Empty string when there is no route. */
  toCsv(options: { bom?: boolean } = {}): string {
    const route = this.shownRoute;
    if (!route) return '';
    const msg = this.#l10n.msg;
    const words = portalWords[this.#l10n.lang];
    const index = this.#units.index();
    const name = (code: string) => index.get(code)?.name ?? '';
    const rows: CsvValue[][] = [[...msg.csvHeader]];
    const code = safeManualCode(route.passId);
    for (const p of sortedPassages(route.passages)) {
      rows.push([
        vietnamWallClock(p.at), p.at, p.checkpointId, words.passageDirection[p.direction], words.decision[p.decision],
        verdictLook(p.verdictStatus, words).text, p.officerId, p.deviceId,
        p.originUnit, name(p.originUnit), p.destinationUnit, name(p.destinationUnit),
        route.passId, code, route.person?.fullName ?? '', p.receivedAt, p.clockSkewMs, p.id,
      ]);
    }
    return toCsv(rows, options);
  }

  /** Downloads the CSV (UTF-8 with BOM so Excel reads Vietnamese correctly). */
  downloadCsv(): void {
    const route = this.shownRoute;
    if (!route) return;
    this.#downloads.save(`ck-route-${fileSafe(route.passId)}.csv`, this.toCsv({ bom: true }));
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // A reason is for one person: another pass asks again (unless the host set both at once).
    if (changed.has('passId') && changed.get('passId') !== undefined && !changed.has('reason')) {
      this.reason = '';
      this.reasonProblem = null;
    }
  }

  #submitReason(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('reason') as HTMLInputElement | null;
    if (!input) return;
    this.reasonProblem = lookupReasonProblem(input.value);
    if (this.reasonProblem) {
      input.focus();
      return;
    }
    const reason = input.value.trim();
    // The same reason again (after the portal refused it, or signing in): ask once more.
    if (reason === this.reason) void this.#routeTask.run();
    else this.reason = reason;
  }

  #announce(loaded: Loaded): void {
    // Only the latest request speaks; a superseded one was dropped by the task already.
    if (this.#routeTask.value !== loaded || !this.isConnected) return;
    this.dispatchEvent(new CustomEvent<RouteLoadedDetail>('ck-route-loaded', { detail: { ...loaded }, bubbles: true, composed: true }));
  }

  // ---- rendering ------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const msg = this.#l10n.msg;
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title" part="title">${msg.title}</h2>
      ${this.#body(msg)}
    </section>`;
  }

  #body(msg: RouteMessages): TemplateResult {
    const route = this.shownRoute;
    if (route) return this.#route(route, msg);
    if (!this.route && !this.passId.trim()) return html`<p class="status" part="status">${msg.noPass}</p>`;
    if (route === null) return html`<p class="status" part="status" role="status">${msg.notFound}</p>`;
    if (this.#routeTask.status === TaskStatus.ERROR && !isAbort(this.#routeTask.error)) return this.#error(msg);
    if (!this.route && !this.reason.trim()) return this.#reasonForm(msg);
    return html`<p class="status loading" part="status" role="status">${msg.loading}</p>`;
  }

  #reasonForm(msg: RouteMessages): TemplateResult {
    const problem = this.reasonProblem;
    return html`<form class="reason" part="reason-form" novalidate @submit=${(e: SubmitEvent) => this.#submitReason(e)}>
      <fieldset>
        <legend>${msg.reasonLegend}</legend>
        <label for="reason">${msg.reasonLabel}</label>
        <p id="reason-hint" class="note">${msg.reasonHint}</p>
        <input id="reason" name="reason" part="reason-input" type="text" autocomplete="off" required
          maxlength=${LOOKUP_REASON.max} aria-describedby="reason-hint${problem ? ' reason-problem' : ''}"
          aria-invalid=${problem ? 'true' : 'false'} .value=${this.reason} />
        ${problem ? html`<p id="reason-problem" class="field-problem" role="alert">${msg.reasonProblems[problem]}</p>` : nothing}
        <button type="submit" class="button" part="button">${msg.reasonSubmit}</button>
      </fieldset>
    </form>`;
  }

  #error(msg: RouteMessages): TemplateResult {
    const problem = problemOf(this.#routeTask.error);
    const retryable = !['no-api-base', 'invalid-pass-id', 'forbidden', 'reason-required'].includes(problem);
    return html`<div class="error" part="error" role="alert">
      <p><span class="icon" aria-hidden="true">${'⚠'}</span> ${msg.problems[problem]}</p>
      ${problem === 'login-required' && this.loginHref
        ? html`<p><a class="button" part="sign-in" href=${this.loginHref}>${msg.signIn}</a></p>`
        : nothing}
      ${retryable
        ? html`<button type="button" class="button" part="button" @click=${() => void this.#routeTask.run()}>${msg.retry}</button>`
        : nothing}
    </div>
    ${problem === 'reason-required' ? this.#reasonForm(msg) : nothing}`;
  }

  #route(route: PassRoute, msg: RouteMessages): TemplateResult {
    const lang = this.#l10n.lang;
    const locale = this.#l10n.locale;
    const words = portalWords[lang];
    const index = this.#units.index();
    const passages = sortedPassages(route.passages);
    const code = safeManualCode(route.passId);
    const place = (unit: string | null) => (unit ? unitLabel(unit, index, words) : msg.unknownUnit);
    const person = route.person ? shownText(route.person.fullName) : route.known ? '—' : words.unknownPerson;
    return html`<div class="header" part="header">
        <dl class="summary" part="summary">
          <div><dt>${msg.person}</dt><dd class="person"><bdi>${person}</bdi></dd></div>
          <div><dt>${msg.passId}</dt><dd class="mono"><bdi>${shownText(route.passId, 64)}</bdi></dd></div>
          ${code ? html`<div><dt>${msg.manualCode}</dt><dd class="mono">${code}</dd></div>` : nothing}
          ${route.validFrom && route.validUntil
            ? html`<div><dt>${msg.validity}</dt><dd>${msg.validRange(formatDateTime(route.validFrom, locale), formatDateTime(route.validUntil, locale))}</dd></div>`
            : nothing}
          <div>
            <dt>${msg.declaredRoute}</dt>
            <dd><bdi>${place(route.originUnit)}</bdi> <span aria-hidden="true">→</span><span class="visually-hidden">,</span>
              <bdi>${place(route.destinationUnit)}</bdi></dd>
          </div>
        </dl>
        ${route.known ? nothing : html`<p class="note">${msg.notIssuedHere}</p>`}
        <p class="note">${msg.timeZoneNote} ${msg.passageCount(passages.length)}</p>
      </div>
      ${passages.length === 0
        ? html`<p class="status" part="status">${msg.empty}</p>`
        : html`<div class="actions" part="actions">
              <button type="button" class="button" part="button export-button" @click=${() => this.downloadCsv()}>
                <span aria-hidden="true">${'⤓'}</span> ${msg.exportCsv}
              </button>
            </div>
            <ol class="timeline" part="timeline" aria-label=${msg.timeline}>
              <li class="end origin" part="endpoint">
                <span class="dot" aria-hidden="true"></span>
                <span class="end-label">${msg.origin}:</span> <bdi>${place(route.originUnit)}</bdi>
              </li>
              ${passages.map((p, i) => this.#passage(p, passages[i - 1], msg, words, locale))}
              <li class="end destination" part="endpoint">
                <span class="dot" aria-hidden="true"></span>
                <span class="end-label">${msg.destination}:</span> <bdi>${place(route.destinationUnit)}</bdi>
              </li>
            </ol>`}`;
  }

  #passage(p: RoutePassage, previous: RoutePassage | undefined, msg: RouteMessages, words: PortalWords, locale: string): TemplateResult {
    const gapMs = previous ? Date.parse(p.at) - Date.parse(previous.at) : 0;
    const gapClass = previous ? (GAP_STEPS.find(([min]) => gapMs >= min)?.[1] ?? 'gap-s') : 'first';
    const decision = DECISION_LOOK[p.decision];
    const verdict = verdictLook(p.verdictStatus, words);
    const skew = p.clockSkewMs !== null && Math.abs(p.clockSkewMs) >= NOTABLE_SKEW_MS ? words.duration(p.clockSkewMs) : '';
    const late = Date.parse(p.receivedAt) - Date.parse(p.at) >= NOTABLE_DELAY_MS;
    return html`<li class="passage ${gapClass}" part="passage" data-passage-id=${p.id}>
      ${previous ? html`<p class="gap" part="gap">${msg.gapAfter(words.duration(gapMs))}</p>` : nothing}
      <span class="marker ${p.direction}" aria-hidden="true">${DIRECTION_ICONS[p.direction]}</span>
      <div class="card">
        <p class="when"><time datetime=${p.at}>${formatDateTime(p.at, locale)}</time></p>
        <dl class="facts">
          <div><dt>${msg.checkpoint}</dt><dd class="mono"><bdi>${shownText(p.checkpointId, 64)}</bdi></dd></div>
          <div>
            <dt>${msg.direction}</dt>
            <dd class="direction ${p.direction}"><span aria-hidden="true">${DIRECTION_ICONS[p.direction]}</span> ${words.passageDirection[p.direction]}</dd>
          </div>
          <div>
            <dt>${msg.decision}</dt>
            <dd class="badge ${decision.tone}"><span aria-hidden="true">${decision.icon}</span> ${words.decision[p.decision]}</dd>
          </div>
          <div>
            <dt>${msg.verdict}</dt>
            <dd class="badge ${verdict.tone}"><span aria-hidden="true">${verdict.icon}</span> <bdi>${shownText(verdict.text, 64)}</bdi></dd>
          </div>
          <div><dt>${msg.officer}</dt><dd class="mono"><bdi>${shownText(p.officerId, 64)}</bdi></dd></div>
        </dl>
        ${late ? html`<p class="note">${msg.receivedLater(formatDateTime(p.receivedAt, locale))}</p>` : nothing}
        ${skew ? html`<p class="note warn"><span aria-hidden="true">${'⚠'}</span> ${msg.clockSkew(skew)}</p>` : nothing}
      </div>
    </li>`;
  }
}

/** Passages oldest first (a route given directly may not be sorted); ties keep their order. */
function sortedPassages(passages: readonly RoutePassage[]): RoutePassage[] {
  return [...passages].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function safeManualCode(passId: string): string {
  try {
    return manualCode(passId);
  } catch {
    return '';
  }
}

function problemOf(error: unknown): RouteProblem {
  if (error instanceof RouteInputError) return error.problem;
  // The portal's coded refusals of a person lookup.
  if (isApiError(error)) {
    if (error.status === 400 && error.serverCode === 'reason-required') return 'reason-required';
  }
  return requestProblem(error);
}
