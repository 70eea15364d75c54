import type { Browser } from 'playwright-core';

/** One section of the bench report: a titled table plus notes. */
export interface BenchSection {
  id: string;
  title: string;
  goal?: string;
  rows: Record<string, string | number | boolean | null>[];
  notes?: string[];
}

/** What every measure gets: a running Vite dev server (repo root) and a Chromium. */
export interface BenchContext {
  baseUrl: string;
  browser: Browser;
}

export type Measure = (context: BenchContext) => Promise<BenchSection | BenchSection[]>;
