/// <reference types="node" />
// The ward/trace page over real HTTP: a Vite dev server with the demo backend (seeded, as
// `npm run demo` runs it), Chromium via playwright, and the page under the strict CSP of issue 7.
// The seeded data shows in a seeded ward's inbox; a passage posted through the API appears in
// the open inbox of its destination ward; the route view lists it, with links back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { WardMovementsPage } from '../../src/api/contract';
import { addDays, vietnamDate } from '../../src/core/dates';
import { declarePass, newKiosk, type PortalClient } from '../fixtures/portal-backend';
import { launchChromium } from '../tools/browser';
import { startViteServer, type RunningServer } from '../tools/vite-server';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'; "
  + "connect-src 'self'; img-src 'self' data: blob:";

let server: RunningServer;
let browser: Browser;
let client: PortalClient;

before(async () => {
  // 'bundle': with the 'runner' loader, vite.config.ts's late import of the kiosk PWA plugin fails
  // ("module runner has been closed"); bundled, the config runs in this process (tsx loads .ts).
  server = await startViteServer({ root: fileURLToPath(new URL('../../demo/', import.meta.url)), configLoader: 'bundle' });
  client = { base: `${server.url}/api`, send: (request) => fetch(request) };
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The dev server's own client dials a websocket (HMR/reload); the built page has no such client. */
const DEV_CLIENT_NOISE = /WebSocket|ws:\/\/127\.0\.0\.1/;

interface Watched {
  page: Page;
  problems: string[];
}

/** A page whose HTML documents carry the strict CSP; violations and page errors are collected. */
async function openPage(path: string, options: { fakeClock?: boolean } = {}): Promise<Watched> {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'UTC' });
  const page = await context.newPage();
  const problems: string[] = [];
  const note = (text: string) => {
    if (!DEV_CLIENT_NOISE.test(text)) problems.push(text);
  };
  page.on('pageerror', (error) => note(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') note(`console: ${message.text()}`);
  });
  await page.route(/\/ward\/(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  await page.exposeFunction('__cspViolation', (text: string) => note(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(text: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  if (options.fakeClock) await page.clock.install();
  await page.goto(`${server.url}${path}`);
  return { page, problems };
}

async function movements(unit: string, date: string): Promise<WardMovementsPage> {
  const response = await fetch(`${server.url}/api/wards/${unit}/movements?date=${date}&limit=200`);
  assert.equal(response.status, 200);
  return (await response.json()) as WardMovementsPage;
}

/** Vietnam wall-clock 'HH:mm' of an ISO instant (UTC+7, no DST), computed without Intl. */
const vnClock = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(11, 16);

describe('the ward/trace page', () => {
  it("shows a seeded ward's arrivals and departures on first open", async () => {
    // The seed puts passages 20–150 minutes before server start: usually today, yesterday
    // just after midnight. Ask the API which day holds them, then expect exactly those rows.
    const today = vietnamDate(new Date());
    let date = today;
    let feed = await movements('00070', date);
    if (feed.items.length === 0) {
      date = addDays(today, -1);
      feed = await movements('00070', date);
    }
    assert.ok(feed.items.length > 0, 'the seed put no passage through 00070');
    const { page, problems } = await openPage(date === today ? '/ward/' : `/ward/?unit=00070&date=${date}`);
    // One row per passage event (the list is virtualised: rows in view are in the DOM).
    const rows = page.locator('ck-ward-inbox [role="row"][data-id]');
    await page.locator('ck-ward-inbox .list').scrollIntoViewIfNeeded();
    await rows.first().waitFor();
    const shown = await page.evaluate(() => document.querySelector('ck-ward-inbox')?.visibleMovements.map((m) => m.id) ?? []);
    assert.deepEqual(shown, feed.items.map((i) => i.id));
    assert.match(await page.locator('ck-ward-inbox h2').innerText(), /Phường Hàng Trống/);
    const registry = (await (await fetch(`${server.url}/api/checkpoints`)).json()) as { items: { id: string; name: string }[] };
    const names = new Map(registry.items.map((c) => [c.id, c.name]));
    const seen = Math.min(await rows.count(), feed.items.length);
    assert.ok(seen > 0);
    for (const [i, item] of feed.items.slice(0, seen).entries()) {
      const row = rows.nth(i);
      assert.equal(await row.getAttribute('data-id'), item.id);
      assert.equal(await row.locator('time').first().innerText(), vnClock(item.at));
      const text = await row.innerText();
      if (item.person) assert.ok(text.includes(item.person.fullName), `row ${i}: ${text}`);
      // Checkpoints by their registry name, not a bare id.
      const named = names.get(item.checkpointId) ?? (item as { checkpoint?: { name: string } | null }).checkpoint?.name;
      assert.ok(named !== undefined && text.includes(named), `row ${i} names its checkpoint: ${text}`);
      const passed = (item as { passed?: boolean }).passed ?? item.decision === 'allow';
      assert.ok(text.includes(!passed ? 'Không cho qua' : item.direction === 'arrival' ? 'Đến' : 'Đi'));
    }
    // The ward picker is the inbox's searchable combobox.
    assert.equal(await page.locator('ck-ward-inbox input[role="combobox"]').inputValue(), 'Phường Hàng Trống');
    assert.equal(await page.locator('#day').inputValue(), date);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('shows a passage posted through the API in the open inbox, then its route, with links back', async () => {
    // A pass from 00070 (Hàng Trống) to 09289 (Ngọc Xá); the inbox of 09289 is open meanwhile.
    const passId = await declarePass(client, { fullName: 'Đỗ Thị Kiểm Thử' });
    const kiosk = await newKiosk(client, 'HN-E2E-01', 'CA-E2E-7');
    const date = vietnamDate(new Date());
    const { page, problems } = await openPage(`/ward/?unit=09289&date=${date}`, { fakeClock: true });
    const inbox = page.locator('ck-ward-inbox');
    await inbox.locator('.count, .status:not(.loading)').first().waitFor();
    const count = () => page.evaluate(() => document.querySelector('ck-ward-inbox')?.visibleMovements.length ?? 0);
    const before = await count();

    const record = await kiosk.pass({ passId, originUnit: '00070', destinationUnit: '09289', direction: 'out', at: Date.now() });
    // The inbox updates by itself while open (events, or polling every 15 s without them). On a
    // loaded machine the feed may arm its polling timer only after a first advance of the fake
    // clock (its event-stream attempt answered late), so the clock is advanced until the row comes.
    const row = inbox.locator('[role="row"][data-id]', { hasText: 'Đỗ Thị Kiểm Thử' });
    for (let advance = 0; advance < 4 && (await row.count()) === 0; advance++) {
      await page.clock.runFor(16_000);
      await row.waitFor({ timeout: 2_500 }).catch(() => undefined);
    }
    await inbox.locator('.list').scrollIntoViewIfNeeded();
    await row.waitFor({ timeout: 10_000 });
    assert.equal(await count(), before + 1);
    assert.match(await row.innerText(), /Mới/);
    assert.match(await row.innerText(), /HN-E2E-01|Chốt/);
    assert.match(await inbox.locator('[role="status"]').first().innerText(), /1 lượt mới/);

    // Open the route from the row, by keyboard.
    await row.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/route/${passId}$`));
    const route = page.locator('ck-route');
    // A route names a person: the tracer says why first (keyboard: the field, then Enter).
    await route.locator('[part~="reason-input"]').focus();
    await page.keyboard.type('F1 của ca bệnh 4471');
    await page.keyboard.press('Enter');
    const passage = route.locator('li.passage');
    await passage.first().waitFor();
    assert.equal(await passage.count(), 1);
    const text = await passage.innerText();
    assert.match(text, /HN-E2E-01/);
    assert.match(text, /Ra/);
    assert.match(text, /CA-E2E-7/);
    assert.equal(await passage.locator('time').getAttribute('datetime'), record.at);
    assert.match(await route.locator('.summary').innerText(), /Đỗ Thị Kiểm Thử/);
    await page.locator('#inbox-view').waitFor({ state: 'hidden', timeout: 10_000 });
    assert.match(await page.title(), /Lộ trình/);

    // The origin ward's inbox lists it as a departure.
    const origin = page.locator('#origin-inbox');
    await origin.waitFor();
    assert.match(await origin.innerText(), /Phường Hàng Trống/);
    await origin.click();
    await page.waitForURL(/unit=00070/);
    await inbox.locator('.list').scrollIntoViewIfNeeded();
    const departure = inbox.locator('[role="row"][data-id]', { hasText: 'Đỗ Thị Kiểm Thử' });
    await departure.waitFor();
    assert.match(await departure.innerText(), /Đi/);

    // And back: the list link returns to the list.
    await departure.getByRole('link').click();
    await page.locator('#back').click();
    await page.waitForURL(/#\/$/);
    // The page switches views after the hash changes: wait for it rather than sample it once.
    await page.locator('#route-view').waitFor({ state: 'hidden', timeout: 10_000 });
    await page.locator('#inbox-view').waitFor({ state: 'visible', timeout: 10_000 });

    // The page speaks English on request, elements included.
    await page.locator('.demo-lang button[data-lang="en"]').click();
    await inbox.locator('h2', { hasText: 'Arrivals and departures' }).waitFor();
    assert.match(await page.title(), /Ward/);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
