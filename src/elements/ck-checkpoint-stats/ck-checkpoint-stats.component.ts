import { html, LitElement, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { isApiError } from '../../api/http';
import { DAY_PATTERN, fetchCheckpointStats, HOUR_FIELDS, type CheckpointStats, type HourCounts, type HourField } from '../../api/stats';
import { LiveRefreshController } from '../shared/live-refresh-controller';
import { LocalizeController } from '../shared/localize';
import { rerunOnReconnect } from '../shared/portal-controllers';
import { formatClock, formatDay, isAbort, requestProblem, shownText, TIME_ZONE } from '../shared/portal-text';
import styles from './ck-checkpoint-stats.styles';
import { messages, type ChartId, type StatsMessages, type StatsProblem } from './ck-checkpoint-stats.messages';
import {
  checkpointTotals, dayTotals, emptyCounts, healthByCheckpoint, hourLabel, hourStartSeconds, needsAttention, onVietnamDay,
  placeCheckpoints, vietnamDay, type CheckpointHealth,
} from './stats-model';
import { UPlotController, type ChartSeries } from './uplot-controller';

export interface StatsLoadedDetail {
  date: string;
  stats: CheckpointStats;
}
export type StatsLoadedEvent = CustomEvent<StatsLoadedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-checkpoint-stats-loaded': StatsLoadedEvent;
  }
}

class StatsInputError extends Error {
  constructor(readonly problem: StatsProblem) {
    super(problem);
  }
}

interface Loaded {
  date: string;
  stats: CheckpointStats;
  at: number;
}

/** Which hour fields each chart draws, with a dash pattern per series (colour is never the only signal). */
const CHARTS: Record<ChartId, { field: HourField; dash?: number[] }[]> = {
  passages: [{ field: 'in' }, { field: 'out', dash: [6, 4] }],
  decisions: [{ field: 'allow' }, { field: 'deny', dash: [6, 4] }, { field: 'refer', dash: [2, 3] }],
  risks: [{ field: 'fromRiskAreas' }, { field: 'idMismatch', dash: [6, 4] }],
};
const CHART_IDS = Object.keys(CHARTS) as ChartId[];
/** The field a chart's one-line summary speaks of (its peak hour). */
const CHART_PEAK: Record<ChartId, HourField> = { passages: 'in', decisions: 'deny', risks: 'fromRiskAreas' };

const MAP = { width: 640, height: 360, pad: 48 } as const;

/**
 * The command view: what every checkpoint saw in one day (Vietnam time), hour by hour —
 * passages in and out, allowed / denied / referred, arrivals from risk areas and ID-card
 * mismatches — with each checkpoint's kiosk health (offline, out-of-date trust list, lost
 * records). Charts of the day (uPlot, loaded on first need) each with its data table, a
 * schematic of the checkpoints drawn from their coordinates (no map tiles), a table per
 * checkpoint, and a printable daily report (`@media print`). Loads from
 * `{api-base}/stats/checkpoints?date=…`, or shows `stats` given directly; follows the portal's
 * passage stream and reloads (debounced) when a passage of the shown day arrives.
 *
 * @fires ck-checkpoint-stats-loaded - The day's figures arrived. `detail: { date, stats }`.
 *
 * @csspart base - The whole view.
 * @csspart title - The heading.
 * @csspart toolbar - Day and checkpoint pickers and the print button.
 * @csspart input - The day and checkpoint fields.
 * @csspart button - Every button.
 * @csspart print-button - The print button.
 * @csspart glance - The day's totals.
 * @csspart chart - One chart figure (drawing, legend, table toggle and table).
 * @csspart chart-table - The data table behind a chart.
 * @csspart schematic - The schematic of the checkpoints.
 * @csspart checkpoints-table - The table of checkpoints.
 * @csspart status - Loading and empty messages.
 * @csspart error - An error message.
 * @csspart sign-in - The link to sign in, after a 401.
 *
 * @cssprop --ck-color-fg - Text colour.
 * @cssprop --ck-color-fg-muted - Secondary text.
 * @cssprop --ck-color-bg - Background.
 * @cssprop --ck-color-surface - Background of tables and boxes.
 * @cssprop --ck-color-border - Borders and chart grid.
 * @cssprop --ck-color-accent - Buttons, focus and the first chart series.
 * @cssprop --ck-color-success - Allowed.
 * @cssprop --ck-color-danger - Denied, needs attention.
 * @cssprop --ck-color-warning - Referred, risks.
 * @cssprop --ck-stats-series-2 - Colour of the second series (passages out).
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-target-size - Minimum touch target (default 44px).
 * @cssprop --ck-font-family - Font stack.
 */
export class CkCheckpointStats extends LitElement {
  static override styles = styles;

  /** Base URL of the portal API. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** The day shown, YYYY-MM-DD in Vietnam time (default today). */
  @property() date: string = vietnamDay(Date.now());

  /** Figures given directly (no request is made while set). */
  @property({ attribute: false }) stats: CheckpointStats | undefined;

  /** The checkpoint the charts and hourly tables show ('' = all). */
  @property({ attribute: 'checkpoint-id' }) checkpointId = '';

  /** Where to sign in; linked when the portal answers 401. */
  @property({ attribute: 'login-href' }) loginHref = '';

  /** Do not follow the portal's passage stream. */
  @property({ type: Boolean, attribute: 'no-live' }) noLive = false;

  @state() private openTables = new Set<ChartId>();

  #l10n = new LocalizeController<StatsMessages>(this, messages);
  #charts = new UPlotController(this);
  #drawn = '';

  #task = rerunOnReconnect(this, new Task(this, {
    task: async ([apiBase, date], { signal }): Promise<Loaded | undefined> => {
      if (!date) return undefined;
      if (!DAY_PATTERN.test(date)) throw new StatsInputError('invalid-date');
      if (!apiBase) throw new StatsInputError('no-api-base');
      return { date, stats: await fetchCheckpointStats(apiBase, date, { signal }), at: Date.now() };
    },
    args: () => (this.stats ? (['', ''] as const) : ([this.apiBase, this.date] as const)),
    onComplete: (loaded) => {
      if (loaded) {
        void this.updateComplete.then(() => {
          if (this.#task.value !== loaded || !this.isConnected) return;
          this.dispatchEvent(new CustomEvent<StatsLoadedDetail>('ck-checkpoint-stats-loaded', {
            detail: { date: loaded.date, stats: loaded.stats }, bubbles: true, composed: true,
          }));
        });
      }
    },
  }));

  #live = new LiveRefreshController(this, {
    apiBase: () => this.apiBase,
    enabled: () => !this.noLive && !this.stats && this.#loaded() !== undefined,
    matters: (event) => onVietnamDay(event.at, this.date),
    refresh: () => void this.#task.run(),
  });

  /** The figures shown now (given or loaded for `date`); undefined while none. */
  get shownStats(): CheckpointStats | undefined {
    return this.stats ?? this.#loaded()?.stats;
  }

  /** Reloads the day from the portal. */
  refresh(): Promise<void> {
    return this.#task.run();
  }

  #loaded(): Loaded | undefined {
    const value = this.#task.value;
    return value && value.date === this.date ? value : undefined;
  }

  /** The hours drawn and tabled: the chosen checkpoint's, or all checkpoints summed. */
  #hours(stats: CheckpointStats): HourCounts[] {
    const one = stats.checkpoints.find((c) => c.id === this.checkpointId);
    if (one) return one.hours;
    const hours = Array.from({ length: 24 }, emptyCounts);
    for (const c of stats.checkpoints) c.hours.forEach((h, i) => HOUR_FIELDS.forEach((f) => ((hours[i] as HourCounts)[f] += h[f])));
    return hours;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const stats = this.shownStats;
    if (!stats) return;
    // Redraw only when what the charts show changed (not on every render).
    const key = `${this.#task.value?.at ?? 0}|${this.checkpointId}|${this.#l10n.lang}|${stats.date}|${this.stats ? 'given' : ''}`;
    if (key === this.#drawn && changed.size > 0 && !changed.has('stats')) return;
    this.#drawn = key;
    const hours = this.#hours(stats);
    const root = this.renderRoot;
    const base = root.querySelector<HTMLElement>('[part~="base"]');
    const grid = root.querySelector<HTMLElement>('.glance');
    const charts = CHART_IDS.flatMap((id) => {
      const target = root.querySelector<HTMLElement>(`[data-chart="${id}"] .plot`);
      if (!target) return [];
      const series: ChartSeries[] = CHARTS[id].map(({ field, dash }) => {
        const swatch = root.querySelector<HTMLElement>(`[data-chart="${id}"] .swatch.${field}`);
        return { label: this.#l10n.msg.fields[field], values: hours.map((h) => h[field]), color: swatch ? getComputedStyle(swatch).borderTopColor : 'gray', ...(dash && { dash }) };
      });
      return [{
        key: id,
        target,
        spec: {
          x: hours.map((_, h) => hourStartSeconds(stats.date, h)),
          series,
          height: 220,
          axisColor: base ? getComputedStyle(base).color : 'black',
          gridColor: grid ? getComputedStyle(grid).borderTopColor : 'gray',
          timeZone: TIME_ZONE,
        },
      }];
    });
    void this.#charts.draw(charts);
  }

  #toggleTable(id: ChartId): void {
    const next = new Set(this.openTables);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.openTables = next;
  }

  // ---- rendering ------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const msg = this.#l10n.msg;
    const stats = this.shownStats;
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title" part="title">${msg.title}</h2>
      <div class="toolbar" part="toolbar">
        ${this.stats ? nothing : html`<div class="field">
          <label for="date">${msg.dateLabel}</label>
          <input id="date" part="input" type="date" .value=${this.date} required
            @change=${(e: Event) => { this.date = (e.target as HTMLInputElement).value; }} />
        </div>`}
        <div class="field">
          <label for="checkpoint">${msg.checkpointLabel}</label>
          <select id="checkpoint" part="input" @change=${(e: Event) => { this.checkpointId = (e.target as HTMLSelectElement).value; }}>
            <option value="" ?selected=${!this.checkpointId}>${msg.allCheckpoints}</option>
            ${(stats?.checkpoints ?? []).map((c) => html`<option value=${c.id} ?selected=${c.id === this.checkpointId}>${shownText(c.name, 80)}</option>`)}
          </select>
        </div>
        <button type="button" class="button" part="button print-button" ?disabled=${!stats} @click=${() => window.print()}>
          <span aria-hidden="true">${'⎙'}</span> ${msg.print}
        </button>
      </div>
      ${this.#body(msg)}
    </section>`;
  }

  #body(msg: StatsMessages): TemplateResult {
    const stats = this.shownStats;
    const failed = !this.stats && this.#task.status === TaskStatus.ERROR && !isAbort(this.#task.error);
    if (stats) {
      return html`${failed ? this.#error(msg) : nothing}
        ${!this.stats && this.#task.status === TaskStatus.PENDING ? html`<p class="note" role="status">${msg.refreshing}</p>` : nothing}
        ${this.#day(stats, msg)}`;
    }
    if (!this.stats && !this.date) return html`<p class="status" part="status">${msg.noDate}</p>`;
    if (failed) return this.#error(msg);
    return html`<p class="status" part="status" role="status">${msg.loading}</p>`;
  }

  #error(msg: StatsMessages): TemplateResult {
    const problem = problemOf(this.#task.error);
    const retryable = !['no-api-base', 'invalid-date', 'forbidden', 'bad-request'].includes(problem);
    return html`<div class="error" part="error" role="alert">
      <p><span aria-hidden="true">${'⚠'}</span> ${msg.problems[problem]}</p>
      ${problem === 'login-required' && this.loginHref ? html`<p><a class="button" part="sign-in" href=${this.loginHref}>${msg.signIn}</a></p>` : nothing}
      ${retryable ? html`<button type="button" class="button" part="button" @click=${() => void this.#task.run()}>${msg.retry}</button>` : nothing}
    </div>`;
  }

  #day(stats: CheckpointStats, msg: StatsMessages): TemplateResult {
    const locale = this.#l10n.locale;
    const day = formatDay(stats.date, locale);
    const total = dayTotals(stats);
    const health = healthByCheckpoint(stats.devices);
    const offline = stats.devices.filter((d) => d.offline).length;
    const stale = stats.devices.filter((d) => d.staleTrust).length;
    const lost = stats.devices.reduce((s, d) => s + d.lostRecords, 0);
    const loaded = this.#loaded();
    const liveNote = this.stats ? '' : this.#live.state === 'open' ? msg.live : this.#live.state === 'closed' && loaded ? msg.polling : '';
    const hours = this.#hours(stats);
    const selected = stats.checkpoints.find((c) => c.id === this.checkpointId);
    return html`<h3 class="report-heading">${msg.reportHeading(day)}${selected ? ` — ${shownText(selected.name, 80)}` : ''}</h3>
      <p class="note">${msg.timeZoneNote} ${liveNote} ${loaded ? msg.updated(formatClock(loaded.at, locale)) : ''}</p>
      <div class="glance-box">
        <h3>${msg.glance}</h3>
        <dl class="glance" part="glance">
          ${HOUR_FIELDS.map((f) => html`<div data-field=${f}><dt>${msg.fields[f]}</dt><dd>${total[f]}</dd></div>`)}
          <div data-field="offline" class=${offline ? 'attention' : ''}><dt>${msg.kiosksOffline}</dt><dd>${offline ? html`<span aria-hidden="true">${'⚠'}</span> ` : nothing}${offline}</dd></div>
          <div data-field="staleTrust" class=${stale ? 'attention' : ''}><dt>${msg.staleTrust}</dt><dd>${stale ? html`<span aria-hidden="true">${'⚠'}</span> ` : nothing}${stale}</dd></div>
          <div data-field="lostRecords" class=${lost ? 'attention' : ''}><dt>${msg.lostRecords}</dt><dd>${lost ? html`<span aria-hidden="true">${'⚠'}</span> ` : nothing}${lost}</dd></div>
        </dl>
      </div>
      ${stats.checkpoints.length === 0 ? html`<p class="status" part="status">${msg.noCheckpoints}</p>` : nothing}
      <div class="charts">${CHART_IDS.map((id) => this.#chart(id, hours, msg))}</div>
      ${this.#schematic(stats, health, msg)}
      ${this.#checkpointTable(stats, health, msg)}`;
  }

  #chart(id: ChartId, hours: HourCounts[], msg: StatsMessages): TemplateResult {
    const fields = CHARTS[id].map((c) => c.field);
    const peakField = CHART_PEAK[id];
    let peakHour = 0;
    hours.forEach((h, i) => {
      if (h[peakField] > (hours[peakHour] as HourCounts)[peakField]) peakHour = i;
    });
    const open = this.openTables.has(id);
    const tableId = `table-${id}`;
    const chartState = this.#charts.state;
    return html`<figure class="chart" part="chart" data-chart=${id} aria-labelledby="caption-${id}">
      <figcaption id="caption-${id}"><h3>${msg.charts[id]}</h3></figcaption>
      <p class="note">${msg.chartSummary[id](hourLabel(peakHour), (hours[peakHour] as HourCounts)[peakField])}</p>
      <ul class="legend">${CHARTS[id].map(({ field, dash }) => html`<li><span class="swatch ${field} ${dash ? 'dashed' : ''}" aria-hidden="true"></span>${msg.fields[field]}</li>`)}</ul>
      <div class="plot" aria-hidden="true"></div>
      ${chartState === 'loading' ? html`<p class="note">${msg.chartLoading}</p>` : chartState === 'failed' ? html`<p class="note warn">${msg.chartFailed}</p>` : nothing}
      <button type="button" class="button table-toggle" part="button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${tableId}
        @click=${() => this.#toggleTable(id)}>${open ? msg.hideTable : msg.showTable}</button>
      <div><table id=${tableId} class="chart-table" part="chart-table" ?hidden=${!open}>
        <caption>${msg.charts[id]}</caption>
        <thead><tr><th scope="col">${msg.hour}</th>${fields.map((f) => html`<th scope="col">${msg.fields[f]}</th>`)}</tr></thead>
        <tbody>${hours.map((h, i) => html`<tr><th scope="row">${hourLabel(i)}</th>${fields.map((f) => html`<td data-field=${f}>${h[f]}</td>`)}</tr>`)}</tbody>
        <tfoot><tr><th scope="row">${msg.total}</th>${fields.map((f) => html`<td data-field=${f}>${hours.reduce((s, h) => s + h[f], 0)}</td>`)}</tr></tfoot>
      </table></div>
    </figure>`;
  }

  #schematic(stats: CheckpointStats, health: Map<string, CheckpointHealth>, msg: StatsMessages): TemplateResult {
    const placed = placeCheckpoints(stats.checkpoints, MAP.width, MAP.height, MAP.pad);
    const byId = new Map(stats.checkpoints.map((c) => [c.id, c]));
    const passages = new Map(stats.checkpoints.map((c) => {
      const t = checkpointTotals(c);
      return [c.id, t.in + t.out];
    }));
    const max = Math.max(1, ...passages.values());
    const attention = placed.filter((p) => needsAttention(health.get(p.id))).length;
    const unplaced = stats.checkpoints.filter((c) => c.lat === null || c.lon === null).map((c) => shownText(c.name, 80));
    return html`<figure class="schematic" part="schematic" aria-labelledby="schematic-caption">
      <figcaption id="schematic-caption"><h3>${msg.schematic}</h3></figcaption>
      <svg viewBox="0 0 ${MAP.width} ${MAP.height}" role="img" aria-label=${msg.schematicLabel(placed.length, attention)}>
        <rect class="frame" x="1" y="1" width=${MAP.width - 2} height=${MAP.height - 2} rx="8"></rect>
        <text class="north" x=${MAP.width - 24} y="28" text-anchor="middle">${'N ↑'}</text>
        ${placed.map((p) => {
          const c = byId.get(p.id);
          const n = passages.get(p.id) ?? 0;
          const r = 6 + 18 * Math.sqrt(n / max);
          const flag = needsAttention(health.get(p.id));
          const selected = p.id === this.checkpointId;
          return svg`<g class="checkpoint ${flag ? 'attention' : ''} ${selected ? 'selected' : ''}" data-checkpoint=${p.id}>
            <title>${shownText(c?.name ?? p.id, 80)}: ${n}</title>
            <circle cx=${p.x} cy=${p.y} r=${r.toFixed(1)}></circle>
            ${flag ? svg`<path class="flag" d="M ${p.x} ${p.y - r - 14} l 8 13 h -16 z"></path>` : nothing}
            <text x=${p.x} y=${p.y + r + 14} text-anchor="middle">${shownText(c?.name ?? p.id, 40)}</text>
          </g>`;
        })}
      </svg>
      <p class="note">${msg.schematicNote}</p>
      ${unplaced.length ? html`<p class="note">${msg.notPlaced(unplaced.join(', '))}</p>` : nothing}
    </figure>`;
  }

  #checkpointTable(stats: CheckpointStats, health: Map<string, CheckpointHealth>, msg: StatsMessages): TemplateResult {
    const total = dayTotals(stats);
    // Focusable so a keyboard can scroll it sideways on a narrow screen.
    return html`<div class="table-wrap by-checkpoint" tabindex="0" role="region" aria-labelledby="by-checkpoint">
      <table part="checkpoints-table">
        <caption><h3 id="by-checkpoint">${msg.byCheckpoint}</h3></caption>
        <thead><tr>
          <th scope="col">${msg.checkpoint}</th>
          ${HOUR_FIELDS.map((f) => html`<th scope="col">${msg.fields[f]}</th>`)}
          <th scope="col">${msg.kiosks}</th>
          <th scope="col">${msg.attention}</th>
        </tr></thead>
        <tbody>${stats.checkpoints.map((c) => {
          const t = checkpointTotals(c);
          const h = health.get(c.id);
          const flag = needsAttention(h);
          return html`<tr data-checkpoint=${c.id} class=${flag ? 'attention' : ''}>
            <th scope="row"><bdi>${shownText(c.name, 80)}</bdi>${c.road ? html`<br /><span class="note">${msg.road}: <bdi>${shownText(c.road, 40)}</bdi></span>` : nothing}</th>
            ${HOUR_FIELDS.map((f) => html`<td data-field=${f}>${t[f]}</td>`)}
            <td data-field="kiosks">${h?.devices ?? 0}</td>
            <td data-field="attention">${flag && h
              ? html`<span class="badge bad"><span aria-hidden="true">${'⚠'}</span> ${msg.attentionWords(h.offline, h.staleTrust, h.lostRecords)}</span>`
              : html`<span class="badge good"><span aria-hidden="true">${'✓'}</span> ${msg.ok}</span>`}</td>
          </tr>`;
        })}</tbody>
        <tfoot><tr><th scope="row">${msg.total}</th>${HOUR_FIELDS.map((f) => html`<td data-field=${f}>${total[f]}</td>`)}
          <td data-field="kiosks">${stats.devices.length}</td><td></td></tr></tfoot>
      </table>
    </div>`;
  }
}

function problemOf(error: unknown): StatsProblem {
  if (error instanceof StatsInputError) return error.problem;
  if (isApiError(error) && error.status === 400) return 'bad-request';
  return requestProblem(error);
}
