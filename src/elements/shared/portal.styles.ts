import { css } from 'lit';

/**
 * Styles shared by the portal views (<ck-route>, <ck-exposure>, <ck-checkpoint-stats>,
 * <ck-ward-inbox>): the host and its panel, badges, notes, status and error boxes, a field's problem line, a summary list.
 */
export const portalStyles = css`
  :host {
    display: block;
    line-height: 1.45;
  }
  /* Each view is one panel (the inbox also has its contacts panel). */
  section {
    display: grid;
    gap: 1rem;
    padding: 1rem;
    border: 2px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    background: var(--_ck-bg);
  }
  h2 {
    margin: 0;
    font-size: 1.3em;
  }
  p {
    margin: 0;
  }
  /* Untrusted text may be one 10 KB word: let it wrap instead of widening the page. */
  bdi,
  .mono,
  dd {
    overflow-wrap: anywhere;
  }
  bdi {
    unicode-bidi: isolate;
  }
  .mono {
    font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', monospace;
  }
  .field-problem {
    color: var(--_ck-danger);
    font-weight: 600;
  }
  .summary {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: 0.5rem 1.5rem;
    margin: 0;
  }
  .summary dt {
    color: var(--_ck-fg-muted);
    font-size: 0.9em;
  }
  .summary dd {
    margin: 0;
    font-weight: 600;
  }
  .note {
    color: var(--_ck-fg-muted);
    font-size: 0.9em;
  }
  .note.warn {
    color: var(--_ck-warning);
  }
  .badge {
    display: inline-flex;
    align-items: baseline;
    gap: 0.3em;
    width: fit-content;
    padding: 0.05em 0.5em;
    border-radius: calc(var(--_ck-radius) / 2);
    border: 1px solid currentColor;
    font-weight: 600;
  }
  .badge.good {
    color: var(--_ck-success);
    background: var(--_ck-success-bg);
  }
  .badge.bad {
    color: var(--_ck-danger);
    background: var(--_ck-danger-bg);
  }
  .badge.warn {
    color: var(--_ck-warning);
    background: var(--_ck-warning-bg);
  }
  .badge.neutral {
    color: var(--_ck-fg);
    background: var(--_ck-surface);
  }
  .status {
    padding: 0.75rem 1rem;
    border-radius: var(--_ck-radius);
    background: var(--_ck-surface);
  }
  .error {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
    padding: 0.75rem 1rem;
    border-inline-start: 8px solid var(--_ck-danger);
    border-radius: var(--_ck-radius);
    background: var(--_ck-danger-bg);
    color: var(--_ck-danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
`;
