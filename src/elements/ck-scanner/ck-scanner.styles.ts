import { css } from 'lit';
import { tokens } from '../shared/tokens.styles';

export default [
  tokens,
  css`
    :host {
      display: block;
      max-width: 40rem;
    }
    .viewport {
      position: relative;
      aspect-ratio: var(--ck-scanner-aspect-ratio, 4 / 3);
      background: #000;
      border-radius: var(--_ck-radius);
      overflow: hidden;
    }
    .viewport video {
      width: 100%;
      height: 100%;
      object-fit: cover;
      display: block;
    }
    /* Only a user-facing camera is shown mirrored (as people expect of a selfie view). */
    .viewport.mirrored video {
      transform: scaleX(-1);
    }
    .region {
      position: absolute;
      inset: 0;
      margin: auto;
      height: var(--_region);
      aspect-ratio: 1;
      border: 3px dashed var(--ck-scanner-region-color, var(--_ck-accent));
      border-radius: 12px;
      box-shadow: 0 0 0 100vmax rgb(0 0 0 / 0.35);
      pointer-events: none;
    }
    .status {
      margin: 0.5rem 0;
      min-height: 1.5em;
    }
    .last {
      display: block;
      font-weight: 600;
    }
    .error {
      margin: 0.5rem 0;
      padding: 0.75rem;
      border: 2px solid var(--_ck-danger);
      border-radius: var(--_ck-radius);
      background: var(--_ck-danger-bg);
      color: var(--_ck-fg);
    }
    .error .icon {
      margin-inline-end: 0.35em;
    }
    .controls,
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    button,
    .button,
    select,
    input:not([type='file']) {
      box-sizing: border-box;
      min-height: var(--_ck-target);
      min-width: var(--_ck-target);
      font: inherit;
      border-radius: var(--_ck-radius);
    }
    button,
    .button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      padding: 0 1rem;
      border: 2px solid var(--_ck-accent);
      background: var(--_ck-accent);
      color: var(--_ck-accent-fg);
      cursor: pointer;
    }
    button[aria-pressed='true'] {
      background: var(--_ck-bg);
      color: var(--_ck-fg);
    }
    input[type='range'] {
      accent-color: var(--_ck-accent);
      min-width: 8rem;
    }
    input:not([type='file'], [type='range']),
    select {
      padding: 0 0.75rem;
      border: 2px solid var(--_ck-border);
      background: var(--_ck-bg);
      color: var(--_ck-fg);
    }
    input[aria-invalid='true'] {
      border-color: var(--_ck-danger);
      border-style: dashed;
    }
    button:focus-visible,
    select:focus-visible,
    input:focus-visible,
    input.visually-hidden:focus-visible + .button,
    .upload:focus-within .button {
      outline: 3px solid var(--_ck-focus);
      outline-offset: 2px;
    }
    .select {
      display: inline-flex;
      gap: 0.5rem;
      align-items: center;
    }
    .fallback {
      margin-top: 1rem;
      padding: 0.75rem;
      border: 1px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-surface);
    }
    .fallback h2 {
      font-size: 1rem;
      margin: 0 0 0.5rem;
    }
    form label {
      display: block;
      font-weight: 600;
    }
    .hint {
      display: block;
      color: var(--_ck-fg-muted);
      font-size: 0.9em;
      margin-bottom: 0.25rem;
    }
    .field-error {
      color: var(--_ck-danger);
      font-weight: 600;
      margin: 0.25rem 0 0;
    }
    .upload {
      margin-top: 0.75rem;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
];
