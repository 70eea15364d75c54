import { css } from 'lit';
import { tokens } from '../shared/tokens.styles';
import { portalStyles } from '../shared/portal.styles';

export default [
  tokens,
  portalStyles,
  css`
    :host {
      max-width: 48rem;
      --_line: var(--ck-route-line-width, 4px);
    }
    .reason fieldset {
      display: grid;
      gap: 0.5rem;
      justify-items: start;
      margin: 0;
      padding: 0.75rem 1rem;
      border: 2px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-surface);
    }
    .reason legend {
      font-weight: 600;
    }
    .reason label {
      font-weight: 600;
    }
    .reason p {
      margin: 0;
    }
    .reason input {
      width: 100%;
      min-height: var(--_ck-target);
      padding: 0.4em 0.6em;
      border: 2px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
      color: var(--_ck-fg);
      font: inherit;
    }
    .reason input[aria-invalid='true'] {
      border-color: var(--_ck-danger);
    }
    .header {
      display: grid;
      gap: 0.5rem;
    }

    /* The timeline: a vertical line with a dot per end and an arrow marker per passage. */
    .timeline {
      position: relative;
      display: grid;
      margin: 0;
      padding: 0 0 0 3rem;
      list-style: none;
    }
    .timeline::before {
      content: '';
      position: absolute;
      inset-block: 0.9rem;
      inset-inline-start: calc(1.25rem - var(--_line) / 2);
      width: var(--_line);
      background: var(--_ck-border);
      border-radius: var(--_line);
    }
    .timeline li {
      position: relative;
    }
    .end {
      padding-block: 0.4rem;
      font-weight: 600;
    }
    .end-label {
      color: var(--_ck-fg-muted);
      font-weight: 400;
    }
    .dot {
      position: absolute;
      inset-inline-start: calc(-1.75rem - 0.5rem);
      top: 0.55rem;
      width: 1rem;
      height: 1rem;
      border: 3px solid var(--_ck-accent);
      border-radius: 50%;
      background: var(--_ck-bg);
    }
    .destination .dot {
      background: var(--_ck-accent);
    }
    .passage {
      padding-block: 0.5rem;
    }
    /* Longer waits between passages stretch the line: the drawing shows where time went. */
    .passage.gap-m {
      padding-block-start: 1.25rem;
    }
    .passage.gap-l {
      padding-block-start: 2.25rem;
    }
    .passage.gap-xl {
      padding-block-start: 3.5rem;
    }
    .gap {
      margin: 0 0 0.35rem;
      color: var(--_ck-fg-muted);
      font-size: 0.9em;
      font-style: italic;
    }
    .marker {
      position: absolute;
      inset-inline-start: calc(-1.75rem - 0.95rem);
      bottom: calc(50% - 0.95rem);
      display: grid;
      place-items: center;
      width: 1.9rem;
      height: 1.9rem;
      border-radius: 50%;
      background: var(--_ck-accent);
      color: var(--_ck-accent-fg);
      font-weight: 700;
    }
    .card {
      display: grid;
      gap: 0.35rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-surface);
    }
    .when {
      margin: 0;
      font-weight: 700;
    }
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
      gap: 0.25rem 1rem;
      margin: 0;
    }
    .facts dt {
      color: var(--_ck-fg-muted);
      font-size: 0.85em;
    }
    .facts dd {
      margin: 0;
    }
    @media (forced-colors: active) {
      .timeline::before,
      .marker {
        background: CanvasText;
        color: Canvas;
      }
    }
  `,
];
