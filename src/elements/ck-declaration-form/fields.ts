// The form's field renderers: one labelled control with its hint and error, wired for ARIA
// (describedby, invalid, required) the same way for the declarant's and each companion's fields.
// Templates only; the element passes what they need (values, messages, locks, handlers).

import { html, nothing, type TemplateResult } from 'lit';
import type { DraftValues } from '../../store/citizen-db';
import type { FormMessages } from './ck-declaration-form.messages';
import { str } from './form-model';
import type { ControlPath } from './group-model';

export type ErrorMap = Map<ControlPath | '', string>;

/** What the renderers read from the element. */
export interface FieldHost {
  values: DraftValues;
  msg: FormMessages;
  locked(path: ControlPath): boolean;
  onInput: (event: Event) => void;
  onBlur: (event: Event) => void;
}

export function fieldId(path: string): string {
  return `f-${path.replace(/[.#]/g, '-')}`;
}

export function describedBy(host: FieldHost, path: ControlPath, hint: boolean): string {
  const id = fieldId(path);
  return [hint ? `${id}-hint` : '', host.locked(path) ? 'f-from-portal' : '', `${id}-error`].filter(Boolean).join(' ');
}

export function renderError(host: FieldHost, path: ControlPath, errors: ErrorMap): TemplateResult {
  const text = errors.get(path);
  return html`<p id="${fieldId(path)}-error" class="error" part="error">
    ${text
      ? html`<span class="error-icon" aria-hidden="true">⚠</span><span class="visually-hidden">${host.msg.errorLabel}: </span>${text}`
      : nothing}
  </p>`;
}

export function renderLabel(host: FieldHost, path: ControlPath, text: string, optional = false): TemplateResult {
  return html`<label id="${fieldId(path)}-label" for=${fieldId(path)} part="label"
    >${text}${optional ? html` <span class="optional">(${host.msg.optional})</span>` : nothing}</label
  >`;
}

export function renderText(
  host: FieldHost,
  path: ControlPath,
  label: string,
  errors: ErrorMap,
  options: { type?: string; autocomplete?: string; inputmode?: string; hint?: string; optional?: boolean; min?: string; max?: string } = {},
): TemplateResult {
  const invalid = errors.has(path);
  return html`<div class="field" part="field">
    ${renderLabel(host, path, label, options.optional)}
    <input
      id=${fieldId(path)}
      part="input"
      data-field=${path}
      type=${options.type ?? 'text'}
      autocomplete=${options.autocomplete ?? 'off'}
      inputmode=${options.inputmode ?? nothing}
      min=${options.min ?? nothing}
      max=${options.max ?? nothing}
      aria-required=${options.optional ? 'false' : 'true'}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${describedBy(host, path, Boolean(options.hint))}
      ?readonly=${host.locked(path)}
      .value=${str(host.values, path)}
      @input=${host.onInput}
      @blur=${host.onBlur}
    />
    ${options.hint ? html`<p id="${fieldId(path)}-hint" class="hint" part="hint">${options.hint}</p>` : nothing}
    ${renderError(host, path, errors)}
  </div>`;
}

export function renderRadios(host: FieldHost, path: ControlPath, legend: string, choices: readonly [string, string][], errors: ErrorMap): TemplateResult {
  const value = str(host.values, path);
  const locked = host.locked(path);
  const invalid = errors.has(path);
  return html`<fieldset
    class="field choices"
    part="field"
    role="radiogroup"
    aria-required="true"
    aria-invalid=${invalid ? 'true' : 'false'}
    aria-describedby=${describedBy(host, path, false)}
  >
    <legend part="label">${legend}</legend>
    <div class="options">
      ${choices.map(
        ([choice, text]) => html`<label class="choice">
          <input
            type="radio"
            name=${fieldId(path)}
            data-field=${path}
            value=${choice}
            .checked=${value === choice}
            ?disabled=${locked && value !== choice}
            @change=${host.onInput}
            @blur=${host.onBlur}
          />
          <span>${text}</span>
        </label>`,
      )}
    </div>
    ${renderError(host, path, errors)}
  </fieldset>`;
}

export function renderSelect(host: FieldHost, path: ControlPath, label: string, choices: readonly [string, string][], errors: ErrorMap, optional = false): TemplateResult {
  const value = str(host.values, path);
  return html`<div class="field" part="field">
    ${renderLabel(host, path, label, optional)}
    <select
      id=${fieldId(path)}
      part="input"
      data-field=${path}
      aria-required=${optional ? 'false' : 'true'}
      aria-invalid=${errors.has(path) ? 'true' : 'false'}
      aria-describedby=${describedBy(host, path, false)}
      @change=${host.onInput}
      @blur=${host.onBlur}
    >
      ${choices.map(([choice, text]) => html`<option value=${choice} ?selected=${choice === value}>${text}</option>`)}
    </select>
    ${renderError(host, path, errors)}
  </div>`;
}

