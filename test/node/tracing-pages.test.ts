/// <reference types="node" />
// The tracer and command pages on the reference server (`npm run demo`: its own process, PGlite
// on disk, the built pages under the strict CSP): the demo tracer signs in, the command view shows
// what GET /stats/checkpoints answers for today (checkpoint names from the registry, uPlot charts
// drawn under `style-src 'self'`), and <ck-exposure> finds a seeded case's contacts with a reason,
// as the exposure endpoint lists them. No CSP violation, no page error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { vietnamDate } from '../../src/core/dates';
import { DEMO_ACCOUNTS } from '../../server/seed';
import { demoOnReferenceServer, type ChildServer, type DemoOnReferenceServer } from '../tools/reference-server';

let demo: DemoOnReferenceServer;
let server: ChildServer;
let browser: Browser;

before(async () => {
  demo = await demoOnReferenceServer('ck-tracing-pages');
  ({ server, browser } = demo);
});

after(async () => {
  await demo?.close();
});

/** A signed-in tracer's page; CSP violations and page errors are collected. */
async function tracerPage(next: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'vi-VN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('__cspViolation', (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(text: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const tracer = DEMO_ACCOUNTS.find((a) => a.role === 'tracer');
  if (!tracer) throw new Error('no demo tracer');
  await page.goto(`${server.url}/auth/login?${new URLSearchParams({ next })}`);
  await page.locator('#username').fill(tracer.username);
  await page.locator('#password').fill(tracer.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(new RegExp(next.replace(/[/?]/g, '\\$&')));
  return { page, problems };
}

test('the command page shows what the stats endpoint says for today, charts drawn under the strict CSP', async () => {
  const { page, problems } = await tracerPage('/command/');
  const today = vietnamDate(new Date());
  const answer = (await (await page.request.get(`${server.url}/api/stats/checkpoints?date=${today}`)).json()) as {
    checkpoints: { id: string; name: string; hours: Record<string, number>[] }[];
  };
  assert.ok(answer.checkpoints.length > 0, 'the seed has checkpoints in the tracer province');
  await page.locator('ck-checkpoint-stats [part~="checkpoints-table"] tbody tr').first().waitFor({ timeout: 20_000 });
  const rows = await page.locator('ck-checkpoint-stats [part~="checkpoints-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    id: (tr as HTMLElement).dataset.checkpoint,
    name: tr.querySelector('th bdi')?.textContent ?? '',
    in: Number(tr.querySelector('[data-field="in"]')?.textContent),
    out: Number(tr.querySelector('[data-field="out"]')?.textContent),
  })));
  for (const c of answer.checkpoints) {
    const row = rows.find((r) => r.id === c.id);
    assert.ok(row, `${c.id} is listed`);
    assert.equal(row.name, c.name);
    assert.equal(row.in, c.hours.reduce((s, h) => s + (h.in ?? 0), 0));
    assert.equal(row.out, c.hours.reduce((s, h) => s + (h.out ?? 0), 0));
  }
  await page.waitForFunction(() => document.querySelector('ck-checkpoint-stats')?.shadowRoot?.querySelectorAll('.plot canvas').length === 3, null, { timeout: 20_000 });
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('the tracer page finds a seeded case’s contacts with a reason, as the exposure endpoint lists them', async () => {
  const { page, problems } = await tracerPage('/tracer/');
  // A seeded passage of ward 00070 gives the case.
  const date = vietnamDate(new Date(Date.now() - 20 * 60_000));
  const feed = (await (await page.request.get(`${server.url}/api/wards/00070/movements?date=${date}`)).json()) as { items: { passId: string | null }[] };
  const passId = feed.items.find((i) => i.passId)?.passId;
  assert.ok(passId, 'the seed has a passage with a pass id');
  const reason = 'Ca bệnh số 4471 (kiểm thử)';
  const expected = (await (await page.request.get(`${server.url}/api/exposure?passId=${passId}&windowMinutes=15`, {
    headers: { 'X-Lookup-Reason': encodeURIComponent(reason) },
  })).json()) as { contacts: { key: string }[] };

  await page.locator('ck-exposure #pass-id').fill(passId);
  await page.locator('ck-exposure #reason').fill(reason);
  await page.locator('ck-exposure #reason').press('Enter');
  await page.locator('ck-exposure [part~="case"]').waitFor({ timeout: 20_000 });
  const keys = await page.locator('ck-exposure tr[part~="contact"]').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.key));
  assert.deepEqual(keys, expected.contacts.map((c) => c.key));
  assert.match(await page.locator('ck-exposure [part~="case"]').innerText(), new RegExp(`${expected.contacts.length} người tiếp xúc`));
  assert.match(page.url(), new RegExp(`[?&]case=${passId}`));
  assert.deepEqual(problems, []);
  await page.context().close();
});
