/// <reference types="node" />
// Shared by the prove-* page tests: the demo's production build served by `vite preview` (which
// sends the strict Content-Security-Policy of vite.config.ts), and watchers for what a page
// reports: CSP violations (from an init script, before any page script runs), console output
// and script errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';

process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
const configFile = fileURLToPath(new URL('../../vite.config.ts', import.meta.url));

export interface PreviewedDemo {
  url: string;
  close(): Promise<void>;
}

/** Builds the demo into a temp dir (never the shared dist-demo) and serves it with `vite preview`. */
export async function previewDemo(): Promise<PreviewedDemo> {
  const outDir = mkdtempSync(join(tmpdir(), 'ck-prove-dist-'));
  await build({ configFile, configLoader: 'runner', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server: PreviewServer = await preview({
    configFile,
    configLoader: 'runner',
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export interface CspViolation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
  line: number;
  column: number;
  disposition: string;
}

declare global {
  interface Window {
    __ckCspViolations?: CspViolation[];
  }
}

/**
 * Records every `securitypolicyviolation` of every page of the context (the event is composed,
 * so violations inside shadow roots reach the document listener too).
 */
export async function watchCsp(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const list: CspViolation[] = [];
    window.__ckCspViolations = list;
    document.addEventListener('securitypolicyviolation', (e) => {
      list.push({
        directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile,
        line: e.lineNumber, column: e.columnNumber, disposition: e.disposition,
      });
    }, true);
  });
}

export async function cspViolations(page: Page): Promise<CspViolation[]> {
  return page.evaluate(() => window.__ckCspViolations ?? []);
}

export interface PageLog {
  console: { type: string; text: string; location: string }[];
  errors: string[];
}

/** Everything a page writes to the console and every uncaught error, as they happen. */
export function recordPage(page: Page, log: PageLog = { console: [], errors: [] }): PageLog {
  page.on('console', (m: ConsoleMessage) => {
    const where = m.location();
    log.console.push({ type: m.type(), text: m.text(), location: `${where.url}:${where.lineNumber}` });
  });
  page.on('pageerror', (e) => log.errors.push(`${e.name}: ${e.message}`));
  return log;
}

/** Console lines that report a CSP refusal ("Refused to apply inline style …"). */
export function cspConsoleLines(log: PageLog): string[] {
  return log.console.filter((m) => /Content Security Policy|Refused to (apply|load|execute|create|connect|evaluate|compile)/i.test(m.text)).map((m) => `${m.text} @ ${m.location}`);
}
