import { css } from 'lit';
import { tokens } from '../shared/tokens.styles';
import { portalStyles } from '../shared/portal.styles';
import { uplotStyles } from './uplot.styles';

export default [
  tokens,
  portalStyles,
  uplotStyles,
  css`
    :host {
      --_series-1: var(--_ck-accent);
      --_series-2: var(--ck-stats-series-2, light-dark(#6a3d9a, #d0b3ff));
    }
    h3 {
      margin: 0;
      font-size: 1.1em;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1rem;
      align-items: end;
    }
    .field {
      display: grid;
      gap: 0.25rem;
    }
    label {
      font-weight: 600;
    }
    input,
    select {
      min-height: var(--_ck-target);
      padding: 0.3em 0.5em;
      border: 2px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
      color: var(--_ck-fg);
      font: inherit;
    }
    .glance-box {
      display: grid;
      gap: 0.5rem;
    }
    .glance {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
      gap: 0.5rem;
      margin: 0;
      border-top: 1px solid var(--_ck-border);
      padding-top: 0.5rem;
    }
    .glance > div {
      padding: 0.5rem 0.75rem;
      border-radius: var(--_ck-radius);
      background: var(--_ck-surface);
    }
    .glance dt {
      color: var(--_ck-fg-muted);
      font-size: 0.9em;
    }
    .glance dd {
      margin: 0;
      font-size: 1.5em;
      font-weight: 700;
    }
    .glance .attention dd {
      color: var(--_ck-danger);
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
      gap: 1rem;
    }
    figure {
      display: grid;
      gap: 0.4rem;
      align-content: start;
      margin: 0;
      padding: 0.75rem;
      border: 1px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      min-width: 0;
    }
    .plot {
      min-height: 220px;
      width: 100%;
      overflow: hidden;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      margin: 0;
      padding: 0;
      list-style: none;
      font-size: 0.9em;
    }
    .swatch {
      display: inline-block;
      width: 1.6em;
      height: 0;
      margin-inline-end: 0.4em;
      vertical-align: middle;
      border-top: 3px solid var(--_series-1);
    }
    .swatch.dashed {
      border-top-style: dashed;
    }
    .swatch.out {
      border-top-color: var(--_series-2);
    }
    .swatch.allow {
      border-top-color: var(--_ck-success);
    }
    .swatch.deny {
      border-top-color: var(--_ck-danger);
    }
    .swatch.refer {
      border-top-color: var(--_ck-warning);
      border-top-style: dotted;
    }
    .swatch.fromRiskAreas {
      border-top-color: var(--_ck-warning);
    }
    .swatch.idMismatch {
      border-top-color: var(--_ck-danger);
    }
    .table-toggle {
      justify-self: start;
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    caption {
      text-align: start;
      padding-block-end: 0.4rem;
    }
    .chart-table caption {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    th,
    td {
      padding: 0.3rem 0.5rem;
      border-bottom: 1px solid var(--_ck-border);
      text-align: end;
    }
    th[scope='row'],
    thead th:first-child {
      text-align: start;
    }
    thead th {
      background: var(--_ck-surface);
      font-size: 0.9em;
      vertical-align: bottom;
    }
    tfoot th,
    tfoot td {
      font-weight: 700;
      border-top: 2px solid var(--_ck-border);
    }
    td[data-field='attention'] {
      text-align: start;
    }
    svg {
      width: 100%;
      height: auto;
      max-height: 26rem;
    }
    svg .frame {
      fill: var(--_ck-surface);
      stroke: var(--_ck-border);
    }
    svg text {
      fill: var(--_ck-fg);
      font-size: 13px;
      font-family: inherit;
    }
    svg .north {
      font-weight: 700;
    }
    svg circle {
      fill: color-mix(in srgb, var(--_ck-accent) 35%, transparent);
      stroke: var(--_ck-accent);
      stroke-width: 2;
    }
    svg .attention circle {
      stroke: var(--_ck-danger);
      stroke-width: 3;
    }
    svg .flag {
      fill: var(--_ck-danger);
    }
    svg .selected circle {
      stroke-width: 5;
    }
    .report-heading {
      display: none;
    }

    /* The daily report: no controls, every table shown, no chart split across pages. */
    @media print {
      :host {
        color: #000;
      }
      section[part='base'] {
        border: none;
        padding: 0;
      }
      .toolbar,
      .table-toggle,
      .error button {
        display: none;
      }
      .report-heading {
        display: block;
        font-size: 1.3em;
      }
      .chart-table[hidden] {
        display: table;
      }
      .charts {
        grid-template-columns: 1fr;
      }
      figure,
      tr {
        break-inside: avoid;
      }
      .table-wrap {
        overflow: visible;
      }
    }
    @media (forced-colors: active) {
      .swatch {
        border-top-color: CanvasText;
      }
      svg circle {
        stroke: CanvasText;
      }
    }
  `,
];
