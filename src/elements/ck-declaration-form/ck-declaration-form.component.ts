import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AdministrativeUnit } from '../../api/units';
import { vietnamDate } from '../../core/dates';
import type { Declaration } from '../../core/declaration';
import { DEFAULT_CITIZEN_DB, type CitizenDb, type DraftValues } from '../../store/citizen-db';
import { openCitizenDb } from '../../store/open';
import { LocalizeController } from '../shared/localize';
import styles from './ck-declaration-form.styles';
import { DraftController } from './controllers';
import { controlFor, IDENTITY_FIELDS, list, valuesFromDeclaration, type FieldPath } from './form-model';
import {
  addCompanion,
  allControls,
  companionCount,
  companionPath,
  MAX_COMPANIONS,
  parseCompanionPath,
  removeCompanion,
  validateForm,
  type ControlPath,
} from './group-model';
import { renderCompanion, type CompanionContext } from './companions';
import { type ErrorMap, type FieldHost } from './fields';
import { controlLabel, messages, type FormMessages } from './ck-declaration-form.messages';
import { PlaceUnits } from './place-units';
import { lockedValues, shownErrors, toggledSymptoms, withBadDate } from './view-model';
import { serverErrorText, type ServerErrors } from './submission-model';
import { SubmissionController, type Notice } from './submission-controller';
import { renderHealth, renderJourney, renderPerson, renderStatus, type PlaceContext } from './form-view';

export type {
  DeclarationErrorDetail,
  DeclarationErrorEvent,
  DeclarationSubmitDetail,
  DeclarationSubmitEvent,
  PassIssuedDetail,
  PassIssuedEvent,
} from './form-events';

/**
 * A movement declaration form: every field of the core's Declaration, validated by the core
 * (inline on blur and on submit, announced, focus to the first error), Vietnamese by default
 * with English at runtime (`lang`). Drafts autosave to IndexedDB; submissions go through an
 * IndexedDB outbox with a client idempotency key, so a declaration made offline waits for the
 * network, survives reloads and is sent exactly once.
 *
 * @fires ck-declaration-submit - Cancelable, before anything is sent. `detail: { declaration, formId }`.
 *   Call `preventDefault()` to take over submission entirely.
 * @fires ck-pass-issued - The server issued the pass. `detail: { qrText, passId }`.
 * @fires ck-declaration-error - A submission attempt failed (other than field errors, which land on
 *   their fields), or storage failed. `detail: { code, message, retryable, queued, status?, submissionId? }`.
 *
 * @csspart form - The `<form>`.
 * @csspart section - Each group of fields (personal, journey, health).
 * @csspart field - The wrapper of one field (label, control, hint, error).
 * @csspart label - Field labels and legends.
 * @csspart input - Text, date, tel inputs, selects and comboboxes.
 * @csspart hint - Help text under a field.
 * @csspart error - The error message of a field.
 * @csspart listbox - The popup list of a unit picker.
 * @csspart option - One option in that list.
 * @csspart status - The submission and draft status area.
 * @csspart health-advice - Health advice under the confirmation when the declaration carries symptoms, a contact or a positive test.
 * @csspart submit - The submit button.
 * @csspart button - The secondary buttons (send now, cancel).
 *
 * @cssprop --ck-color-fg - Text colour.
 * @cssprop --ck-color-bg - Background of inputs and the form.
 * @cssprop --ck-color-surface - Background of sections and the status area.
 * @cssprop --ck-color-border - Input borders.
 * @cssprop --ck-color-accent - Buttons, checked controls, focus.
 * @cssprop --ck-color-accent-fg - Text on accent.
 * @cssprop --ck-color-danger - Error text and invalid borders.
 * @cssprop --ck-color-warning - "Waiting for network" text.
 * @cssprop --ck-color-success - "Pass issued" text.
 * @cssprop --ck-focus-ring-color - Focus outline.
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-target-size - Minimum touch target (default 44px).
 * @cssprop --ck-font-family - Font stack.
 */
export class CkDeclarationForm extends LitElement {
  static override styles = styles;

  /** Base URL of the portal API; submissions go to `{api-base}/declarations`. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** Names this form's draft and submissions (several forms on one origin keep apart). */
  @property({ attribute: 'form-id' }) formId = 'default';

  /** IndexedDB database name (shared with `<ck-pass>` so issued passes are kept there). */
  @property({ attribute: 'store-name' }) storeName = DEFAULT_CITIZEN_DB;

  /** URL of the administrative units: a catalogue index.json (docs/units.md; each province's wards load when it is chosen) or a flat JSON array of `{ code, name, parentCode, level }`. */
  @property({ attribute: 'units-src' }) unitsSrc = '';

  /** Administrative units given directly (wins over `units-src`). */
  @property({ attribute: false }) units: AdministrativeUnit[] | undefined;

  /** Values the portal already knows (e.g. the logged-in identity). */
  @property({ attribute: false }) prefill: Partial<Declaration> | undefined;

  /** Show prefilled identity fields (name, ID type and number, date of birth, gender) read-only. */
  @property({ type: Boolean, attribute: 'prefill-readonly' }) prefillReadonly = false;

  @state() private values: DraftValues = {};
  @state() private touched = new Set<string>();
  @state() private serverErrors = new Map<ControlPath | '', { code: string; message?: string }>();
  @state() private badDates = new Set<string>();
  @state() private announcement = '';
  @state() private notice: Notice | undefined;
  @state() private draftSavedAt: number | undefined;
  /** "Some symptoms" chosen (the boxes also show whenever one is ticked, e.g. from a draft). */
  @state() private symptomsOpen = false;
  /** The health part of the declaration just issued, for the advice beside the confirmation. */
  @state() private issuedHealth: Declaration['health'] | undefined;

  #l10n = new LocalizeController<FormMessages>(this, messages);
  #db: CitizenDb | undefined;
  #edited = new Set<string>();

  #drafts = new DraftController(this, {
    db: () => this.#database,
    formId: () => this.formId,
    // Another form id or database: what was typed belongs to the previous draft (already flushed).
    onRetarget: () => this.#startAfresh(),
    onLoaded: (draft) => this.#applyDraft(draft),
    onSaved: (at) => {
      this.draftSavedAt = at;
    },
    onError: (error) => this.#submission.storageFailed(error),
  });

  #submission: SubmissionController = new SubmissionController(this, {
    db: () => this.#database,
    formId: () => this.formId,
    apiBase: () => this.apiBase,
    msg: () => this.#l10n.msg,
    drafts: this.#drafts,
    validate: () => this.#validateForSubmit(),
    onAttempt: () => {
      this.issuedHealth = undefined;
    },
    setNotice: (notice) => {
      this.notice = notice;
    },
    onIssued: (declaration, notice) => {
      this.#startAfresh();
      this.draftSavedAt = undefined; // the draft is gone with the declaration it was for
      this.issuedHealth = declaration.health;
      this.notice = notice;
    },
    onFieldErrors: (errors) => this.#showServerErrors(errors),
  });

  /** The units of the two places and their pickers. */
  #places = new PlaceUnits(this, {
    values: () => this.values,
    update: (changes) => this.#update(changes),
    touch: (path) => this.#touch(path),
  });

  get #database(): CitizenDb {
    if (this.#db?.name !== this.storeName) this.#db = openCitizenDb(this.storeName);
    return this.#db;
  }

  // ---- data -----------------------------------------------------------------------------------

  /** Codes not in the loaded unit set (the core only checks their shape). */
  #setErrors(): Map<FieldPath, string> {
    return this.#places.notInSet(this.values, this.#l10n.msg.notInUnitSet);
  }

  #prefillValues(): DraftValues {
    return this.prefill ? valuesFromDeclaration(this.prefill) : {};
  }

  #locked(path: ControlPath): boolean {
    return Object.hasOwn(this.#lockedValues(), path);
  }

  #lockedValues(): DraftValues {
    return lockedValues(this.#prefillValues(), this.prefillReadonly);
  }

  /** An empty form (but for what the portal gave). */
  #startAfresh(): void {
    this.#edited.clear();
    this.values = { ...this.#prefillValues(), ...this.#lockedValues() };
    this.symptomsOpen = false;
    this.touched = new Set();
    this.serverErrors = new Map();
  }

  #applyDraft(draft: DraftValues | undefined): void {
    // Keys typed before the draft arrived win over it; locked identity fields always come from the portal.
    const typed: DraftValues = {};
    for (const key of this.#edited) {
      const value = this.values[key];
      if (value !== undefined) typed[key] = value;
    }
    this.values = { ...this.#prefillValues(), ...draft, ...typed, ...this.#lockedValues() };
    if (draft && Object.keys(draft).length > 0) this.notice = { kind: 'info', text: this.#l10n.msg.draftRestored };
  }

  #update(changes: DraftValues): void {
    this.values = { ...this.values, ...changes };
    for (const key of Object.keys(changes)) {
      this.#edited.add(key);
      const base = key.split('#')[0] ?? key;
      const control = parseCompanionPath(base) ? (base as ControlPath) : controlFor(base);
      if (this.serverErrors.has(control) || this.serverErrors.has('')) {
        // A field's own server error goes when it is edited; a form-level one with any edit.
        this.serverErrors = new Map([...this.serverErrors].filter(([path]) => path !== control && path !== ''));
      }
    }
    this.#drafts.schedule(this.values);
  }

  // ---- validation -----------------------------------------------------------------------------

  /** Messages to show now: core errors on touched controls, refined by what only the UI knows. */
  #errors(all = false): ErrorMap {
    return shownErrors({
      values: this.values,
      shown: (path) => all || (path !== '' && this.touched.has(path)),
      badDates: this.badDates,
      setErrors: this.#setErrors(),
      serverErrors: this.serverErrors,
      msg: this.#l10n.msg,
      text: (code, message) => serverErrorText(code, message, this.#l10n.msg, this.#l10n.lang),
    });
  }

  #touch(path: ControlPath): void {
    if (!this.touched.has(path)) this.touched = new Set([...this.touched, path]);
    const error = this.#errors().get(path);
    if (error) this.announcement = `${controlLabel(this.#l10n.msg, path)}: ${error}`;
  }

  async #focusField(path: ControlPath | ''): Promise<void> {
    await this.updateComplete;
    if (path === '') return;
    const controls = [...this.renderRoot.querySelectorAll<HTMLElement>(`[data-field="${path}"]`)];
    const target = controls.find((c) => c instanceof HTMLInputElement && c.type === 'radio' && c.checked) ?? controls[0];
    target?.focus();
  }

  // ---- submission -----------------------------------------------------------------------------

  /** Validates and submits, as the submit button does. Resolves when the attempt is settled. */
  submit(): Promise<void> {
    return this.#submission.submit();
  }

  /** The declarations to send, or undefined after marking every error and focusing the first. */
  async #validateForSubmit(): Promise<Declaration[] | undefined> {
    const result = validateForm(this.values);
    const declarations = result.ok ? result.declarations : [];
    if (declarations.length > 0 && this.serverErrors.size === 0 && this.#setErrors().size === 0) return declarations;
    const controls = allControls(this.values);
    this.touched = new Set(controls);
    const errors = this.#errors(true);
    const first = controls.find((path) => errors.has(path)) ?? '';
    this.announcement = this.#l10n.msg.errorsSummary(errors.size);
    await this.#focusField(first);
    return undefined;
  }

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.submit();
  };

  #showServerErrors(errors: ServerErrors): void {
    this.serverErrors = errors;
    this.touched = new Set([...this.touched, ...[...errors.keys()].filter((k) => k !== '')]);
    const first = allControls(this.values).find((path) => errors.has(path));
    this.announcement = this.#l10n.msg.fieldsRejected;
    if (first) void this.#focusField(first);
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('prefill') || changed.has('prefillReadonly')) {
      this.values = { ...this.#prefillValues(), ...this.values, ...this.#lockedValues() };
    }
    // Codes restored from a draft or prefill get their unit names once the units are known.
    const names = this.#places.restoredNames(this.values);
    if (Object.keys(names).length > 0) this.values = { ...this.values, ...names };
  }

  protected override updated(): void {
    this.#places.scrollActiveIntoView();
  }

  // ---- rendering ------------------------------------------------------------------------------

  #onInput = (event: Event): void => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    const path = target.dataset.field as ControlPath | undefined;
    if (!path) return;
    if (target instanceof HTMLInputElement && target.type === 'checkbox') {
      this.#update({ [path]: toggledSymptoms(list(this.values, path), target.value, target.checked) });
      return;
    }
    this.#checkDate(target, path);
    if (target instanceof HTMLInputElement && target.type === 'radio' && !target.checked) return;
    this.#update({ [path]: target.value });
  };

  #fieldHost(): FieldHost {
    return {
      values: this.values,
      msg: this.#l10n.msg,
      locked: (path) => this.#locked(path),
      onInput: this.#onInput,
      onBlur: this.#onBlur,
    };
  }

  #onAddCompanion = (): void => {
    const changes = addCompanion(this.values);
    if (Object.keys(changes).length === 0) return;
    this.#update(changes);
    const n = companionCount(this.values);
    this.announcement = this.#l10n.msg.companionAdded(n);
    void this.#focusField(companionPath(n - 1, 'fullName'));
  };

  #onRemoveCompanion(index: number): void {
    this.values = removeCompanion(this.values, index);
    // Touched marks and errors of the later companions move up with them: start those afresh.
    this.touched = new Set([...this.touched].filter((path) => !parseCompanionPath(path)));
    this.serverErrors = new Map([...this.serverErrors].filter(([path]) => !parseCompanionPath(path)));
    this.#drafts.schedule(this.values);
    this.announcement = this.#l10n.msg.companionRemoved(index + 1);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-ui="add-companion"]')?.focus());
  }

  #onSymptomsAny = (event: Event): void => {
    const some = (event.target as HTMLInputElement).value === 'yes';
    this.symptomsOpen = some;
    if (!some && list(this.values, 'health.symptoms').length) this.#update({ 'health.symptoms': [] });
  };

  #onBlur = (event: Event): void => {
    const target = event.target as HTMLElement;
    const path = target.dataset.field as ControlPath | undefined;
    if (!path) return;
    this.#checkDate(target, path);
    this.#touch(path);
  };

  /** A date input with some segments typed has value '' and badInput: say so, not "required". */
  #checkDate(target: EventTarget, path: ControlPath): void {
    if (!(target instanceof HTMLInputElement) || target.type !== 'date') return;
    const next = withBadDate(this.badDates, path, target.validity.badInput);
    if (next) this.badDates = next;
  }

  protected override render(): TemplateResult {
    const msg = this.#l10n.msg;
    const errors = this.#errors();
    const today = vietnamDate(new Date());
    const host = this.#fieldHost();
    const formError = errors.get('');
    const locked = IDENTITY_FIELDS.some((path) => this.#locked(path));
    const places: PlaceContext = { host, errors, combo: this.#places.render, units: (province) => this.#places.unitsFor(province) };
    const companion: CompanionContext = { host, errors, today, onRemove: (index) => this.#onRemoveCompanion(index) };
    return html`
      <form part="form" novalidate aria-label=${msg.formLabel} @submit=${this.#onSubmit}>
        ${locked ? html`<p id="f-from-portal" class="hint portal">${msg.fromPortal}</p>` : nothing}
        ${renderPerson(host, errors, today)} ${renderJourney(places, today)}
        ${renderHealth({ host, errors, today, symptomsOpen: this.symptomsOpen, onSymptomsAny: this.#onSymptomsAny })}

        ${Array.from({ length: companionCount(this.values) }, (_, i) => renderCompanion(i, companion))}
        ${formError ? html`<p class="error form-error" part="error" role="alert">⚠ ${formError}</p>` : nothing}
        ${renderStatus({
          msg,
          lang: this.#l10n.lang,
          locale: this.#l10n.locale,
          submissions: this.#submission.submissions,
          online: this.#submission.online,
          notice: this.notice,
          draftSavedAt: this.draftSavedAt,
          issuedHealth: this.issuedHealth,
          onSendNow: () => void this.#submission.sendNow(),
          onCancel: () => void this.#submission.cancelPending(),
        })}
        <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
        <div class="actions">
          <button type="submit" class="button primary" part="submit">${msg.submit}</button>
          ${companionCount(this.values) < MAX_COMPANIONS
            ? html`<button type="button" class="button" part="button" data-ui="add-companion" aria-describedby="f-add-companion-hint" @click=${this.#onAddCompanion}>
                ${msg.addCompanion}
              </button>`
            : nothing}
        </div>
        <p id="f-add-companion-hint" class="hint" part="hint">${msg.addCompanionHint}</p>
      </form>
    `;
  }
}
