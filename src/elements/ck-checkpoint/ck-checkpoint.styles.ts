import { css } from 'lit';
import { tokens } from '../shared/tokens.styles';

export default [
  tokens,
  css`
    :host {
      display: block;
      line-height: 1.4;
      container-type: inline-size;
    }
    .base {
      display: grid;
      gap: 0.75rem;
    }
    h2,
    h3 {
      margin: 0;
      font-size: 1.05em;
    }
    p {
      margin: 0;
    }
    dl {
      margin: 0;
    }
    dd {
      margin: 0;
    }
    kbd {
      display: inline-block;
      min-width: 1.5em;
      padding: 0 0.3em;
      border: 1px solid currentColor;
      border-radius: 4px;
      font: 600 0.85em ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      text-align: center;
    }
    .mono {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      letter-spacing: 0.04em;
    }
    .muted {
      color: var(--_ck-fg-muted);
    }
    .icon {
      display: inline-block;
      min-width: 1.1em;
      text-align: center;
      font-weight: 700;
    }

    /* Header: who and where, direction, next vehicle. */
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem 1.5rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-surface);
    }
    .ids {
      display: flex;
      gap: 1.25rem;
    }
    .ids dt {
      font-size: 0.85em;
      color: var(--_ck-fg-muted);
    }
    .ids dd {
      font-weight: 700;
    }
    .direction {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    .group-label {
      font-weight: 600;
    }
    .button.toggle[aria-pressed='true'] {
      background: var(--_ck-accent);
      color: var(--_ck-accent-fg);
    }
    .button.toggle[aria-pressed='true']::before {
      content: '● ';
    }

    .problem {
      padding: 0.6rem 0.9rem;
      border-inline-start: 6px solid var(--_ck-warning);
      border-radius: var(--_ck-radius);
      background: var(--_ck-warning-bg);
    }
    .stale-banner {
      display: grid;
      gap: 0.4rem;
      justify-items: start;
    }
    .stale-banner .stale-title {
      margin: 0;
      font-size: 1.1rem;
    }
    .stale-banner p {
      margin: 0;
    }
    .problem.severe {
      border-color: var(--_ck-danger);
      background: var(--_ck-danger-bg);
      font-weight: 600;
    }

    /* Gloved hands: 48 px targets here and in the scanner and sync status inside. */
    :host {
      --_ck-checkpoint-target: var(--ck-target-size, 48px);
      --_ck-target: var(--_ck-checkpoint-target);
    }
    ck-scanner,
    ck-sync-status {
      /* Not --_ck-target: the children define theirs from --ck-target-size (a cycle). */
      --ck-target-size: var(--_ck-checkpoint-target);
    }

    /*
     * One screen: camera, verdict and the ID-card check side by side (wide), or the verdict laid
     * over the lower part of the camera (narrow: tablets in portrait, phones), details below.
     */
    .layout {
      display: grid;
      gap: 0.75rem;
      grid-template-columns: minmax(16rem, 2fr) 3fr;
      grid-template-areas: 'scanner summary' 'vehicle details';
      align-items: start;
    }
    ck-scanner {
      grid-area: scanner;
      max-width: none;
    }
    .overlay-frame {
      grid-area: summary;
    }
    .verdict-details {
      grid-area: details;
      display: grid;
      gap: 0.75rem;
      overflow-wrap: anywhere;
    }
    .verdict-details:empty {
      display: none;
    }
    @container (max-width: 52rem) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
        grid-template-areas: 'scanner' 'details' 'vehicle';
      }
      .overlay-frame {
        grid-area: scanner;
        z-index: 1;
        display: flex;
        flex-direction: column;
        justify-content: flex-end;
        height: calc(100cqw * 3 / 4);
        pointer-events: none;
      }
      .layout[data-selected='false'] .overlay-frame {
        display: none;
      }
      .overlay-frame > .verdict {
        /* The upper part of the camera stays in view (the card is held up there). */
        max-height: 74%;
        overflow: auto;
        pointer-events: auto;
        gap: 0.5rem;
        padding: 0.5rem;
        box-shadow: 0 -2px 12px rgb(0 0 0 / 0.35);
      }
      .overlay-frame .identity dl {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
      .overlay-frame .identity .big dd {
        font-size: 1.15rem;
      }
      .overlay-frame .actions h3,
      .overlay-frame .actions .hint {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      /* Over the camera: the headline, the card check, then the decisions; the long reason below. */
      .overlay-frame > .verdict {
        display: flex;
        flex-direction: column;
      }
      .overlay-frame .status {
        order: 1;
        gap: 0.4rem;
        padding: 0.35rem 0.5rem;
      }
      .overlay-frame .identity {
        order: 2;
        padding: 0.4rem 0.5rem;
      }
      .overlay-frame .actions {
        order: 3;
      }
      .overlay-frame .record,
      .overlay-frame .verdict > .button {
        order: 4;
      }
      .overlay-frame .pass-reason {
        display: none;
      }
      .status {
        padding: 0.5rem 0.75rem;
      }
    }
    @container (max-width: 30rem) {
      /* A phone held upright: a taller camera, the verdict over its lower part. */
      ck-scanner {
        --ck-scanner-aspect-ratio: 3 / 4;
      }
      .overlay-frame {
        height: calc(100cqw * 4 / 3);
      }
      .header {
        gap: 0.25rem 0.5rem;
        padding: 0.25rem 0.5rem;
        font-size: 0.9rem;
      }
      .ids {
        gap: 0.75rem;
      }
      .group-label {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
      .base {
        --ck-checkpoint-status-size: 1.4rem;
        gap: 0.5rem;
      }
      .overlay-frame .identity .big dd,
      .overlay-frame .identity dd {
        font-size: 1rem;
      }
      .overlay-frame .identity dt {
        font-size: 0.8rem;
      }
      .overlay-frame .identity h3 {
        display: none;
      }
    }

    /* The vehicle's people. */
    .vehicle {
      grid-area: vehicle;
      display: grid;
      gap: 0.4rem;
    }
    .count {
      font-weight: 400;
    }
    .people {
      display: grid;
      gap: 0.35rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .person {
      display: grid;
      grid-template-columns: 2em 1fr;
      gap: 0 0.5rem;
      width: 100%;
      min-height: var(--_ck-target);
      padding: 0.4rem 0.6rem;
      border: 2px solid var(--_ck-border);
      border-inline-start-width: 8px;
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
      color: var(--_ck-fg);
      font: inherit;
      text-align: start;
      cursor: pointer;
    }
    .person[aria-current='true'] {
      outline: 3px solid var(--_ck-accent);
      outline-offset: 1px;
    }
    .person .n {
      grid-row: span 3;
      font-size: 1.3em;
      font-weight: 700;
    }
    .person-status {
      font-weight: 700;
    }
    .person .who {
      overflow-wrap: anywhere;
    }
    .person-decision {
      color: var(--_ck-fg-muted);
    }
    .tone-ok {
      border-color: var(--_ck-success);
    }
    .tone-warn {
      border-color: var(--_ck-warning);
    }
    .tone-bad {
      border-color: var(--_ck-danger);
    }

    /* The verdict panel. */
    .verdict {
      display: grid;
      gap: 0.75rem;
      /* A name or address without spaces (allowed up to the claim limits) wraps in the panel. */
      overflow-wrap: anywhere;
      padding: 0.75rem;
      border: 1px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
    }
    .idle {
      font-weight: 400;
      color: var(--_ck-fg-muted);
    }
    .status {
      display: flex;
      gap: 0.75rem;
      align-items: flex-start;
      padding: 0.75rem 1rem;
      border: 3px solid currentColor;
      border-inline-start-width: 12px;
      border-radius: var(--_ck-radius);
    }
    .status.tone-ok {
      color: var(--_ck-success);
      background: var(--_ck-success-bg);
    }
    .status.tone-warn {
      color: var(--_ck-warning);
      background: var(--_ck-warning-bg);
    }
    .status.tone-bad {
      color: var(--_ck-danger);
      background: var(--_ck-danger-bg);
    }
    .status-icon {
      font-size: calc(var(--ck-checkpoint-status-size, 2rem) * 1.2);
      font-weight: 700;
      line-height: 1;
    }
    .status-word {
      font-size: var(--ck-checkpoint-status-size, 2rem);
      line-height: 1.15;
      font-weight: 800;
      letter-spacing: 0.01em;
    }
    .reason {
      color: var(--_ck-fg);
      font-size: 1.05em;
    }
    .why {
      margin: 0.25rem 0 0;
      padding-inline-start: 1.1rem;
      color: var(--_ck-fg);
      font-weight: 600;
    }
    .pass-line {
      margin-top: 0.25rem;
    }
    .card-result {
      font-weight: 700;
    }
    [data-card='mismatch'] .card-result,
    .outcome-mismatch {
      color: var(--_ck-danger);
    }
    .outcome {
      font-weight: 700;
      white-space: nowrap;
    }
    .outcome-match {
      color: var(--_ck-success);
    }
    .field-outcome:empty {
      display: none;
    }
    .reason.action {
      font-weight: 600;
    }

    .checks {
      padding: 0.6rem 0.9rem;
      border: 2px solid var(--_ck-warning);
      border-radius: var(--_ck-radius);
      background: var(--_ck-warning-bg);
    }
    .checks ul {
      margin: 0.35rem 0 0;
      padding-inline-start: 1.2rem;
    }
    .checks li + li {
      margin-top: 0.3rem;
    }
    .checks li.severe {
      color: var(--_ck-danger);
      font-weight: 600;
    }
    .checks .note {
      font-style: italic;
    }

    .identity dl,
    .health dl,
    .details {
      display: grid;
      gap: 0.4rem 1rem;
      grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
      margin-top: 0.35rem;
    }
    dt {
      font-size: 0.9em;
      color: var(--_ck-fg-muted);
    }
    .identity .big dd {
      font-size: var(--ck-checkpoint-identity-size, 1.6rem);
      font-weight: 700;
      overflow-wrap: anywhere;
    }
    .identity {
      padding: 0.6rem 0.9rem;
      border: 2px solid var(--_ck-accent);
      border-radius: var(--_ck-radius);
    }
    .health dd {
      font-size: 1.15em;
      font-weight: 600;
    }
    .health .severe dd {
      color: var(--_ck-danger);
      font-weight: 800;
    }
    .health .severe dd::before {
      content: '⚠ ';
    }
    .details .leg {
      display: block;
    }

    .manual {
      display: grid;
      gap: 0.5rem;
    }
    .unit-fields {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
    .field {
      display: grid;
      gap: 0.2rem;
    }
    .field label {
      font-weight: 600;
    }
    .field input {
      min-height: var(--_ck-target);
      width: 10ch;
      padding: 0.3rem 0.6rem;
      border: 2px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
      color: var(--_ck-fg);
      font: 1.2em ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    }
    .field input[aria-invalid='true'] {
      border-color: var(--_ck-danger);
    }
    .field-error {
      color: var(--_ck-danger);
      font-weight: 600;
    }

    .record {
      font-weight: 600;
    }
    .record.state-failed {
      padding: 0.6rem 0.9rem;
      border: 3px solid var(--_ck-danger);
      border-radius: var(--_ck-radius);
      background: var(--_ck-danger-bg);
      color: var(--_ck-fg);
    }

    .actions {
      display: grid;
      gap: 0.4rem;
    }
    .decision-buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .decision {
      min-height: calc(var(--_ck-target) * 1.25);
      font-size: 1.1em;
    }
    .decision[aria-pressed='true'] {
      background: var(--_ck-accent);
      color: var(--_ck-accent-fg);
    }
    .decision[aria-pressed='true']::before {
      content: '✓ ';
    }
    .hint {
      font-size: 0.9em;
    }

    .shortcuts dl {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem 1.25rem;
      margin-top: 0.3rem;
    }
    .shortcuts dl > div {
      display: flex;
      gap: 0.4rem;
      align-items: center;
    }
    .shortcuts dt {
      color: inherit;
    }
    @media (forced-colors: active) {
      .status,
      .person,
      .checks {
        border-color: CanvasText;
      }
    }
  `,
];
