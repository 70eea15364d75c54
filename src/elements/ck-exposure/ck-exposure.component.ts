import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { CheckpointInfo } from '../../api/checkpoints';
import { EXPOSURE_WINDOW, fetchExposure, type DeliveryResult, type Exposure, type ExposureContact } from '../../api/exposure';
import { lookupReasonProblem } from '../../api/routes';
import type { AdministrativeUnit } from '../../api/units';
import { isPassId } from '../../core/claims';
import { toCsv } from '../../core/csv';
import { CheckpointRegistryController } from '../shared/checkpoint-registry-controller';
import { LiveRefreshController } from '../shared/live-refresh-controller';
import { LocalizeController } from '../shared/localize';
import { DownloadController, fileSafe } from '../shared/download-controller';
import { rerunOnReconnect, UnitsController } from '../shared/portal-controllers';
import { isAbort, portalWords, vietnamWallClock } from '../shared/portal-text';
import styles from './ck-exposure.styles';
import { messages, type ExposureMessages, type QueryProblem } from './ck-exposure.messages';
import { checkQuery, exposureCsvRows, ExposureInputError, orderedContacts, problemOf, windowOrDefault } from './exposure-model';
import { renderError, renderExposure, renderQueryForm, type ExposureView } from './exposure-view';
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
    return windowOrDefault(this.windowMinutes);
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

  // ---- rendering (./exposure-view.ts) ---------------------------------------------------------

  protected override render(): TemplateResult {
    const msg = this.#l10n.msg;
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title" part="title">${msg.title}</h2>
      ${this.exposure ? nothing : renderQueryForm({
        msg, problems: this.queryProblems, passId: this.passId, reason: this.reason, windowMinutes: this.#window(),
        submit: (e) => this.#submit(e),
      })}
      ${this.#body(msg)}
    </section>`;
  }

  #body(msg: ExposureMessages): TemplateResult | typeof nothing {
    const exposure = this.shownExposure;
    const pending = !this.exposure && this.#task.status === TaskStatus.PENDING;
    if (exposure) {
      return html`${pending ? html`<p class="note" role="status">${msg.refreshing}</p>` : nothing}
        ${this.#task.status === TaskStatus.ERROR && !isAbort(this.#task.error) ? this.#error(msg) : nothing}
        ${renderExposure(this.#view(msg), exposure)}`;
    }
    if (!this.passId.trim() || !this.reason.trim()) return html`<p class="status" part="status">${msg.noPass}</p>`;
    if (exposure === null) return html`<p class="status" part="status" role="status">${msg.notFound}</p>`;
    if (this.#task.status === TaskStatus.ERROR && !isAbort(this.#task.error)) return this.#error(msg);
    return html`<p class="status loading" part="status" role="status">${msg.loading}</p>`;
  }

  #error(msg: ExposureMessages): TemplateResult {
    return renderError(msg, problemOf(this.#task.error), this.loginHref, () => void this.#task.run());
  }

  #view(msg: ExposureMessages): ExposureView {
    return {
      msg,
      words: portalWords[this.#l10n.lang],
      locale: this.#l10n.locale,
      units: this.#units.index(),
      routeHref: this.routeHref,
      loginHref: this.loginHref,
      live: this.#live.state === 'open',
      delivery: this.#delivery.state,
      selectedCount: this.selectedKeys.length,
      isSelected: (key) => this.selected.has(key),
      checkpoint: (id) => this.#registry.get(id),
      toggle: (key, on) => this.#toggle(key, on),
      selectAll: (contacts, on) => this.#selectAll(contacts, on),
      downloadCsv: () => this.downloadCsv(),
      deliver: () => void this.deliverSelected(),
    };
  }
}
