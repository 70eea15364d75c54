/// <reference types="node" />
// `npm run demo` end to end on the reference server (its own process, PGlite on disk, the built
// pages under the strict CSP): the ward page says nobody is signed in and links to the sign-in
// page; the demo tracer signs in, opens a route from the ward's feed, is asked why, gives a reason
// by keyboard and sees the route; the audit log holds who, whom and why.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { vietnamDate } from '../../src/core/dates';
import { DEMO_ACCOUNTS } from '../../server/seed';
import { demoOnReferenceServer, type ChildServer, type DemoOnReferenceServer } from '../tools/reference-server';

let demo: DemoOnReferenceServer;
let server: ChildServer;
let browser: Browser;

before(async () => {
  demo = await demoOnReferenceServer('ck-server-demo');
  ({ server, browser } = demo);
});

after(async () => {
  await demo?.close();
});

function account(role: string): { username: string; password: string } {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role);
  if (!a) throw new Error(`no demo ${role}`);
  return a;
}

test('a tracer signs in from the ward page, gives a reason, sees a route, and the lookup is audited', async () => {
  const context = await browser.newContext({ locale: 'vi-VN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // The feed's 401 before signing in is expected; anything else is a fault.
    if (message.type() === 'error' && !/401/.test(message.text())) problems.push(message.text());
  });
  // The seed's latest passage of ward 00070 lies 20 minutes back.
  const date = vietnamDate(new Date(Date.now() - 20 * 60_000));
  await page.goto(`${server.url}/ward/?unit=00070&date=${date}#/`);

  const signIn = page.locator('#signed-out a#sign-in');
  await signIn.waitFor({ state: 'visible' });
  assert.match((await signIn.getAttribute('href')) ?? '', /^\/auth\/login\?next=%2Fward%2F%3Funit%3D00070/);
  await signIn.click();

  const tracer = account('tracer');
  await page.locator('#username').fill(tracer.username);
  await page.locator('#password').fill(tracer.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/ward/\\?unit=00070&date=${date}`));
  await page.locator('#signed-in').waitFor({ state: 'visible' });
  assert.match(await page.locator('#who').innerText(), /tracer\.01 \(tracer 01\)/);

  const firstRoute = page.locator('ck-ward-inbox a[href^="#/route/"]').first();
  // The inbox's list is virtualised: its rows render once the list is in view.
  await page.locator('ck-ward-inbox .list').scrollIntoViewIfNeeded({ timeout: 20_000 });
  await firstRoute.waitFor({ state: 'visible', timeout: 20_000 });
  const passId = ((await firstRoute.getAttribute('href')) ?? '').replace('#/route/', '');
  await firstRoute.click();

  const reason = page.locator('ck-route [part~="reason-input"]');
  await reason.waitFor({ state: 'visible' });
  await reason.focus();
  await page.keyboard.type('Truy vết F1 ca bệnh 4471');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (id) => {
      const route = document.querySelector('ck-route')?.shownRoute;
      return route?.passId === id && route.passages.length > 0;
    },
    passId,
    { timeout: 20_000 },
  );
  assert.ok((await page.locator('ck-route li.passage').count()) > 0);
  await context.close();

  // The administrator reads the audit log through the API.
  const admin = account('admin');
  const login = await fetch(`${server.url}/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: admin.username, password: admin.password }),
  });
  assert.equal(login.status, 200);
  const cookie = (login.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
  const audit = (await (await fetch(`${server.url}/api/admin/audit`, { headers: { Cookie: cookie } })).json()) as {
    entries: { actor: string; action: string; subject: string; reason: string | null }[];
  };
  assert.ok(
    audit.entries.some((e) => e.actor === tracer.username && e.action === 'route' && e.subject === passId && e.reason === 'Truy vết F1 ca bệnh 4471'),
    'the route lookup is in the audit log with its reason',
  );
  assert.doesNotMatch(server.output(), /Truy vết/, 'the reason never reaches the log');
  assert.deepEqual(problems, []);
});
