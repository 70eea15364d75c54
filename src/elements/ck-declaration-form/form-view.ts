// The declarant's sections of the form (person, journey with its two places, health) and the
// status area, as templates. The element passes what they need (values, messages, handlers, the
// unit pickers); what they say is decided in view-model.ts.

import { html, nothing, type TemplateResult } from 'lit';
import { GENDERS, ID_TYPES, PURPOSES, SYMPTOMS, TEST_KINDS, TEST_RESULTS, type Declaration } from '../../core/declaration';
import type { OutboxEntry } from '../../store/citizen-db';
import type { Lang } from '../shared/localize';
import { renderHealthAdvice } from '../shared/health-advice';
import { fieldId, renderError, renderLabel, renderRadios, renderSelect, renderText, type ErrorMap, type FieldHost } from './fields';
import { DOSE_CHOICES, list, str } from './form-model';
import type { ComboboxView } from './unit-combobox';
import { pendingSubmission, submissionLine, unitHint, type UnitHintInput } from './view-model';

export type Place = 'origin' | 'destination';

export type ComboPath = `${Place}.${'provinceCode' | 'unitCode'}`;

/** One unit picker, rendered by the element's combobox for that path. */
export type RenderCombo = (path: ComboPath, view: ComboboxView) => TemplateResult;

export function renderPerson(host: FieldHost, errors: ErrorMap, today: string): TemplateResult {
  const { msg, values } = host;
  return html`<fieldset class="section" part="section">
    <legend part="label">${msg.sectionPerson}</legend>
    ${renderText(host, 'fullName', msg.fullName, errors, { autocomplete: 'name' })}
    ${renderRadios(host, 'idType', msg.idType, ID_TYPES.map((t) => [t, msg.idTypes[t]]), errors)}
    ${renderText(host, 'idNumber', msg.idNumber, errors, {
      hint: msg.idNumberHint,
      inputmode: str(values, 'idType') === 'passport' ? 'text' : 'numeric',
    })}
    ${renderText(host, 'dateOfBirth', msg.dateOfBirth, errors, { type: 'date', autocomplete: 'bday', max: today })}
    ${renderRadios(host, 'gender', msg.gender, GENDERS.map((g) => [g, msg.genders[g]]), errors)}
    ${renderText(host, 'phone', msg.phone, errors, { type: 'tel', autocomplete: 'tel', inputmode: 'tel', hint: msg.phoneHint })}
  </fieldset>`;
}

export interface PlaceContext {
  host: FieldHost;
  errors: ErrorMap;
  combo: RenderCombo;
  /** Everything about the place's province and its wards but the province itself. */
  units: (province: string) => Omit<UnitHintInput, 'province'> & { asOf: string };
}

export function renderPlace(place: Place, ctx: PlaceContext): TemplateResult {
  const { host, errors } = ctx;
  const msg = host.msg;
  const provincePath = `${place}.provinceCode` as const;
  const unitPath = `${place}.unitCode` as const;
  const province = str(host.values, provincePath);
  const units = ctx.units(province);
  const hint = {
    'pick-province-first': msg.unitPickProvinceFirst,
    choose: `${msg.unitHint}${units.asOf ? ` ${msg.unitsAsOf(units.asOf)}` : ''}`,
    loading: msg.unitLoading,
    'no-list': msg.unitHintNoList,
  }[unitHint({ province, ...units })];
  const combo = (path: typeof provincePath | typeof unitPath, label: string, hintText: string) => html`<div class="field" part="field">
    ${renderLabel(host, path, label)}
    ${ctx.combo(path, {
      label,
      hint: hintText,
      errorId: `${fieldId(path)}-error`,
      invalid: errors.has(path),
      readonly: false,
      disabled: false,
      resultsText: msg.resultsCount,
    })}
    ${renderError(host, path, errors)}
  </div>`;
  return html`<fieldset class="place" part="section">
    <legend part="label">${msg[place]}</legend>
    ${combo(provincePath, msg.province, msg.provinceHint)} ${combo(unitPath, msg.unit, hint)}
    ${renderText(host, `${place}.address`, msg.address, errors, {
      autocomplete: place === 'origin' ? 'street-address' : 'off',
      hint: msg.addressHint,
    })}
  </fieldset>`;
}

export function renderJourney(ctx: PlaceContext, today: string): TemplateResult {
  const { host, errors } = ctx;
  const { msg, values } = host;
  return html`<fieldset class="section" part="section">
    <legend part="label">${msg.sectionJourney}</legend>
    ${renderPlace('origin', ctx)} ${renderPlace('destination', ctx)}
    ${renderText(host, 'departureDate', msg.departureDate, errors, { type: 'date', min: today })}
    ${renderText(host, 'returnDate', msg.returnDate, errors, {
      type: 'date',
      optional: true,
      min: str(values, 'departureDate') || today,
    })}
    ${renderSelect(host, 'purpose', msg.purpose, [['', msg.choose], ...PURPOSES.map((p): [string, string] => [p, msg.purposes[p]])], errors)}
    ${str(values, 'purpose') === 'other' ? renderText(host, 'purposeNote', msg.purposeNote, errors) : nothing}
    ${renderText(host, 'vehiclePlate', msg.vehiclePlate, errors, { optional: true, hint: msg.vehiclePlateHint })}
  </fieldset>`;
}

export interface HealthContext {
  host: FieldHost;
  errors: ErrorMap;
  today: string;
  /** "Some symptoms" chosen (the boxes also show whenever one is ticked). */
  symptomsOpen: boolean;
  onSymptomsAny: (event: Event) => void;
}

export function renderHealth(ctx: HealthContext): TemplateResult {
  const { host, errors, today } = ctx;
  const { msg, values } = host;
  const symptoms = new Set(list(values, 'health.symptoms'));
  // One "none / some" choice first: the six boxes are focus stops only for those who had one.
  const showSymptoms = ctx.symptomsOpen || symptoms.size > 0;
  return html`<fieldset class="section" part="section">
    <legend part="label">${msg.sectionHealth}</legend>
    <fieldset class="field choices" part="field" role="radiogroup" aria-describedby="${fieldId('health.symptoms')}-hint">
      <legend part="label">${msg.symptoms} <span class="optional">(${msg.optional})</span></legend>
      <p id="${fieldId('health.symptoms')}-hint" class="hint" part="hint">${msg.symptomsHint}</p>
      <div class="options">
        ${(['no', 'yes'] as const).map(
          (choice) => html`<label class="choice">
            <input
              type="radio"
              name=${`${fieldId('health.symptoms')}-any`}
              data-ui="symptoms-any"
              value=${choice}
              .checked=${(choice === 'yes') === showSymptoms}
              @change=${ctx.onSymptomsAny}
            />
            <span>${choice === 'yes' ? msg.symptomsSome : msg.symptomsNone}</span>
          </label>`,
        )}
      </div>
    </fieldset>
    ${showSymptoms
      ? html`<fieldset class="field choices" part="field" aria-describedby="${fieldId('health.symptoms')}-error">
          <legend part="label">${msg.symptomsWhich}</legend>
          <div class="options">
            ${SYMPTOMS.map(
              (s) => html`<label class="choice">
                <input type="checkbox" data-field="health.symptoms" value=${s} .checked=${symptoms.has(s)} @change=${host.onInput} @blur=${host.onBlur} />
                <span>${msg.symptomNames[s]}</span>
              </label>`,
            )}
          </div>
          ${renderError(host, 'health.symptoms', errors)}
        </fieldset>`
      : nothing}
    ${renderRadios(host, 'health.contactWithCase', msg.contactWithCase, [['yes', msg.yes], ['no', msg.no]], errors)}
    ${renderSelect(host, 'health.testResult.result', msg.testResult, [['', msg.testResultNone], ...TEST_RESULTS.map((r): [string, string] => [r, msg.testResults[r]])], errors, true)}
    ${str(values, 'health.testResult.result') !== ''
      ? html`${renderText(host, 'health.testResult.date', msg.testDate, errors, { type: 'date', max: today })}
        ${renderSelect(host, 'health.testResult.kind', msg.testKind, [['', msg.testKindAny], ...TEST_KINDS.map((k): [string, string] => [k, msg.testKinds[k]])], errors, true)}`
      : nothing}
    ${renderSelect(host, 'vaccination.doses', msg.doses, [['', msg.dosesNone], ...DOSE_CHOICES.map((n): [string, string] => [n, msg.doseCount(Number(n))])], errors, true)}
    ${str(values, 'vaccination.doses') !== ''
      ? renderText(host, 'vaccination.lastDoseDate', msg.lastDoseDate, errors, { type: 'date', max: today })
      : nothing}
  </fieldset>`;
}

export interface StatusContext {
  msg: FieldHost['msg'];
  lang: Lang;
  locale: string;
  submissions: readonly OutboxEntry[] | undefined;
  online: boolean;
  notice: { kind: 'info' | 'error' | 'success'; text: string } | undefined;
  draftSavedAt: number | undefined;
  /** The health part of the declaration just issued, for the advice beside the confirmation. */
  issuedHealth: Declaration['health'] | undefined;
  onSendNow: () => void;
  onCancel: () => void;
}

export function renderStatus(ctx: StatusContext): TemplateResult {
  const { msg, notice } = ctx;
  const time = (at: number) => new Intl.DateTimeFormat(ctx.locale, { hour: '2-digit', minute: '2-digit' }).format(at);
  const reason = (code: string) => (code === '' ? '' : msg.errorCodes[code] ?? code);
  const state = submissionLine(ctx.submissions, ctx.online, notice?.kind === 'error');
  const pending = pendingSubmission(ctx.submissions);
  const line =
    state.kind === 'sending'
      ? html`<p class="state sending"><span aria-hidden="true">⏳</span> ${msg.statusSending}</p>`
      : state.kind === 'waiting-offline' || state.kind === 'waiting-retry'
        ? html`<p class="state waiting">
            <span aria-hidden="true">⏸</span>
            ${state.kind === 'waiting-offline' ? msg.waitingOffline : msg.waitingRetry(time(state.at), reason(state.errorCode))}
          </p>`
        : state.kind === 'fields-rejected' || state.kind === 'failed'
          ? html`<p class="state error"><span aria-hidden="true">⚠</span> ${state.kind === 'fields-rejected' ? msg.fieldsRejected : msg.failed(reason(state.errorCode))}</p>`
          : nothing;
  // Only the state and notices are live; buttons and the autosave time stay out of the live
  // region so that saving a draft is not announced on every pause in typing.
  return html`<div class="status" part="status">
    <div role="status">
      ${line}
      ${notice
        ? html`<p class="state ${notice.kind}">
            <span aria-hidden="true">${notice.kind === 'error' ? '⚠' : notice.kind === 'success' ? '✓' : 'ℹ'}</span> ${notice.text}
          </p>`
        : nothing}
    </div>
    ${notice?.kind === 'success' ? renderHealthAdvice(ctx.issuedHealth, ctx.lang) : nothing}
    ${pending && pending.state !== 'sending'
      ? html`<div class="actions">
          <button type="button" class="button" part="button" @click=${ctx.onSendNow}>${msg.sendNow}</button>
          <button type="button" class="button" part="button" @click=${ctx.onCancel}>${msg.cancelSending}</button>
        </div>`
      : nothing}
    ${ctx.draftSavedAt ? html`<p class="draft">${msg.draftSaved(time(ctx.draftSavedAt))}</p>` : nothing}
  </div>`;
}
