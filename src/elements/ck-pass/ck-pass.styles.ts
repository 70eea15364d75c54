import { css } from 'lit';
import { tokens } from '../shared/tokens.styles';

export default [
  tokens,
  css`
    :host {
      display: block;
      max-width: 48rem;
      line-height: 1.45;
    }
    article {
      display: grid;
      gap: 1rem;
      /* A name or address without a break opportunity wraps instead of widening the page. */
      overflow-wrap: anywhere;
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
    .state {
      display: grid;
      gap: 0.25rem;
      padding: 0.75rem 1rem;
      border-radius: var(--_ck-radius);
      border-inline-start: 8px solid currentColor;
    }
    .verdict {
      font-size: 1.2em;
    }
    .icon {
      display: inline-block;
      min-width: 1.2em;
      font-weight: 700;
    }
    .reason {
      color: var(--_ck-fg);
    }
    .state.valid {
      color: var(--_ck-success);
      background: var(--_ck-success-bg);
    }
    .state.expired,
    .state.revoked,
    .state.invalid {
      color: var(--_ck-danger);
      background: var(--_ck-danger-bg);
    }
    .state.unverified,
    .state.not-yet-valid {
      color: var(--_ck-warning);
      background: var(--_ck-warning-bg);
    }
    .body {
      display: flex;
      flex-wrap: wrap;
      gap: 1.25rem;
      align-items: flex-start;
    }
    figure {
      display: grid;
      gap: 0.5rem;
      justify-items: center;
      margin: 0;
      flex: 0 1 var(--ck-pass-qr-size, 20rem);
    }
    /* The QR stays black on white in dark mode too: scanners need dark modules on light. */
    .qr-box {
      width: min(100%, var(--ck-pass-qr-size, 20rem));
      aspect-ratio: 1;
      background: #fff;
      line-height: 0;
    }
    .qr-box svg {
      width: 100%;
      height: 100%;
    }
    figcaption {
      display: grid;
      justify-items: center;
      text-align: center;
      gap: 0.1rem;
    }
    .code-label {
      font-weight: 600;
    }
    .manual-code {
      white-space: nowrap; /* one code, read as one line */
      font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', monospace;
      font-size: 1.6em;
      font-weight: 700;
      letter-spacing: 0.12em;
    }
    .hint {
      color: var(--_ck-fg-muted);
      font-size: 0.9em;
    }
    dl {
      flex: 1 1 16rem;
      display: grid;
      gap: 0.6rem;
      margin: 0;
      padding: 0.75rem 1rem;
      border-radius: var(--_ck-radius);
      background: var(--_ck-surface);
    }
    dt {
      color: var(--_ck-fg-muted);
      font-size: 0.9em;
    }
    dd {
      margin: 0;
      font-weight: 600;
    }
    dd.name {
      font-size: 1.3em;
    }
    .mono {
      font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', monospace;
      letter-spacing: 0.05em;
    }
    .route,
    .validity {
      display: grid;
      gap: 0.35rem;
    }
    .leg,
    .place,
    .address {
      display: block;
    }
    .leg-label {
      font-weight: 400;
      color: var(--_ck-fg-muted);
    }
    .address {
      font-weight: 400;
      font-size: 0.92em;
    }
    .countdown {
      font-size: 1.1em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
    }
    .kept {
      color: var(--_ck-success);
      font-weight: 600;
    }
    .health-advice {
      margin-block: 0.75rem;
      padding: 0.5rem 0.75rem;
      border-inline-start: 4px solid var(--ck-color-warning, #8a5a00);
      background: var(--ck-color-surface, transparent);
    }
    .health-advice h3 {
      margin: 0 0 0.25rem;
      font-size: 1rem;
    }
    .health-advice p {
      margin: 0.25rem 0;
    }
    .health-advice a {
      color: inherit;
      font-weight: 600;
    }
    .notice {
      color: var(--_ck-danger);
      font-weight: 600;
    }
    .empty {
      color: var(--_ck-fg-muted);
    }
    @media print {
      :host {
        color: #000;
        --_ck-fg: #000;
        --_ck-fg-muted: #222;
        --_ck-bg: #fff;
        --_ck-surface: #fff;
      }
      article {
        border: 1px solid #000;
        break-inside: avoid;
      }
      .actions,
      .notice {
        display: none;
      }
      /* 5 × 5 cm: the smallest size a personal code may be printed at. */
      figure {
        flex: 0 0 5cm;
      }
      .qr-box {
        width: 5cm;
        height: 5cm;
      }
      .state {
        background: none;
      }
      /* One sheet: the pass never splits, advice stays short, the QR keeps its 5 cm. */
      article {
        padding: 0.5cm;
        max-width: 18cm;
      }
      .body {
        flex-wrap: nowrap;
        gap: 0.6cm;
      }
      dl {
        padding: 0;
        gap: 0.2cm;
      }
      .countdown {
        display: none; /* a live countdown means nothing on paper; the validity range stays */
      }
    }
    /*
     * Narrow paper — the A6 label (105 × 148 mm) — or a cell of a family sheet (four passes on
     * one A4, two by two): QR above, the details below, still one piece. The host is the query
     * container on paper only (on screen it sizes as any block).
     */
    @media print {
      :host {
        container: ck-pass / inline-size;
      }
      @container ck-pass (max-width: 12cm) {
        .body {
          flex-wrap: wrap;
          gap: 0.2cm;
        }
        article {
          padding: 0.3cm;
          font-size: 8.5pt;
          line-height: 1.25;
        }
        h2 {
          font-size: 9pt;
          margin: 0;
        }
        article {
          gap: 0.15cm;
        }
        dl {
          gap: 0.05cm;
          padding: 0;
        }
        /* dt and dd on one line: "Purpose: Work". */
        dl > div {
          display: flex;
          flex-wrap: wrap;
          column-gap: 0.15cm;
        }
        dt::after {
          content: ':';
        }
        dd.name {
          font-size: 1.2em;
        }
        /* The verdict word and icon stay; the long sentences are for the screen. */
        .state {
          padding: 0.05cm 0.2cm;
        }
        .state .reason,
        figcaption .hint {
          display: none;
        }
        /* The manual code beside the QR, not under it. */
        figure {
          display: flex;
          align-items: center;
          gap: 0.3cm;
          flex: 1 1 100%;
        }
        .qr-box {
          flex: 0 0 5cm;
        }
        figcaption {
          justify-items: start;
          text-align: start;
        }
        .manual-code {
          font-size: 1.3em;
        }
        /* The legs carry their own "From:"/"To:". */
        div:has(> dd.route) > dt {
          display: none;
        }
        .route,
        .validity {
          gap: 0;
        }
        .leg .place {
          display: inline;
        }
        .health-advice {
          padding: 0.1cm 0.2cm;
          gap: 0;
        }
        .health-advice h3 {
          font-size: 1em;
          margin: 0;
        }
        /* Advice on paper: the heading, a positive test's instruction, whom to call. */
        .health-advice p:not(:last-of-type):not(:has(strong)) {
          display: none;
        }
      }
    }
  `,
];
