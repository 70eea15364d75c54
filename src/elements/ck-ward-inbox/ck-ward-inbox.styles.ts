import { css } from 'lit';
import { portalStyles } from '../shared/portal.styles';
import { tokens } from '../shared/tokens.styles';

export default [
  tokens,
  portalStyles,
  css`
    section {
      gap: 0.75rem;
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
      /* The rows' width must not size the page around them: the box scrolls sideways instead. */
      contain: inline-size;
      position: relative;
      overflow-x: auto;
      border: 1px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
    }
    [role='table'] {
      min-width: 62rem;
    }
    .row {
      display: grid;
      grid-template-columns: 5.5rem 9rem minmax(11rem, 1.4fr) minmax(9rem, 1fr) minmax(9rem, 1fr) minmax(10rem, 1.2fr) minmax(8rem, 1fr);
      width: 100%;
      border-bottom: 1px solid var(--_ck-border);
    }
    .row > * {
      padding: 0.4rem 0.6rem;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .head .row {
      background: var(--_ck-surface);
      font-size: 0.9em;
      font-weight: 700;
    }
    .list {
      display: block;
      /* A short day needs no empty box: about 6rem a row, up to the maximum. */
      height: min(var(--ck-inbox-max-height, 70vh), calc(var(--_ck-rows, 1) * 6rem + 1rem));
      overflow: auto;
      contain: strict;
    }
    .time {
      white-space: nowrap;
    }
    .time .note,
    .code,
    .who .note,
    .kind .note {
      display: block;
    }
    .decision,
    .flags {
      display: flex;
      flex-wrap: wrap;
      align-content: start;
      gap: 0.25rem;
    }
    .history {
      flex-basis: 100%;
      font-size: 0.9em;
    }
    .history summary {
      min-height: var(--_ck-target);
      display: flex;
      align-items: center;
      cursor: pointer;
      color: var(--_ck-accent);
    }
    .history ol {
      margin: 0;
      padding-inline-start: 1.2rem;
    }
    .who .name {
      font-weight: 600;
    }
    .leg-label {
      color: var(--_ck-fg-muted);
    }
    .row.turned-back .kind {
      font-weight: 700;
    }
    .row.fresh {
      background: var(--_ck-surface);
      box-shadow: inset 4px 0 0 var(--_ck-accent);
    }
    .fresh-badge {
      margin-inline-start: 0.3em;
      font-size: 0.8em;
    }
    .picker {
      display: grid;
      gap: 0.25rem;
      max-width: 30rem;
    }
    .combo {
      position: relative;
    }
    .combo input {
      box-sizing: border-box;
      width: 100%;
      min-height: var(--_ck-target);
      padding: 0.4em 0.6em;
      border: 2px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
      color: var(--_ck-fg);
      font: inherit;
    }
    .combo ul {
      position: absolute;
      z-index: 2;
      inset-inline: 0;
      max-height: 18rem;
      overflow: auto;
      margin: 0.25rem 0 0;
      padding: 0;
      list-style: none;
      border: 2px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
    }
    .combo li {
      padding: 0.5rem 0.6rem;
      cursor: pointer;
    }
    .combo li[aria-selected='true'] {
      background: var(--_ck-accent);
      color: var(--_ck-bg);
    }
    .combo .detail,
    .hint {
      color: var(--_ck-fg-muted);
      font-size: 0.9em;
      margin: 0;
    }
    .contacts {
      display: grid;
      gap: 0.25rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
    }
    .contacts h3 {
      margin: 0;
      font-size: 1rem;
    }
    .contacts ul {
      margin: 0;
      padding: 0;
      list-style: none;
      max-height: 16rem;
      overflow: auto;
    }
    .contact {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      padding: 0.3rem 0;
      border-bottom: 1px solid var(--_ck-border);
    }
    .contact .name {
      font-weight: 600;
    }
    .count-badge {
      color: var(--_ck-fg-muted);
      font-weight: 400;
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
    @media (forced-colors: active) {
      .row.fresh {
        outline: 2px solid CanvasText;
      }
    }
  `,
];
