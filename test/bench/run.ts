/// <reference types="node" />
// `npm run bench`: every measure in one run, on one machine, anchors beside the kit.
// Writes bench-results/report.json and bench-results/report.md and prints the table.
// Speed is only ever reported here, never asserted by tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { chromium } from 'playwright-core';
import type { BenchSection, Measure } from './types';
import { chromiumFlags, assertChromium } from '../tools/chromium.mjs';
import { startViteServer, repoRoot } from '../tools/vite-server';


const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));

async function loadMeasures(): Promise<[string, Measure][]> {
  const { benchMeasures } = await import('./measures');
  return Object.entries(benchMeasures).filter(([id]) => only.length === 0 || only.includes(id));
}

function toMarkdown(sections: BenchSection[], meta: Record<string, string>): string {
  const lines = [`# Checkpoint Kit benchmark report`, '', ...Object.entries(meta).map(([k, v]) => `- ${k}: ${v}`), ''];
  for (const section of sections) {
    lines.push(`## ${section.id} — ${section.title}`, '');
    if (section.goal) lines.push(`Goal: ${section.goal}`, '');
    if (section.rows.length) {
      const columns = [...new Set(section.rows.flatMap((row) => Object.keys(row)))];
      lines.push(`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`);
      for (const row of section.rows) lines.push(`| ${columns.map((c) => String(row[c] ?? '')).join(' | ')} |`);
      lines.push('');
    }
    for (const note of section.notes ?? []) lines.push(`- ${note}`);
    if (section.notes?.length) lines.push('');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const server = await startViteServer();
  const browser = await chromium.launch({ executablePath: assertChromium(), args: chromiumFlags, headless: true });
  const sections: BenchSection[] = [];
  try {
    for (const [id, measure] of await loadMeasures()) {
      process.stdout.write(`bench ${id}… `);
      const t0 = Date.now();
      try {
        const result = await measure({ baseUrl: server.url, browser });
        sections.push(...(Array.isArray(result) ? result : [result]));
        console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } catch (error) {
        console.log('FAILED');
        sections.push({ id, title: 'failed', rows: [], notes: [`error: ${(error as Error).stack ?? String(error)}`] });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const meta = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    node: process.version,
    chromium: browser.version(),
    'total time': `${((Date.now() - started) / 1000).toFixed(0)} s`,
  };
  const outDir = `${repoRoot}bench-results`;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}/report.json`, JSON.stringify({ meta, sections }, null, 2));
  const markdown = toMarkdown(sections, meta);
  writeFileSync(`${outDir}/report.md`, markdown);
  console.log(`\n${markdown}\nwritten: bench-results/report.json, bench-results/report.md`);
  if (sections.some((s) => s.title === 'failed')) process.exitCode = 1;
}

await main();
