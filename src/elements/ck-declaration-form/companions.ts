// The fieldset of one person travelling with the declarant: their own identity and health (the
// journey is the declarant's). Rendered with the form's own field renderers, so every control
// has the same labels, hints, errors and ARIA as the declarant's.

import { html, type TemplateResult } from 'lit';
import { GENDERS, ID_TYPES, SYMPTOMS, TEST_KINDS, TEST_RESULTS } from '../../core/declaration';
import { renderError, renderRadios, renderSelect, renderText, type ErrorMap, type FieldHost } from './fields';
import { DOSE_CHOICES, list, str } from './form-model';
import { companionPath, type CompanionField } from './group-model';

export interface CompanionContext {
  host: FieldHost;
  errors: ErrorMap;
  /** 'YYYY-MM-DD' in Vietnam. */
  today: string;
  onRemove: (index: number) => void;
}

export function renderCompanion(index: number, ctx: CompanionContext): TemplateResult {
  const { host, errors, today } = ctx;
  const { msg, values } = host;
  const fields = {
    text: renderText.bind(null, host),
    radios: renderRadios.bind(null, host),
    select: renderSelect.bind(null, host),
    error: renderError.bind(null, host),
  };
  const path = (field: CompanionField) => companionPath(index, field);
  const symptoms = new Set(list(values, path('health.symptoms')));
  const hasTest = str(values, path('health.testResult.result')) !== '';
  const hasDoses = str(values, path('vaccination.doses')) !== '';
  const legendId = `f-companions-${index}-legend`;
  return html`<fieldset class="section companion" part="section" aria-labelledby=${legendId}>
    <legend id=${legendId} part="label">${msg.companion(index + 1)}</legend>
    ${fields.text(path('fullName'), msg.fullName, errors)}
    ${fields.radios(path('idType'), msg.idType, ID_TYPES.map((t) => [t, msg.idTypes[t]]), errors)}
    ${fields.text(path('idNumber'), msg.idNumber, errors, {
      hint: msg.idNumberHint,
      inputmode: str(values, path('idType')) === 'passport' ? 'text' : 'numeric',
    })}
    ${fields.text(path('dateOfBirth'), msg.dateOfBirth, errors, { type: 'date', max: today })}
    ${fields.radios(path('gender'), msg.gender, GENDERS.map((g) => [g, msg.genders[g]]), errors)}
    ${fields.text(path('phone'), msg.phone, errors, { type: 'tel', inputmode: 'tel', optional: true, hint: msg.companionPhoneHint })}
    <fieldset class="field choices" part="field">
      <legend part="label">${msg.symptomsWhich} <span class="optional">(${msg.optional})</span></legend>
      <div class="options">
        ${SYMPTOMS.map(
          (s) => html`<label class="choice">
            <input
              type="checkbox"
              data-field=${path('health.symptoms')}
              value=${s}
              .checked=${symptoms.has(s)}
              @change=${host.onInput}
              @blur=${host.onBlur}
            />
            <span>${msg.symptomNames[s]}</span>
          </label>`,
        )}
      </div>
      ${fields.error(path('health.symptoms'), errors)}
    </fieldset>
    ${fields.radios(path('health.contactWithCase'), msg.contactWithCase, [['yes', msg.yes], ['no', msg.no]], errors)}
    ${fields.select(
      path('health.testResult.result'),
      msg.testResult,
      [['', msg.testResultNone], ...TEST_RESULTS.map((r): [string, string] => [r, msg.testResults[r]])],
      errors,
      true,
    )}
    ${hasTest
      ? html`${fields.text(path('health.testResult.date'), msg.testDate, errors, { type: 'date', max: today })}
        ${fields.select(
          path('health.testResult.kind'),
          msg.testKind,
          [['', msg.testKindAny], ...TEST_KINDS.map((k): [string, string] => [k, msg.testKinds[k]])],
          errors,
          true,
        )}`
      : ''}
    ${fields.select(
      path('vaccination.doses'),
      msg.doses,
      [['', msg.dosesNone], ...DOSE_CHOICES.map((n): [string, string] => [n, msg.doseCount(Number(n))])],
      errors,
      true,
    )}
    ${hasDoses ? fields.text(path('vaccination.lastDoseDate'), msg.lastDoseDate, errors, { type: 'date', max: today }) : ''}
    <div class="actions">
      <button type="button" class="button" part="button" data-ui="remove-companion" @click=${() => ctx.onRemove(index)}>
        ${msg.removeCompanion(index + 1)}
      </button>
    </div>
  </fieldset>`;
}
