/// <reference types="node" />
// Fault switches, through the handler directly, through msw in Node (setupServer + fetch) and
// through the Node middleware over real HTTP (where a drop destroys the socket).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { createServer as createViteServer } from 'vite';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoHandlers } from '../../demo/backend/msw-handlers';
import { createNodeMiddleware, demoBackend } from '../../demo/backend/vite-plugin';
import { batchRequest, get, jsonRequest, newBackend, newDevice, readJson, register, type BatchAnswer } from './backend-support';

type Hits = { hits: { failed: number; dropped: number; droppedAfterCommit: number; rateLimited: number; delayed: number } };
type Counts = { counts: { passages: number; duplicateCommits: number } };

describe('fault switches (handler)', () => {
  it('failNext fails the next n requests with the chosen status, then recovers', async () => {
    const backend = await newBackend();
    await backend.handle(jsonRequest('/__faults', { failNext: 2, status: 500 }));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await backend.handle(get('/trust-bundle'))).status);
    assert.deepEqual(statuses, [500, 500, 200]);
    const failed = await backend.handle(jsonRequest('/__faults', { failNext: 1 }));
    assert.equal(failed.status, 200);
    const answer = await backend.handle(get('/trust-bundle'));
    assert.equal(answer.status, 503, 'default status is 503');
    assert.equal((await readJson<{ errors: { code: string }[] }>(answer)).errors[0]?.code, 'injected-failure');
    assert.equal((await readJson<Hits>(await backend.handle(get('/__state')))).hits.failed, 3);
  });

  it('only limits the switches to a path prefix', async () => {
    const backend = await newBackend();
    await backend.handle(jsonRequest('/__faults', { failNext: 1, only: '/passages' }));
    assert.equal((await backend.handle(get('/trust-bundle'))).status, 200);
    const device = await newDevice();
    await register(backend, device);
    assert.equal((await backend.handle(await batchRequest(device, [device.record({})]))).status, 503);
  });

  it('rateLimitNext answers 429 with Retry-After', async () => {
    const backend = await newBackend();
    await backend.handle(jsonRequest('/__faults', { rateLimitNext: { n: 1, retryAfterSeconds: 3 } }));
    const limited = await backend.handle(get('/.well-known/jwks.json'));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('Retry-After'), '3');
    assert.equal((await backend.handle(get('/.well-known/jwks.json'))).status, 200);
  });

  it('delayMs delays every request', async () => {
    const backend = await newBackend();
    await backend.handle(jsonRequest('/__faults', { delayMs: 120 }));
    const t0 = performance.now();
    await backend.handle(get('/.well-known/jwks.json'));
    assert.ok(performance.now() - t0 >= 110);
  });

  it('clockOffsetSeconds moves the Date header and serverTime', async () => {
    const backend = await newBackend();
    await backend.handle(jsonRequest('/__faults', { clockOffsetSeconds: 600 }));
    const device = await newDevice();
    await register(backend, device);
    const response = await backend.handle(await batchRequest(device, [device.record({})]));
    const serverTime = Date.parse((await readJson<BatchAnswer>(response)).serverTime);
    assert.ok(Math.abs(serverTime - (Date.now() + 600_000)) < 5000);
    assert.ok(Math.abs(Date.parse(response.headers.get('Date') ?? '') - (Date.now() + 600_000)) < 5000);
  });

  it('dropResponseAfterCommit commits, loses the answer, and the resend is replayed', async () => {
    const backend = await newBackend();
    const device = await newDevice();
    await register(backend, device);
    await backend.handle(jsonRequest('/__faults', { dropResponseAfterCommit: 1 }));
    const records = [device.record({}), device.record({})];
    const request = await batchRequest(device, records, { batchId: 'batch-drop-0001' });
    const body = await request.clone().text();
    const lost = await backend.handle(request);
    assert.equal(lost.type, 'error');
    assert.equal((await readJson<Counts>(await backend.handle(get('/__state')))).counts.passages, 2, 'committed before the loss');
    const resent = await backend.handle(await batchRequest(device, records, { batchId: 'batch-drop-0001', body }));
    assert.equal(resent.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual((await readJson<BatchAnswer>(resent)).accepted, records.map((r) => r.id));
    const state = await readJson<Counts & Hits>(await backend.handle(get('/__state')));
    assert.deepEqual([state.counts.passages, state.counts.duplicateCommits, state.hits.droppedAfterCommit], [2, 0, 1]);
  });

  it('refuses unknown or malformed switches, and reset clears them', async () => {
    const backend = await newBackend();
    assert.equal((await backend.handle(jsonRequest('/__faults', { explode: true }))).status, 400);
    assert.equal((await backend.handle(jsonRequest('/__faults', { failNext: -1 }))).status, 400);
    assert.equal((await backend.handle(jsonRequest('/__faults', { trustBundle: 'nope' }))).status, 400);
    await backend.handle(jsonRequest('/__faults', { failNext: 5 }));
    await backend.handle(jsonRequest('/__reset', {}));
    assert.equal((await backend.handle(get('/trust-bundle'))).status, 200);
  });
});

describe('fault switches through msw in Node (setupServer)', () => {
  const backendPromise = newBackend();
  const server = setupServer(...createDemoHandlers(backendPromise));
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  after(() => server.close());

  it('serves the contract to fetch, and dropNext makes fetch reject', async () => {
    const ok = await fetch('http://portal.test/api/.well-known/jwks.json');
    assert.equal(ok.status, 200);
    await fetch('http://portal.test/api/__faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dropNext: 1 }) });
    await assert.rejects(fetch('http://portal.test/api/.well-known/jwks.json'), TypeError);
    assert.equal((await fetch('http://portal.test/api/.well-known/jwks.json')).status, 200);
  });
});

describe('the Node middleware over real HTTP', () => {
  let server: Server;
  let origin = '';
  const backendPromise = newBackend();

  before(async () => {
    const middleware = createNodeMiddleware(backendPromise);
    server = createServer((req, res) => middleware(req, res, () => {
      res.statusCode = 418;
      res.end('not the API');
    }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes non-API paths to the next middleware', async () => {
    assert.equal((await fetch(`${origin}/index.html`)).status, 418);
    assert.equal((await fetch(`${origin}/api/.well-known/jwks.json`)).status, 200);
  });

  it('destroys the socket for dropNext and for dropResponseAfterCommit (after committing)', async () => {
    const backend = await backendPromise;
    const device = await newDevice();
    await register(backend, device);
    const post = async (request: Request) => fetch(`${origin}/api/passages`, { method: 'POST', headers: request.headers, body: await request.text() });

    await fetch(`${origin}/api/__faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dropNext: 1 }) });
    const first = [device.record({})];
    await assert.rejects(post(await batchRequest(device, first, { batchId: 'mw-batch-0001' })), TypeError);
    const afterDrop = await readJson<Counts>(await fetch(`${origin}/api/__state`));
    assert.equal(afterDrop.counts.passages, 0, 'a dropped request is not processed');

    await fetch(`${origin}/api/__faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dropResponseAfterCommit: 1 }) });
    await assert.rejects(post(await batchRequest(device, first, { batchId: 'mw-batch-0001' })), TypeError);
    const afterCommit = await readJson<Counts>(await fetch(`${origin}/api/__state`));
    assert.equal(afterCommit.counts.passages, 1, 'committed although the answer was lost');

    const replay = await post(await batchRequest(device, first, { batchId: 'mw-batch-0001' }));
    assert.equal(replay.status, 200);
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual((await readJson<BatchAnswer>(replay)).accepted, [first[0]?.id]);
  });

  it('answers 413 to a body over 4 MiB without buffering it', async () => {
    const response = await fetch(`${origin}/api/passages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(4 * 1024 * 1024 + 10) });
    assert.equal(response.status, 413);
  });

  it('304 answers carry no body', async () => {
    const first = await fetch(`${origin}/api/trust-bundle`);
    const again = await fetch(`${origin}/api/trust-bundle`, { headers: { 'If-None-Match': first.headers.get('ETag') ?? '' } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
  });
});

describe('demoBackend() as a Vite plugin', () => {
  it('serves the seeded contract under /api from a Vite dev server', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ck-vite-'));
    const vite = await createViteServer({
      configFile: false, root, logLevel: 'error', plugins: [demoBackend()],
      server: { host: '127.0.0.1', port: 0, hmr: false },
    });
    await vite.listen();
    try {
      const port = (vite.httpServer?.address() as AddressInfo).port;
      const state = await readJson<{ counts: { passes: number } }>(await fetch(`http://127.0.0.1:${port}/api/__state`));
      assert.equal(state.counts.passes, 4);
      const bundle = await fetch(`http://127.0.0.1:${port}/api/trust-bundle`);
      assert.equal(bundle.headers.get('Content-Type'), 'application/jose');
    } finally {
      await vite.close();
    }
  });
});
