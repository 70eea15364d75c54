import { css } from 'lit';
import { tokens } from '../shared/tokens.styles';
import { portalStyles } from '../shared/portal.styles';

export default [
  tokens,
  portalStyles,
  css`
    h3 {
      margin: 0;
      font-size: 1.1em;
    }
    fieldset {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      gap: 0.75rem 1rem;
      align-items: end;
      margin: 0;
      padding: 0.75rem 1rem;
      border: 2px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-surface);
    }
    legend,
    label {
      font-weight: 600;
    }
    .field {
      display: grid;
      gap: 0.25rem;
    }
    input[type='text'],
    input[type='number'] {
      width: 100%;
      box-sizing: border-box;
      min-height: var(--_ck-target);
      padding: 0.4em 0.6em;
      border: 2px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
      color: var(--_ck-fg);
      font: inherit;
    }
    input[aria-invalid='true'] {
      border-color: var(--_ck-danger);
    }
    input[type='checkbox'] {
      width: 1.4rem;
      height: 1.4rem;
      accent-color: var(--_ck-accent);
    }
    .case {
      display: grid;
      gap: 0.5rem;
    }
    .case-passage {
      display: inline-block;
      margin-inline-start: 0.75rem;
    }
    .group {
      display: grid;
      gap: 0.4rem;
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      padding: 0.4rem 0.5rem;
      border-bottom: 1px solid var(--_ck-border);
      text-align: start;
      vertical-align: top;
    }
    thead th {
      background: var(--_ck-surface);
      font-size: 0.9em;
    }
    tbody th {
      font-weight: 600;
    }
    .route {
      margin: 0;
      padding-inline-start: 1.2rem;
      font-size: 0.9em;
    }
    .delivery.good {
      padding: 0.5rem 0.75rem;
      border-inline-start: 8px solid var(--_ck-success);
      border-radius: var(--_ck-radius);
      background: var(--_ck-success-bg);
      color: var(--_ck-success);
      font-weight: 600;
    }
    a {
      color: var(--_ck-accent);
    }
  `,
];
