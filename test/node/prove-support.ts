/// <reference types="node" />
// Shared by the prove-* page tests (the demo itself is served by test/tools/demo-server.ts):
// watchers for what a page reports: CSP violations (from an init script, before any page
// script runs), console output and script errors.
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';

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
