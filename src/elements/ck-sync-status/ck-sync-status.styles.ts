import { css } from 'lit';
import { tokens } from '../shared/tokens.styles';

export default [
  tokens,
  css`
    :host {
      display: block;
      line-height: 1.4;
    }
    section {
      display: grid;
      gap: 0.6rem;
      /* Server words (error codes up to 100 characters) wrap instead of widening the box. */
      overflow-wrap: anywhere;
      padding: 0.75rem 1rem;
      border: 1px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-surface);
    }
    h2 {
      margin: 0;
      font-size: 1em;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem 1.25rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
    }
    .icon {
      display: inline-block;
      min-width: 1.2em;
      text-align: center;
      font-weight: 700;
    }
    .ok .icon {
      color: var(--_ck-success);
    }
    .bad {
      font-weight: 600;
    }
    .bad .icon {
      color: var(--_ck-danger);
    }
    .warning {
      margin: 0;
      padding: 0.5rem 0.75rem;
      border-inline-start: 6px solid var(--_ck-warning);
      background: var(--_ck-warning-bg);
      border-radius: var(--_ck-radius);
    }
    .warning.danger {
      border-color: var(--_ck-danger);
      background: var(--_ck-danger-bg);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
    }
    progress {
      inline-size: 10rem;
      block-size: 0.75rem;
      accent-color: var(--_ck-accent);
    }
    .outcome {
      margin: 0;
      min-height: 1.4em;
    }
    .link {
      min-height: var(--_ck-target);
      padding: 0 0.5em;
      border: 0;
      background: none;
      color: var(--_ck-accent);
      font: inherit;
      text-decoration: underline;
      cursor: pointer;
    }
    .quarantine {
      display: grid;
      gap: 0.5rem;
      padding-top: 0.5rem;
      border-top: 1px solid var(--_ck-border);
    }
    .quarantine h3 {
      margin: 0;
      font-size: 1em;
    }
    .quarantine p {
      margin: 0;
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.95em;
    }
    th,
    td {
      padding: 0.3rem 0.5rem;
      border-bottom: 1px solid var(--_ck-border);
      text-align: start;
      vertical-align: top;
    }
    td.reason {
      overflow-wrap: anywhere;
    }
    code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    }
  `,
];
