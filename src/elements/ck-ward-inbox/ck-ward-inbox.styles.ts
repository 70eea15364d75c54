import { css } from 'lit';
import { portalStyles } from '../ck-route/portal.styles';
import { tokens } from '../shared/tokens.styles';

export default [
  tokens,
  portalStyles,
  css`
    :host {
      display: block;
      line-height: 1.45;
    }
    section {
      display: grid;
      gap: 0.75rem;
      padding: 1rem;
      border: 2px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
      min-width: 0;
    }
    .header {
      display: grid;
      gap: 0.25rem;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0.75rem 1rem;
    }
    .segmented {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin: 0;
      padding: 0;
      border: 0;
    }
    .segmented legend {
      margin-bottom: 0.25rem;
      padding: 0;
      color: var(--_ck-fg-muted);
      font-size: 0.9em;
    }
    .choice {
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
      min-height: var(--_ck-target);
      padding: 0 0.9em;
      border: 2px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      cursor: pointer;
    }
    .choice:has(input:checked) {
      border-color: var(--_ck-accent);
      background: var(--_ck-surface);
      font-weight: 700;
    }
    .choice input {
      width: 1.1em;
      height: 1.1em;
      margin: 0;
      accent-color: var(--_ck-accent);
    }
    .filter {
      display: grid;
      gap: 0.25rem;
      flex: 1 1 14rem;
      color: var(--_ck-fg-muted);
      font-size: 0.9em;
    }
    .filter input {
      min-height: var(--_ck-target);
      padding: 0.4em 0.6em;
      border: 2px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
      color: var(--_ck-fg);
      font: inherit;
      font-size: 1rem;
    }
    .filter input::placeholder {
      color: var(--_ck-fg-muted);
    }
    .count {
      color: var(--_ck-fg-muted);
      font-size: 0.9em;
    }
    .table-wrap {
      /* The table's width must not size the page around it: it scrolls inside this box instead. */
      contain: inline-size;
      /* Holds the visually hidden texts of the rows, which would otherwise widen the page. */
      position: relative;
      max-height: var(--ck-inbox-max-height, none);
      overflow: auto;
      border: 1px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    /* Names never squeeze to a word per line: below this the box scrolls sideways instead. */
    .cap,
    .who .name {
      display: block;
      min-width: 9rem;
    }
    th,
    td {
      padding: 0.4rem 0.6rem;
      border-bottom: 1px solid var(--_ck-border);
      text-align: start;
      vertical-align: top;
    }
    thead th {
      position: sticky;
      top: 0;
      background: var(--_ck-surface);
      font-size: 0.9em;
      white-space: nowrap;
    }
    td.time,
    td.direction,
    td.checkpoint bdi {
      white-space: nowrap;
    }
    td.time .note,
    td .code,
    td .note {
      display: block;
    }
    .who .name {
      font-weight: 600;
    }
    .leg-label {
      color: var(--_ck-fg-muted);
    }
    tr.fresh {
      background: var(--_ck-surface);
      box-shadow: inset 4px 0 0 var(--_ck-accent);
    }
    .fresh-badge {
      margin-inline-start: 0.3em;
      font-size: 0.8em;
    }
    .route-link {
      display: flex;
      align-items: center;
      min-height: var(--_ck-target);
      min-width: var(--_ck-target);
      padding: 0;
      border: 0;
      border-radius: var(--_ck-radius);
      background: none;
      color: var(--_ck-accent);
      font: inherit;
      font-weight: 600;
      text-decoration: underline;
      text-underline-offset: 0.15em;
      text-align: start;
      cursor: pointer;
    }
    .more {
      display: grid;
      gap: 0.5rem;
      justify-items: start;
    }
    @media (forced-colors: active) {
      tr.fresh {
        outline: 2px solid CanvasText;
      }
    }
  `,
];
