import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { CheckpointInfo } from '../../api/checkpoints';
import type { RoutePassage } from '../../api/contract';
import { EXPOSURE_WINDOW, fetchExposure, type ContactLink, type DeliveryResult, type Exposure, type ExposureContact } from '../../api/exposure';
import { isApiError } from '../../api/http';
import { LOOKUP_REASON, lookupReasonProblem } from '../../api/routes';
import type { AdministrativeUnit } from '../../api/units';
import { isPassId } from '../../core/claims';
import { toCsv } from '../../core/csv';
import { CheckpointRegistryController } from '../shared/checkpoint-registry-controller';
import { LiveRefreshController } from '../shared/live-refresh-controller';
import { LocalizeController } from '../shared/localize';
import { DownloadController, fileSafe } from '../shared/download-controller';
import { rerunOnReconnect, UnitsController } from '../shared/portal-controllers';
import {
  DECISION_LOOK, DIRECTION_ICONS, formatDateTime, formatTime, isAbort, portalWords, requestProblem, shownText, unitLabel,
  vietnamWallClock, type PortalWords,
} from '../shared/portal-text';
import styles from './ck-exposure.styles';
import { messages, type ExposureMessages, type ExposureProblem, type QueryProblem } from './ck-exposure.messages';
import { checkQuery, CONTACT_GROUPS, contactGroup, exposureCsvRows, linkGroup, orderedContacts, primaryLink, type ContactGroup } from './exposure-model';
import { DeliveryController } from './delivery-controller';

export interface ExposureLoadedDetail {
  passId: string;
  /** The exposure, or null when the portal knows neither the pass nor any passage of it. */
  exposure: Exposure | null;
}
export interface ExposureDeliveredDetail {
  casePassId: string;
  windowMinutes: number;
  delivered: DeliveryResult['delivered'];
}
export type ExposureLoadedEvent = CustomEvent<ExposureLoadedDetail>;
export type ExposureDeliveredEvent = CustomEvent<ExposureDeliveredDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-exposure-loaded': ExposureLoadedEvent;
    'ck-exposure-delivered': ExposureDeliveredEvent;
  }
}

/** A problem found before any request is made (wrong configuration or input). */
class ExposureInputError extends Error {
  constructor(readonly problem: ExposureProblem) {
    super(problem);
  }
}

interface Loaded {
  passId: string;
  windowMinutes: number;
  exposure: Exposure | null;
}

/**
 * Who was exposed to a case: from one pass id (the case), the portal's co-travellers (recorded
 * in the same vehicle at a checkpoint) and the people who passed the same checkpoint within
 * ±`window-minutes` (same direction first), each with their route and origin and destination
 * wards. The tracer exports the list as CSV and sends chosen contacts to the inboxes of their
 * wards as "contact to follow up". Loads from `{api-base}/exposure`, or shows an `exposure`
 * given directly; refreshes by itself (debounced) when the portal streams a new passage at one
 * of the case's checkpoints.
 *
 * The lookup names people, so it is audited: the element asks the tracer why (3–300
 * characters) unless `reason` is set, and sends it in `X-Lookup-Reason` with the query and with
 * each delivery. The portal's refusals are said in words.
 *
 * @fires ck-exposure-loaded - A query finished. `detail: { passId, exposure }` (`exposure` null: unknown pass).
 * @fires ck-exposure-delivered - Contacts were sent to their wards. `detail: { casePassId, windowMinutes, delivered }`.
 *
 * @csspart base - The whole view.
 * @csspart title - The heading.
 * @csspart query-form - The form for the case, the reason and the window.
 * @csspart input - Every text and number field of the form.
 * @csspart button - Every button.
 * @csspart case - The case summary.
 * @csspart actions - Export, selection and delivery buttons.
 * @csspart export-button - The CSV export button.
 * @csspart deliver-button - The "send to their wards" button.
 * @csspart group - One group of contacts (same vehicle, same direction, other direction).
 * @csspart table - A table of contacts.
 * @csspart contact - One contact row.
 * @csspart route - A contact's route (list of passages).
 * @csspart status - Loading, empty and not-found messages.
 * @csspart delivery - The result of a delivery.
 * @csspart error - An error message.
 * @csspart sign-in - The link to sign in, after a 401.
 *
 * @cssprop --ck-color-fg - Text colour.
 * @cssprop --ck-color-fg-muted - Secondary text.
 * @cssprop --ck-color-bg - Background.
 * @cssprop --ck-color-surface - Background of tables and boxes.
 * @cssprop --ck-color-border - Borders.
 * @cssprop --ck-color-accent - Buttons and focus.
 * @cssprop --ck-color-success - Delivered.
 * @cssprop --ck-color-danger - Errors.
 * @cssprop --ck-color-warning - Warnings.
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-target-size - Minimum touch target (default 44px).
 * @cssprop --ck-font-family - Font stack.
 */
export class CkExposure extends LitElement {
  static override styles = styles;

  /** The case's pass id. Also typed by the tracer in the form. */
  @property({ attribute: 'pass-id' }) passId = '';

  /** Base URL of the portal API. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** Minutes either side of each of the case's passages (1–120). */
  @property({ attribute: 'window-minutes', type: Number }) windowMinutes: number = EXPOSURE_WINDOW.default;

  /** An exposure given directly (no query is made while it is set; delivery still needs `api-base`). */
  @property({ attribute: false }) exposure: Exposure | undefined;

  /** Why the case is looked up (sent as `X-Lookup-Reason`). Cleared when `pass-id` changes. Kept in memory only. */
  @property({ attribute: false }) reason = '';

  /** Administrative units, to name wards. */
  @property({ attribute: false }) units: AdministrativeUnit[] | undefined;

  /** URL of the administrative units (catalogue index.json or a flat array). */
  @property({ attribute: 'units-src' }) unitsSrc = '';

  /** The checkpoint registry; loaded from `{api-base}/checkpoints` when not given. */
  @property({ attribute: false }) checkpoints: CheckpointInfo[] | undefined;

  /** Link to a contact's route; `{passId}` is replaced (e.g. `#/route/{passId}`). No link when empty. */
  @property({ attribute: 'route-href' }) routeHref = '';

  /** Where to sign in; linked when the portal answers 401. */
  @property({ attribute: 'login-href' }) loginHref = '';

  /** Do not follow the portal's passage stream. */
  @property({ type: Boolean, attribute: 'no-live' }) noLive = false;

  @state() private queryProblems: QueryProblem[] = [];
  @state() private selected = new Set<string>();

  #l10n = new LocalizeController<ExposureMessages>(this, messages);
  #downloads = new DownloadController(this);
  #units = new UnitsController(this);
  #registry = new CheckpointRegistryController(this, () => this.shownExposure !== undefined);
  #delivery = new DeliveryController(this, problemOf);

  #task = rerunOnReconnect(this, new Task(this, {
    task: async ([passId, apiBase, reason, windowMinutes], { signal }): Promise<Loaded | undefined> => {
      if (!passId) return undefined;
      if (!isPassId(passId)) throw new ExposureInputError('invalid-pass-id');
      if (!apiBase) throw new ExposureInputError('no-api-base');
      if (!reason || lookupReasonProblem(reason)) return undefined;
      return { passId, windowMinutes, exposure: await fetchExposure(apiBase, passId, { reason, windowMinutes, signal }) };
    },
    args: () => (this.exposure ? (['', '', '', 0] as const) : ([this.passId.trim(), this.apiBase, this.reason.trim(), this.#window()] as const)),
    onComplete: (loaded) => {
      if (loaded) void this.updateComplete.then(() => this.#announce(loaded));
    },
  }));

  // A passage at one of the case's checkpoints may add a contact: query again (debounced).
  #live = new LiveRefreshController(this, {
    apiBase: () => this.apiBase,
    enabled: () => !this.noLive && !this.exposure && !!this.#loaded()?.exposure,
    matters: (event) => this.#loaded()?.exposure?.case.passages.some((p) => p.checkpointId === event.checkpointId) ?? false,
    refresh: () => void this.#task.run(),
  });

  /** The exposure shown now (given or loaded); null for an unknown pass; undefined while none. */
  get shownExposure(): Exposure | null | undefined {
    if (this.exposure) return this.exposure;
    return this.#loaded()?.exposure;
  }

  /** The keys of the selected contacts, in list order. */
  get selectedKeys(): string[] {
    const exposure = this.shownExposure;
    return exposure ? orderedContacts(exposure.contacts).map((c) => c.key).filter((k) => this.selected.has(k)) : [];
  }

  set selectedKeys(keys: readonly string[]) {
    this.selected = new Set(keys);
  }

  /** The shown contacts as CSV (one row per contact and link; no BOM). Empty when nothing is shown. */
  toCsv(options: { bom?: boolean } = {}): string {
    const exposure = this.shownExposure;
    if (!exposure) return '';
    const msg = this.#l10n.msg;
    const words = portalWords[this.#l10n.lang];
    const units = this.#units.index();
    return toCsv(exposureCsvRows(exposure, {
      header: msg.csvHeader,
      group: msg.groups,
      direction: words.passageDirection,
      unitName: (code) => units.get(code)?.name ?? '',
      checkpointName: (id) => this.#registry.get(id)?.name ?? '',
      wallClock: vietnamWallClock,
    }), options);
  }

  /** Downloads the CSV (UTF-8 with BOM for Excel). */
  downloadCsv(): void {
    const exposure = this.shownExposure;
    if (!exposure) return;
    this.#downloads.save(`ck-exposure-${fileSafe(exposure.case.passId)}.csv`, this.toCsv({ bom: true }));
  }

  /** Sends the selected contacts to their wards' inboxes; resolves when the portal answered. */
  async deliverSelected(): Promise<void> {
    const exposure = this.shownExposure;
    if (!exposure) return;
    const result = await this.#delivery.deliver({
      apiBase: this.apiBase,
      reason: this.reason,
      casePassId: exposure.case.passId,
      windowMinutes: exposure.windowMinutes,
      keys: this.selectedKeys,
    });
    if (!result) return;
    this.dispatchEvent(new CustomEvent<ExposureDeliveredDetail>('ck-exposure-delivered', {
      detail: result,
      bubbles: true,
      composed: true,
    }));
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // A reason is for one case: another case asks again (unless the host set both at once).
    if (changed.has('passId') && changed.get('passId') !== undefined && !changed.has('reason')) this.reason = '';
    if (changed.has('passId') || changed.has('exposure')) {
      this.selected = new Set();
      this.#delivery.clear();
    }
  }

  #window(): number {
    const w = this.windowMinutes;
    return Number.isInteger(w) && w >= EXPOSURE_WINDOW.min && w <= EXPOSURE_WINDOW.max ? w : EXPOSURE_WINDOW.default;
  }

  #loaded(): Loaded | undefined {
    const value = this.#task.value;
    // Kept while a refresh runs; dropped once it is for another case.
    return value && value.passId === this.passId.trim() ? value : undefined;
  }

  #announce(loaded: Loaded): void {
    if (this.#task.value !== loaded || !this.isConnected) return;
    this.dispatchEvent(new CustomEvent<ExposureLoadedDetail>('ck-exposure-loaded', {
      detail: { passId: loaded.passId, exposure: loaded.exposure }, bubbles: true, composed: true,
    }));
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    const passId = field('pass-id').trim();
    const reason = field('reason').trim();
    const windowText = field('window').trim();
    const { problems, windowMinutes } = checkQuery(passId, reason, windowText);
    this.queryProblems = problems;
    if (problems.length) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const same = passId === this.passId.trim() && reason === this.reason && windowMinutes === this.windowMinutes;
    this.passId = passId;
    this.reason = reason;
    this.windowMinutes = windowMinutes;
    // The same query again (after a refusal or signing in): ask once more.
    if (same) void this.#task.run();
  }

  #toggle(key: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(key);
    else next.delete(key);
    this.selected = next;
    this.#delivery.clear();
  }

  #selectAll(contacts: readonly ExposureContact[], on: boolean): void {
    this.selected = on ? new Set(contacts.map((c) => c.key)) : new Set();
    this.#delivery.clear();
  }

  // ---- rendering ------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const msg = this.#l10n.msg;
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title" part="title">${msg.title}</h2>
      ${this.exposure ? nothing : this.#form(msg)}
      ${this.#body(msg)}
    </section>`;
  }

  #form(msg: ExposureMessages): TemplateResult {
    const problems = this.queryProblems;
    const reasonProblem = problems.find((p): p is 'too-short' | 'too-long' | 'control-character' => p !== 'pass-id' && p !== 'window');
    const field = (id: string, label: string, hint: string, problem: QueryProblem | undefined, input: TemplateResult) => html`<div class="field">
        <label for=${id}>${label}</label>
        <p id="${id}-hint" class="note">${hint}</p>
        ${input}
        ${problem ? html`<p id="${id}-problem" class="field-problem" role="alert">${msg.queryProblems[problem]}</p>` : nothing}
      </div>`;
    const described = (id: string, problem: unknown) => `${id}-hint${problem ? ` ${id}-problem` : ''}`;
    const passProblem = problems.includes('pass-id') ? 'pass-id' : undefined;
    const windowProblem = problems.includes('window') ? 'window' : undefined;
    return html`<form class="query" part="query-form" novalidate @submit=${(e: SubmitEvent) => this.#submit(e)}>
      <fieldset>
        <legend>${msg.queryLegend}</legend>
        ${field('pass-id', msg.passIdLabel, msg.passIdHint, passProblem, html`<input id="pass-id" name="pass-id" part="input" class="mono"
          type="text" autocomplete="off" spellcheck="false" required maxlength="64" .value=${this.passId}
          aria-describedby=${described('pass-id', passProblem)} aria-invalid=${passProblem ? 'true' : 'false'} />`)}
        ${field('reason', msg.reasonLabel, msg.reasonHint, reasonProblem, html`<input id="reason" name="reason" part="input" type="text"
          autocomplete="off" required maxlength=${LOOKUP_REASON.max} .value=${this.reason}
          aria-describedby=${described('reason', reasonProblem)} aria-invalid=${reasonProblem ? 'true' : 'false'} />`)}
        ${field('window', msg.windowLabel, msg.windowHint, windowProblem, html`<input id="window" name="window" part="input" type="number"
          inputmode="numeric" min=${EXPOSURE_WINDOW.min} max=${EXPOSURE_WINDOW.max} step="1" required .value=${String(this.#window())}
          aria-describedby=${described('window', windowProblem)} aria-invalid=${windowProblem ? 'true' : 'false'} />`)}
        <button type="submit" class="button primary" part="button">${msg.submit}</button>
      </fieldset>
    </form>`;
  }

  #body(msg: ExposureMessages): TemplateResult | typeof nothing {
    const exposure = this.shownExposure;
    const pending = !this.exposure && this.#task.status === TaskStatus.PENDING;
    if (exposure) {
      return html`${pending ? html`<p class="note" role="status">${msg.refreshing}</p>` : nothing}
        ${this.#task.status === TaskStatus.ERROR && !isAbort(this.#task.error) ? this.#error(msg) : nothing}
        ${this.#exposure(exposure, msg)}`;
    }
    if (!this.passId.trim() || !this.reason.trim()) return html`<p class="status" part="status">${msg.noPass}</p>`;
    if (exposure === null) return html`<p class="status" part="status" role="status">${msg.notFound}</p>`;
    if (this.#task.status === TaskStatus.ERROR && !isAbort(this.#task.error)) return this.#error(msg);
    return html`<p class="status loading" part="status" role="status">${msg.loading}</p>`;
  }

  #error(msg: ExposureMessages): TemplateResult {
    const problem = problemOf(this.#task.error);
    const retryable = !['no-api-base', 'invalid-pass-id', 'forbidden', 'reason-required', 'bad-request'].includes(problem);
    return html`<div class="error" part="error" role="alert">
      <p><span class="icon" aria-hidden="true">${'⚠'}</span> ${msg.problems[problem]}</p>
      ${problem === 'login-required' && this.loginHref
        ? html`<p><a class="button" part="sign-in" href=${this.loginHref}>${msg.signIn}</a></p>`
        : nothing}
      ${retryable
        ? html`<button type="button" class="button" part="button" @click=${() => void this.#task.run()}>${msg.retry}</button>`
        : nothing}
    </div>`;
  }

  #exposure(exposure: Exposure, msg: ExposureMessages): TemplateResult {
    const words = portalWords[this.#l10n.lang];
    const index = this.#units.index();
    const place = (unit: string | null) => (unit ? unitLabel(unit, index, words) : msg.unknownUnit);
    const contacts = orderedContacts(exposure.contacts);
    const groups = new Map<ContactGroup, ExposureContact[]>(CONTACT_GROUPS.map((g) => [g, []]));
    for (const contact of contacts) groups.get(contactGroup(contact))?.push(contact);
    const c = exposure.case;
    const selectedCount = this.selectedKeys.length;
    return html`<div class="case" part="case">
        <h3>${msg.caseHeading}</h3>
        <dl class="summary">
          <div><dt>${msg.person}</dt><dd><bdi>${c.person ? shownText(c.person.fullName) : msg.unknownPerson}</bdi></dd></div>
          <div><dt>${msg.passId}</dt><dd class="mono"><bdi>${shownText(c.passId, 64)}</bdi></dd></div>
          <div>
            <dt>${msg.declaredRoute}</dt>
            <dd><bdi>${place(c.originUnit)}</bdi> <span aria-hidden="true">→</span><span class="visually-hidden">,</span>
              <bdi>${place(c.destinationUnit)}</bdi></dd>
          </div>
        </dl>
        <p class="note">${msg.casePassages(c.passages.length)}
          ${c.passages.map((p) => html`<span class="case-passage">${this.#passageText(p, words)}</span>`)}</p>
        <p role="status">${msg.summary(contacts.length, exposure.windowMinutes)}</p>
        ${exposure.truncated ? html`<p class="note warn"><span aria-hidden="true">${'⚠'}</span> ${msg.truncated}</p>` : nothing}
        <p class="note">${msg.timeZoneNote} ${this.#live.state === 'open' ? msg.live : ''}</p>
      </div>
      ${contacts.length === 0
        ? html`<p class="status" part="status">${msg.noContacts}</p>`
        : html`<div class="actions" part="actions">
              <button type="button" class="button" part="button export-button" @click=${() => this.downloadCsv()}>
                <span aria-hidden="true">${'⤓'}</span> ${msg.exportCsv}
              </button>
              <button type="button" class="button" part="button" @click=${() => this.#selectAll(contacts, true)}>${msg.selectAll}</button>
              <button type="button" class="button" part="button" @click=${() => this.#selectAll(contacts, false)}>${msg.selectNone}</button>
              <button type="button" class="button primary" part="button deliver-button" aria-describedby="delivery"
                ?disabled=${this.#delivery.state.state === 'sending'} @click=${() => void this.deliverSelected()}>
                <span aria-hidden="true">${'➜'}</span> ${this.#delivery.state.state === 'sending' ? msg.delivering : msg.deliver(selectedCount)}
              </button>
            </div>
            <div id="delivery" class="delivery-slot" aria-live="polite">${this.#deliveryNote(msg)}</div>
            ${CONTACT_GROUPS.map((g) => this.#group(g, groups.get(g) ?? [], msg, words))}`}`;
  }

  #deliveryNote(msg: ExposureMessages): TemplateResult | typeof nothing {
    const d = this.#delivery.state;
    switch (d.state) {
      case 'done':
        return html`<p class="delivery good" part="delivery"><span aria-hidden="true">${'✓'}</span> ${msg.delivered(d.people, d.wards)}</p>`;
      case 'failed':
        return html`<div class="error" part="delivery error"><p><span aria-hidden="true">${'⚠'}</span> ${msg.deliverProblems[d.problem]}</p>
          ${d.problem === 'login-required' && this.loginHref ? html`<p><a class="button" part="sign-in" href=${this.loginHref}>${msg.signIn}</a></p>` : nothing}</div>`;
      case 'none-selected':
        return html`<p class="note warn" part="delivery">${msg.deliverNone}</p>`;
      default:
        return nothing;
    }
  }

  #group(group: ContactGroup, contacts: readonly ExposureContact[], msg: ExposureMessages, words: PortalWords): TemplateResult {
    const id = `group-${group}`;
    // The table's scrollable region carries the group's name (one landmark per group, not two).
    return html`<div class="group ${group}" part="group" data-group=${group}>
      <h3 id=${id}>${msg.groups[group]} <span class="count">(${contacts.length})</span></h3>
      <p class="note">${msg.groupHint[group]}</p>
      ${contacts.length === 0
        ? html`<p class="note">${msg.groupEmpty}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby=${id}><table part="table" aria-labelledby=${id}>
            <thead><tr>
              <th scope="col"><span class="visually-hidden">${msg.select}</span></th>
              <th scope="col">${msg.contact}</th>
              <th scope="col">${msg.met}</th>
              <th scope="col">${msg.origin}</th>
              <th scope="col">${msg.destination}</th>
              <th scope="col">${msg.route}</th>
            </tr></thead>
            <tbody>${contacts.map((c) => this.#contact(c, msg, words))}</tbody>
          </table></div>`}
    </div>`;
  }

  #contact(contact: ExposureContact, msg: ExposureMessages, words: PortalWords): TemplateResult {
    const index = this.#units.index();
    const who = contact.person ? shownText(contact.person.fullName) : (contact.manualCode ?? shownText(contact.key, 64));
    const link = primaryLink(contact);
    const boxId = `select-${contact.key}`;
    const href = this.routeHref && contact.passId ? this.routeHref.replaceAll('{passId}', encodeURIComponent(contact.passId)) : '';
    return html`<tr part="contact" data-key=${contact.key}>
      <td><input type="checkbox" id=${boxId} .checked=${this.selected.has(contact.key)} aria-label=${msg.selectContact(who)}
        @change=${(e: Event) => this.#toggle(contact.key, (e.target as HTMLInputElement).checked)} /></td>
      <th scope="row">
        <bdi class="who">${who}</bdi>
        ${contact.passId ? html`<br /><span class="mono note"><bdi>${shownText(contact.passId, 64)}</bdi></span>` : nothing}
        ${contact.manualCode && contact.person ? html`<br /><span class="mono note">${msg.manualCode}: ${contact.manualCode}</span>` : nothing}
      </th>
      <td>${link ? this.#linkText(link, msg, words) : '—'}</td>
      <td><bdi>${unitLabel(contact.originUnit, index, words)}</bdi></td>
      <td><bdi>${unitLabel(contact.destinationUnit, index, words)}</bdi></td>
      <td>
        <ol class="route" part="route">
          ${[...contact.route].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((p) => html`<li>${this.#passageText(p, words)}</li>`)}
        </ol>
        ${href ? html`<a href=${href}>${msg.openRoute}<span class="visually-hidden">: ${who}</span></a>` : nothing}
      </td>
    </tr>`;
  }

  #checkpointName(id: string): string {
    const info = this.#registry.get(id);
    return info ? shownText(info.road ? `${info.name} (${info.road})` : info.name) : shownText(id, 64);
  }

  #linkText(link: ContactLink, msg: ExposureMessages, words: PortalWords): TemplateResult {
    return html`<span class="met">
      <bdi>${this.#checkpointName(link.checkpointId)}</bdi>,
      <time datetime=${link.at}>${formatDateTime(link.at, this.#l10n.locale)}</time>,
      <span aria-hidden="true">${DIRECTION_ICONS[link.direction]}</span> ${words.passageDirection[link.direction]},
      ${linkGroup(link) === 'co-traveller' ? msg.sameVehicle : msg.minutesApart(link.minutesApart)}
    </span>`;
  }

  #passageText(p: RoutePassage, words: PortalWords): TemplateResult {
    const decision = DECISION_LOOK[p.decision];
    return html`<time datetime=${p.at}>${formatTime(p.at, this.#l10n.locale)}</time>
      <bdi>${this.#checkpointName(p.checkpointId)}</bdi>
      <span aria-hidden="true">${DIRECTION_ICONS[p.direction]}</span> ${words.passageDirection[p.direction]}
      <span class="badge ${decision.tone}"><span aria-hidden="true">${decision.icon}</span> ${words.decision[p.decision]}</span>`;
  }
}

function problemOf(error: unknown): ExposureProblem {
  if (error instanceof ExposureInputError) return error.problem;
  if (isApiError(error)) {
    if (error.status === 401) return 'login-required';
    if (error.status === 403) return 'forbidden';
    if (error.status === 400) return error.serverCode === 'reason-required' ? 'reason-required' : 'bad-request';
  }
  return requestProblem(error);
}
