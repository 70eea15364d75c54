import { css } from 'lit';

/**
 * Design tokens shared by every element. Pages theme through the public `--ck-*` custom
 * properties (they inherit, so setting them on any ancestor works); elements read only the
 * private `--_ck-*` copies, whose fallbacks switch with `prefers-color-scheme`.
 * Light values meet WCAG AA contrast on their backgrounds; so do the dark ones.
 */
export const tokens = css`
  :host {
    color-scheme: light dark;
    --_ck-font: var(--ck-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif);
    --_ck-fg: var(--ck-color-fg, #1b1c1f);
    --_ck-fg-muted: var(--ck-color-fg-muted, #4a4d55);
    --_ck-bg: var(--ck-color-bg, #ffffff);
    --_ck-surface: var(--ck-color-surface, #f4f5f7);
    --_ck-border: var(--ck-color-border, #6b6f78);
    --_ck-accent: var(--ck-color-accent, #0b57d0);
    --_ck-accent-fg: var(--ck-color-accent-fg, #ffffff);
    --_ck-danger: var(--ck-color-danger, #b3261e);
    --_ck-danger-bg: var(--ck-color-danger-bg, #fdecea);
    --_ck-success: var(--ck-color-success, #146c2e);
    --_ck-success-bg: var(--ck-color-success-bg, #e6f4ea);
    --_ck-warning: var(--ck-color-warning, #7a4a00);
    --_ck-warning-bg: var(--ck-color-warning-bg, #fff4dc);
    --_ck-focus: var(--ck-focus-ring-color, #0b57d0);
    --_ck-radius: var(--ck-radius, 8px);
    --_ck-target: var(--ck-target-size, 44px);
    font-family: var(--_ck-font);
    color: var(--_ck-fg);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_ck-fg: var(--ck-color-fg, #e8e9ed);
      --_ck-fg-muted: var(--ck-color-fg-muted, #b9bcc5);
      --_ck-bg: var(--ck-color-bg, #16171a);
      --_ck-surface: var(--ck-color-surface, #222328);
      --_ck-border: var(--ck-color-border, #8d919b);
      --_ck-accent: var(--ck-color-accent, #a8c7fa);
      --_ck-accent-fg: var(--ck-color-accent-fg, #062e6f);
      --_ck-danger: var(--ck-color-danger, #ffb4ab);
      --_ck-danger-bg: var(--ck-color-danger-bg, #3b1613);
      --_ck-success: var(--ck-color-success, #8fd6a0);
      --_ck-success-bg: var(--ck-color-success-bg, #10291a);
      --_ck-warning: var(--ck-color-warning, #ffd180);
      --_ck-warning-bg: var(--ck-color-warning-bg, #2f2410);
      --_ck-focus: var(--ck-focus-ring-color, #a8c7fa);
    }
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  /* One visible focus ring everywhere; offset so it never hides the control's own border. */
  :focus-visible {
    outline: 3px solid var(--_ck-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  /* Buttons: 44 px minimum touch target, text always present (no icon-only controls). */
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: var(--_ck-target);
    min-width: var(--_ck-target);
    padding: 0.5em 1.1em;
    border: 2px solid var(--_ck-accent);
    border-radius: var(--_ck-radius);
    background: var(--_ck-bg);
    color: var(--_ck-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .button.primary {
    background: var(--_ck-accent);
    color: var(--_ck-accent-fg);
  }
  .button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
    }
  }
`;
