import { css } from 'lit';
import { tokens } from '../shared/tokens.styles';

export default [
  tokens,
  css`
    :host {
      display: block;
      max-width: 44rem;
      line-height: 1.5;
    }
    form {
      display: grid;
      gap: 1.25rem;
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    legend {
      padding: 0;
      font-weight: 600;
    }
    .section {
      display: grid;
      gap: 1rem;
      padding: 1rem;
      border: 1px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-surface);
    }
    .section > legend {
      float: left;
      width: 100%;
      margin-bottom: 0.25rem;
      font-size: 1.15em;
    }
    .place {
      display: grid;
      gap: 0.75rem;
    }
    .field {
      display: grid;
      gap: 0.25rem;
    }
    label {
      font-weight: 600;
    }
    .optional {
      font-weight: 400;
      color: var(--_ck-fg-muted);
    }
    input[type='text'],
    input[type='tel'],
    input[type='date'],
    input:not([type]),
    select {
      width: 100%;
      min-height: var(--_ck-target);
      padding: 0.5rem 0.75rem;
      border: 2px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
      color: var(--_ck-fg);
      font: inherit;
    }
    input[readonly] {
      border-style: dashed;
      background: var(--_ck-surface);
    }
    [aria-invalid='true'] {
      border-color: var(--_ck-danger);
      border-width: 3px;
    }
    .options {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
    }
    .choice {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      min-height: var(--_ck-target);
      padding-inline-end: 0.5rem;
      font-weight: 400;
      cursor: pointer;
    }
    .choice input {
      width: 1.35rem;
      height: 1.35rem;
      margin: 0;
      accent-color: var(--_ck-accent);
    }
    .hint {
      margin: 0;
      color: var(--_ck-fg-muted);
      font-size: 0.92em;
    }
    .error {
      margin: 0;
      color: var(--_ck-danger);
      font-weight: 600;
    }
    .error:empty {
      display: none;
    }
    .error-icon {
      margin-inline-end: 0.35em;
    }
    .combo {
      position: relative;
    }
    [role='listbox'] {
      position: absolute;
      z-index: 10;
      inset-inline: 0;
      max-height: 18rem;
      overflow-y: auto;
      margin: 0.25rem 0 0;
      padding: 0.25rem 0;
      list-style: none;
      border: 2px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
      box-shadow: 0 6px 18px rgb(0 0 0 / 25%);
    }
    [role='option'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 0.5rem;
      min-height: var(--_ck-target);
      padding: 0.35rem 0.75rem;
      cursor: pointer;
    }
    /* Active option: a thick inline-start bar and an outline as well as colour. */
    [role='option'][aria-selected='true'] {
      background: var(--_ck-accent);
      color: var(--_ck-accent-fg);
      outline: 2px solid var(--_ck-fg);
      outline-offset: -2px;
      box-shadow: inset 6px 0 0 var(--_ck-fg);
    }
    .detail {
      font-size: 0.88em;
      opacity: 0.85;
    }
    .health-advice {
      margin-block: 0.75rem;
      padding: 0.5rem 0.75rem;
      border-inline-start: 4px solid var(--ck-color-warning, #8a5a00);
      background: var(--ck-color-surface, transparent);
    }
    .health-advice h3 {
      margin: 0 0 0.25rem;
      font-size: 1rem;
    }
    .health-advice p {
      margin: 0.25rem 0;
    }
    .health-advice a {
      color: inherit;
      font-weight: 600;
    }
    .status {
      display: grid;
      gap: 0.5rem;
    }
    .status:empty {
      display: none;
    }
    .state,
    .draft {
      margin: 0;
    }
    .state {
      padding: 0.6rem 0.8rem;
      border-radius: var(--_ck-radius);
      border-inline-start: 6px solid currentColor;
      background: var(--_ck-surface);
      font-weight: 600;
    }
    .state.waiting,
    .state.sending,
    .state.info {
      color: var(--_ck-warning);
      background: var(--_ck-warning-bg);
    }
    .state.error {
      color: var(--_ck-danger);
      background: var(--_ck-danger-bg);
    }
    .state.success {
      color: var(--_ck-success);
      background: var(--_ck-success-bg);
    }
    .draft {
      color: var(--_ck-fg-muted);
      font-size: 0.92em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
    .portal {
      padding: 0.5rem 0.75rem;
      border: 1px dashed var(--_ck-border);
      border-radius: var(--_ck-radius);
    }
  `,
];
