/// <reference types="node" />
// The typed client (src/api) against the demo backend through msw in Node, plus the defensive
// parsing: wrong shapes, oversize bodies, ids that were not sent, status codes → coded errors.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerDevice } from '../../src/api/devices';
import { ApiError } from '../../src/api/http';
import { fetchWardMovements } from '../../src/api/movements';
import { parseBatchResult, passageBatchBody, postPassageBatch } from '../../src/api/passages';
import { fetchPassRoute } from '../../src/api/routes';
import { fetchTrustBundle } from '../../src/api/trust';
import { readTrustBundle } from '../../src/core/trust-bundle';
import { createDemoHandlers } from '../../demo/backend/msw-handlers';
import { DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';
import { declare, newBackend, newDevice } from './backend-support';

const API = 'http://portal.test/api';
const backendPromise = newBackend();
const server = setupServer(...createDemoHandlers(backendPromise));

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  server.resetHandlers();
  await (await backendPromise).reset();
});
after(() => server.close());

async function registered() {
  const device = await newDevice();
  await registerDevice(API, { deviceId: device.deviceId, publicKeyJwk: device.publicJwk as never, checkpointId: device.checkpointId });
  return device;
}

async function expectApiError(promise: Promise<unknown>, code: string, status?: number): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected ApiError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (status !== undefined) assert.equal(error.status, status);
    return error;
  }
  assert.fail(`expected ApiError ${code}`);
}

describe('postPassageBatch', () => {
  it('sends the canonical body signed, and a resend of the same batch is replayed', async () => {
    const device = await registered();
    const records = [device.record({}), device.record({})];
    const batch = { deviceId: device.deviceId, batchId: 'client-batch-0001', records };
    const first = await postPassageBatch(API, batch, (bytes) => device.sign(new TextDecoder().decode(bytes)));
    assert.deepEqual(first.result.accepted, records.map((r) => r.id));
    assert.equal(first.replayed, false);
    assert.ok(first.serverDate instanceof Date);
    const again = await postPassageBatch(API, batch, (bytes) => device.sign(new TextDecoder().decode(bytes)));
    assert.equal(again.replayed, true);
    assert.deepEqual(again.result, first.result);
  });

  it('passageBatchBody is deterministic canonical JSON', async () => {
    const device = await newDevice();
    const records = [device.record({ clockSkewMs: -1200 })];
    const body = passageBatchBody({ deviceId: device.deviceId, batchId: 'b-0000001', records });
    assert.equal(body, passageBatchBody({ records, batchId: 'b-0000001', deviceId: device.deviceId }));
    assert.deepEqual(JSON.parse(body), { batchId: 'b-0000001', deviceId: device.deviceId, records: JSON.parse(JSON.stringify(records)) });
    assert.ok(!/\s/.test(body.replace(/"[^"]*"/g, '')), 'no whitespace outside strings');
  });

  it('turns 401 into an ApiError carrying the server code', async () => {
    const device = await newDevice();
    const error = await expectApiError(
      postPassageBatch(API, { deviceId: device.deviceId, batchId: 'client-batch-0002', records: [device.record({})] }, (b) => device.sign(new TextDecoder().decode(b))),
      'client',
      401,
    );
    assert.ok(error instanceof ApiError);
    assert.equal(error.serverCode, 'unknown-device');
  });

  it('429 → rate-limited with retryAfterMs; a dropped connection → network', async () => {
    const device = await registered();
    const batch = { deviceId: device.deviceId, batchId: 'client-batch-0003', records: [device.record({})] };
    const sign = (b: Uint8Array) => device.sign(new TextDecoder().decode(b));
    await fetch(`${API}/__faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rateLimitNext: { n: 1, retryAfterSeconds: 2 } }) });
    const limited = await expectApiError(postPassageBatch(API, batch, sign), 'rate-limited', 429);
    assert.equal(limited.retryAfterMs, 2000);
    assert.equal(limited.retryable, true);
    await fetch(`${API}/__faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dropNext: 1 }) });
    const dropped = await expectApiError(postPassageBatch(API, batch, sign), 'network');
    assert.equal(dropped.retryable, true);
    await fetch(`${API}/__faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ failNext: 1 }) });
    await expectApiError(postPassageBatch(API, batch, sign), 'server', 503);
  });

  it('parseBatchResult refuses ids that were not sent, duplicates and malformed serverTime', () => {
    const id = '01900000-0000-7000-8000-000000000001';
    const other = '01900000-0000-7000-8000-000000000002';
    const ok = { accepted: [id], duplicate: [], rejected: [], serverTime: '2025-01-01T00:00:00.000Z' };
    assert.deepEqual(parseBatchResult(ok, [id]), { ...ok, missing: [], held: [] });
    assert.throws(() => parseBatchResult({ ...ok, accepted: [other] }, [id]), (e: unknown) => e instanceof ApiError && e.code === 'bad-response');
    assert.throws(() => parseBatchResult({ ...ok, duplicate: [id] }, [id]), ApiError);
    assert.throws(() => parseBatchResult({ ...ok, serverTime: 'noon' }, [id]), ApiError);
    assert.throws(() => parseBatchResult({ ...ok, rejected: [{ id, code: 'Bad Code!', message: '' }] }, [id]), ApiError);
    assert.throws(() => parseBatchResult('[]', [id]), ApiError);
  });

  it('parseBatchResult reads the portal’s missing ranges and held records, and refuses bad ones', () => {
    const id = '01900000-0000-7000-8000-000000000001';
    const other = '01900000-0000-7000-8000-000000000002';
    const base = { accepted: [], duplicate: [], rejected: [], serverTime: '2025-01-01T00:00:00.000Z' };
    const read = parseBatchResult({ ...base, missing: [{ from: 2, to: 4 }], held: [{ id, code: 'pending-link' }] }, [id]);
    assert.deepEqual(read.missing, [{ from: 2, to: 4 }]);
    assert.deepEqual(read.held, [{ id, code: 'pending-link' }]);
    for (const bad of [
      { missing: [{ from: 4, to: 2 }] }, { missing: [{ from: 0, to: 1 }] }, { missing: [{ from: 1.5, to: 2 }] }, { missing: {} },
      { held: [{ id: other, code: 'pending-link' }] }, { held: [{ id, code: 'pending-link' }, { id, code: 'pending-link' }] }, { held: [{ id, code: 'Bad!' }] },
    ]) {
      assert.throws(() => parseBatchResult({ ...base, ...bad }, [id]), ApiError, JSON.stringify(bad));
    }
  });

  it('passageBatchBody puts alarms first (sorted keys) only when there are any', () => {
    const batch = { batchId: '01900000-0000-7000-8000-0000000000aa', deviceId: '01900000-0000-7000-8000-0000000000bb', records: [] };
    assert.equal(passageBatchBody(batch), `{"batchId":"${batch.batchId}","deviceId":"${batch.deviceId}","records":[]}`);
    assert.equal(passageBatchBody({ ...batch, alarms: [] }), passageBatchBody(batch));
    const alarm = { code: 'record-missing' as const, fromSeq: 41, toSeq: 41, detectedAt: '2026-12-01T10:00:00.000Z' };
    assert.equal(
      passageBatchBody({ ...batch, alarms: [alarm] }),
      `{"alarms":[{"code":"record-missing","detectedAt":"2026-12-01T10:00:00.000Z","fromSeq":41,"toSeq":41}],"batchId":"${batch.batchId}","deviceId":"${batch.deviceId}","records":[]}`,
    );
  });
});

describe('fetchTrustBundle', () => {
  it('returns the bundle with its ETag, then not-modified', async () => {
    const first = await fetchTrustBundle(API);
    assert.equal(first.status, 'ok');
    if (first.status !== 'ok') return;
    assert.ok((await readTrustBundle(first.text, DEMO_TRUST_ANCHOR_PUBLIC_JWKS)).ok);
    const second = await fetchTrustBundle(API, { etag: first.etag });
    assert.equal(second.status, 'not-modified');
  });

  it('refuses a body over the size cap while reading it', async () => {
    server.use(http.get(`${API}/trust-bundle`, () => new HttpResponse('A'.repeat(4 * 1024 * 1024 + 1), { headers: { 'Content-Type': 'application/jose' } })));
    await expectApiError(fetchTrustBundle(API), 'too-large');
  });
});

describe('fetchWardMovements and fetchPassRoute', () => {
  it('read the movements page and the route of a pass issued and scanned', async () => {
    const backend = await backendPromise;
    const pass = await declare(backend);
    const device = await registered();
    const record = device.record({ passId: pass.passId });
    await postPassageBatch(API, { deviceId: device.deviceId, batchId: 'client-batch-0004', records: [record] }, (b) => device.sign(new TextDecoder().decode(b)));
    const date = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const page = await fetchWardMovements(API, { unitCode: '09289', date });
    assert.equal(page.notModified, false);
    if (page.notModified) return;
    assert.deepEqual(page.page.items.map((i) => [i.passageId, i.direction, i.person?.fullName]), [[record.id, 'arrival', 'Nguyễn Thị Minh Khai']]);
    const again = await fetchWardMovements(API, { unitCode: '09289', date }, { etag: page.etag });
    assert.equal(again.notModified, true);
    const sent: (string | null)[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.endsWith('/route')) sent.push(request.headers.get('X-Lookup-Reason'));
    });
    const route = await fetchPassRoute(API, pass.passId, { reason: ' Truy vết F1 ' });
    server.events.removeAllListeners('request:start');
    assert.deepEqual(route?.passages.map((p) => p.id), [record.id]);
    assert.deepEqual(sent, [encodeURIComponent('Truy vết F1')]);
    await assert.rejects(fetchPassRoute(API, pass.passId, { reason: 'x' }), RangeError);
    assert.equal(await fetchPassRoute(API, 'AAAAAAAAAAAAAAAAAAAAAA'), null);
  });

  it('refuse answers of the wrong shape as bad-response, and bad queries before sending', async () => {
    server.use(
      http.get(`${API}/wards/:unit/movements`, () => HttpResponse.json({ unitCode: '00070', date: '2025-01-01', items: [{ id: 'x' }], nextCursor: null })),
      http.get(`${API}/passes/:id/route`, () => HttpResponse.json({ passId: 'AAAAAAAAAAAAAAAAAAAAAA', passages: 'none' })),
    );
    await expectApiError(fetchWardMovements(API, { unitCode: '00070', date: '2025-01-01' }), 'bad-response');
    await expectApiError(fetchPassRoute(API, 'AAAAAAAAAAAAAAAAAAAAAA'), 'bad-response');
    await assert.rejects(fetchWardMovements(API, { unitCode: '70', date: '2025-01-01' }), RangeError);
    await assert.rejects(fetchPassRoute(API, 'bad'), RangeError);
  });

  it('a 400 with field errors becomes a validation error', async () => {
    server.use(http.get(`${API}/wards/:unit/movements`, () => HttpResponse.json({ errors: [{ field: 'date', code: 'invalid-date', message: 'bad day' }] }, { status: 400 })));
    const error = await expectApiError(fetchWardMovements(API, { unitCode: '00070', date: '2025-01-01' }), 'validation', 400);
    assert.deepEqual(error.fieldErrors, [{ field: 'date', code: 'invalid-date', message: 'bad day' }]);
  });
});

describe('registerDevice', () => {
  it('answers 409 device-key-conflict as an ApiError with the server code', async () => {
    const a = await registered();
    const b = await newDevice();
    const error = await expectApiError(
      registerDevice(API, { deviceId: a.deviceId, publicKeyJwk: b.publicJwk as never, checkpointId: 'X1' }),
      'conflict',
      409,
    );
    assert.equal((error as ApiError).serverCode, 'device-key-conflict');
  });
});
