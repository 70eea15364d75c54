import { css } from 'lit';

/**
 * Design tokens shared by every element. Pages theme through the public `--ck-*` custom
 * properties (they inherit, so setting them on any ancestor works); elements read only the
 * private `--_ck-*` copies, whose colour fallbacks follow the element's used `color-scheme`
 * through CSS `light-dark()`.
 * Light values meet WCAG AA contrast on their backgrounds; so do the dark ones.
 */
export const tokens = css`
  /*
   * Light unless the page says otherwise: the element inherits the page's 'color-scheme'
   * (':root { color-scheme: dark }', or 'light dark' to follow the OS), or takes its own
   * 'theme' attribute (light | dark | auto). So an OS in dark mode never darkens a light portal.
   */
  :host {
    --_ck-font: var(--ck-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif);
    --_ck-fg: var(--ck-color-fg, light-dark(#1b1c1f, #e8e9ed));
    --_ck-fg-muted: var(--ck-color-fg-muted, light-dark(#4a4d55, #b9bcc5));
    --_ck-bg: var(--ck-color-bg, light-dark(#ffffff, #16171a));
    --_ck-surface: var(--ck-color-surface, light-dark(#f4f5f7, #222328));
    --_ck-border: var(--ck-color-border, light-dark(#6b6f78, #8d919b));
    --_ck-accent: var(--ck-color-accent, light-dark(#0b57d0, #a8c7fa));
    --_ck-accent-fg: var(--ck-color-accent-fg, light-dark(#ffffff, #062e6f));
    --_ck-danger: var(--ck-color-danger, light-dark(#b3261e, #ffb4ab));
    --_ck-danger-bg: var(--ck-color-danger-bg, light-dark(#fdecea, #3b1613));
    --_ck-success: var(--ck-color-success, light-dark(#146c2e, #8fd6a0));
    --_ck-success-bg: var(--ck-color-success-bg, light-dark(#e6f4ea, #10291a));
    --_ck-warning: var(--ck-color-warning, light-dark(#7a4a00, #ffd180));
    --_ck-warning-bg: var(--ck-color-warning-bg, light-dark(#fff4dc, #2f2410));
    --_ck-focus: var(--ck-focus-ring-color, light-dark(#0b57d0, #a8c7fa));
    --_ck-radius: var(--ck-radius, 8px);
    --_ck-target: var(--ck-target-size, 44px);
    font-family: var(--_ck-font);
    color: var(--_ck-fg);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
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
