// Draws the command view's charts with uPlot (MIT, self-hosted from node_modules, no CDN). uPlot
// is ~50 KB minified, so it loads on first need by dynamic import: a page that never shows a
// chart never fetches it. uPlot sizes its nodes through the CSSOM (element.style), which a
// strict `style-src 'self'` CSP allows; its stylesheet is adopted by the shadow root
// (uplot.styles.ts). Charts are drawings only (aria-hidden): every chart has a data table.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type uPlot from 'uplot';

type UPlotClass = typeof uPlot;

export interface ChartSeries {
  label: string;
  values: number[];
  /** A resolved CSS colour (canvas cannot read custom properties). */
  color: string;
  /** Dash pattern, so series differ by more than colour. */
  dash?: number[];
}

export interface ChartSpec {
  /** Unix seconds of each x point. */
  x: number[];
  series: ChartSeries[];
  height: number;
  /** Resolved colours of axes text and grid. */
  axisColor: string;
  gridColor: string;
  /** IANA time zone the axis is labelled in. */
  timeZone: string;
}

let loading: Promise<UPlotClass> | undefined;

/** uPlot, imported once per page. */
export function loadUPlot(): Promise<UPlotClass> {
  loading ??= import('uplot').then((m) => m.default).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export class UPlotController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #charts = new Map<string, { plot: uPlot; target: HTMLElement }>();
  #observer: ResizeObserver | undefined;
  #generation = 0;
  /** 'loading' until uPlot arrived; 'failed' when it could not be loaded (the tables remain). */
  state: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Draws (or redraws) the charts; a later call supersedes an earlier one still waiting for uPlot. */
  async draw(charts: { key: string; target: HTMLElement; spec: ChartSpec }[]): Promise<void> {
    const generation = ++this.#generation;
    let UPlot: UPlotClass;
    try {
      if (this.state !== 'ready') this.#setState('loading');
      UPlot = await loadUPlot();
    } catch {
      if (generation === this.#generation) this.#setState('failed');
      return;
    }
    if (generation !== this.#generation) return;
    this.#observer ??= new ResizeObserver((entries) => {
      for (const entry of entries) {
        for (const chart of this.#charts.values()) {
          if (chart.target === entry.target) chart.plot.setSize({ width: widthOf(chart.target), height: chart.plot.height });
        }
      }
    });
    const keep = new Set(charts.map((c) => c.key));
    for (const [key, chart] of this.#charts) if (!keep.has(key)) this.#destroy(key, chart);
    for (const { key, target, spec } of charts) {
      const old = this.#charts.get(key);
      if (old) this.#destroy(key, old);
      const plot = new UPlot(options(UPlot, spec, widthOf(target)), [spec.x, ...spec.series.map((s) => s.values)], target);
      this.#charts.set(key, { plot, target });
      this.#observer.observe(target);
    }
    this.#setState('ready');
  }

  hostDisconnected(): void {
    this.#generation++;
    for (const [key, chart] of this.#charts) this.#destroy(key, chart);
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  #destroy(key: string, chart: { plot: uPlot; target: HTMLElement }): void {
    this.#observer?.unobserve(chart.target);
    chart.plot.destroy();
    this.#charts.delete(key);
  }

  #setState(state: UPlotController['state']): void {
    if (state === this.state) return;
    this.state = state;
    this.#host.requestUpdate();
  }
}

function widthOf(target: HTMLElement): number {
  return Math.max(240, Math.floor(target.getBoundingClientRect().width));
}

function options(UPlot: UPlotClass, spec: ChartSpec, width: number): uPlot.Options {
  const axis = { stroke: spec.axisColor, grid: { stroke: spec.gridColor, width: 1 }, ticks: { stroke: spec.gridColor, width: 1 } };
  return {
    width,
    height: spec.height,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), spec.timeZone),
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] } },
    axes: [
      { ...axis, values: (_u, splits) => splits.map((s) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: spec.timeZone }).format(new Date(s * 1000))) },
      { ...axis, size: 48 },
    ],
    series: [
      {},
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        points: { show: true, size: 5, fill: s.color, stroke: s.color },
        ...(s.dash && { dash: s.dash }),
      })),
    ],
  };
}
