/// <reference types="node" />
// The demo backend against the contract of docs/api.md: every endpoint, its success answer and
// its coded failures, and the routing of each accepted passage to both wards.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readTrustBundle } from '../../src/core/trust-bundle';
import { createTrustStore } from '../../src/core/trust-store';
import { verifyPass } from '../../src/core/verify';
import { manualCode } from '../../src/core/manual-code';
import { trustStoreInit } from '../../src/core/trust-bundle';
import { DEMO_ISSUER_PUBLIC_JWKS, DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';
import { referenceDeclaration } from '../fixtures/reference';
import {
  batchRequest, declare, get, jsonRequest, newBackend, newDevice, readJson, register, type BatchAnswer,
} from './backend-support';

type Errors = { errors: { field?: string; code: string; message: string }[] };

function vnToday(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

describe('POST /declarations', () => {
  it('issues a pass that verifies against the published trust bundle', async () => {
    const backend = await newBackend();
    const created = await declare(backend);
    assert.match(created.pass, /^CK2:/); // format 1.0 issues the minimal pass
    assert.ok(Date.parse(created.validUntil) - Date.parse(created.validFrom) >= 72 * 3600 * 1000);
    const bundleText = await (await backend.handle(get('/trust-bundle'))).text();
    const read = await readTrustBundle(bundleText, DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
    assert.ok(read.ok);
    const trust = await createTrustStore(trustStoreInit(read.bundle));
    const verdict = await verifyPass(created.pass, trust, { now: new Date() });
    assert.equal(verdict.status, 'valid');
    assert.equal(verdict.pass?.passId, created.passId);
    assert.equal(verdict.pass?.declaration.origin.unitCode, '00070');
  });

  it('answers field errors with codes from the core validation', async () => {
    const backend = await newBackend();
    const response = await backend.handle(jsonRequest('/declarations', { ...referenceDeclaration(), phone: '123', fullName: '' }));
    assert.equal(response.status, 400);
    const body = await readJson<Errors>(response);
    assert.deepEqual(body.errors.map((e) => [e.field, e.code]), [['fullName', 'required'], ['phone', 'invalid-phone']]);
    assert.ok(body.errors.every((e) => e.message.length > 0));
  });

  it('refuses non-JSON bodies and content types', async () => {
    const backend = await newBackend();
    const bad = await backend.handle(jsonRequest('/declarations', '{not json'));
    assert.equal(bad.status, 400);
    assert.equal((await readJson<Errors>(bad)).errors[0]?.code, 'invalid-json');
    const form = await backend.handle(new Request('http://portal.test/api/declarations', { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }));
    assert.equal(form.status, 415);
    const huge = await backend.handle(jsonRequest('/declarations', { ...referenceDeclaration(), purposeNote: 'x'.repeat(70_000) }));
    assert.equal(huge.status, 413);
  });
});

describe('GET /.well-known/jwks.json', () => {
  it('serves the issuer public keys without private parts', async () => {
    const backend = await newBackend();
    const response = await backend.handle(get('/.well-known/jwks.json'));
    assert.equal(response.status, 200);
    const jwks = await readJson<{ keys: Record<string, unknown>[] }>(response);
    assert.deepEqual(jwks, JSON.parse(JSON.stringify(DEMO_ISSUER_PUBLIC_JWKS)));
    assert.ok(jwks.keys.every((k) => !('d' in k)));
  });
});

describe('GET /trust-bundle', () => {
  it('serves a signed bundle with an ETag and answers 304 to If-None-Match', async () => {
    const backend = await newBackend({ seed: true });
    const first = await backend.handle(get('/trust-bundle'));
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('Content-Type'), 'application/jose');
    const etag = first.headers.get('ETag');
    assert.ok(etag);
    const read = await readTrustBundle(await first.text(), DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
    assert.ok(read.ok);
    assert.deepEqual(read.bundle.riskAreas.map((a) => a.unitCode), ['09289', '00157']);
    const again = await backend.handle(get('/trust-bundle', { 'If-None-Match': etag }));
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
  });

  it('publishes a new sequence with the revocation, so the old ETag no longer matches', async () => {
    const backend = await newBackend();
    const created = await declare(backend);
    const before = await backend.handle(get('/trust-bundle'));
    const etag = before.headers.get('ETag') ?? '';
    const published = await backend.handle(jsonRequest('/__trust', { revokePassIds: [created.passId] }));
    assert.equal(published.status, 200);
    const after = await backend.handle(get('/trust-bundle', { 'If-None-Match': etag }));
    assert.equal(after.status, 200);
    const read = await readTrustBundle(await after.text(), DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
    assert.ok(read.ok);
    const old = await readTrustBundle(await before.text(), DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
    assert.ok(old.ok);
    assert.equal(read.bundle.sequence, old.bundle.sequence + 1);
    const verdict = await verifyPass(created.pass, await createTrustStore(trustStoreInit(read.bundle)), { now: new Date() });
    assert.equal(verdict.status, 'revoked');
  });
});

describe('POST /devices', () => {
  it('registers (201), re-registers the same key (200), refuses another key (409)', async () => {
    const backend = await newBackend();
    const device = await newDevice();
    const first = await register(backend, device);
    assert.equal(first.status, 201);
    const body = await readJson<{ deviceId: string; registeredAt: string }>(first);
    assert.equal(body.deviceId, device.deviceId);
    const second = await backend.handle(jsonRequest('/devices', { deviceId: device.deviceId, publicKeyJwk: device.publicJwk, checkpointId: 'HN-OTHER-02' }));
    assert.equal(second.status, 200);
    assert.equal((await readJson<{ registeredAt: string }>(second)).registeredAt, body.registeredAt);
    const other = await newDevice();
    const conflict = await backend.handle(jsonRequest('/devices', { deviceId: device.deviceId, publicKeyJwk: other.publicJwk, checkpointId: 'X1' }));
    assert.equal(conflict.status, 409);
    assert.equal((await readJson<Errors>(conflict)).errors[0]?.code, 'device-key-conflict');
  });

  it('refuses a private key, a malformed id and unknown fields', async () => {
    const backend = await newBackend();
    const device = await newDevice();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ deviceId: device.deviceId, publicKeyJwk: { ...device.publicJwk, d: 'AAAA' }, checkpointId: 'A1' }, 'publicKeyJwk', 'invalid-key'],
      [{ deviceId: 'not-a-uuid', publicKeyJwk: device.publicJwk, checkpointId: 'A1' }, 'deviceId', 'invalid-format'],
      [{ deviceId: device.deviceId, publicKeyJwk: device.publicJwk, checkpointId: 'has space' }, 'checkpointId', 'invalid-format'],
      [{ deviceId: device.deviceId, publicKeyJwk: device.publicJwk, checkpointId: 'A1', officerName: 'x' }, 'officerName', 'unexpected-field'],
    ];
    for (const [body, field, code] of cases) {
      const response = await backend.handle(jsonRequest('/devices', body));
      assert.equal(response.status, 400, JSON.stringify(body));
      const error = (await readJson<Errors>(response)).errors[0];
      assert.deepEqual([error?.field, error?.code], [field, code]);
    }
  });
});

describe('POST /passages', () => {
  it('accepts a signed batch, reports duplicates on resend, routes to both wards', async () => {
    const backend = await newBackend();
    const pass = await declare(backend);
    const device = await newDevice();
    await register(backend, device);
    const records = [device.record({ passId: pass.passId, direction: 'out' }), device.record({ passId: pass.passId, direction: 'in' })];
    const response = await backend.handle(await batchRequest(device, records));
    assert.equal(response.status, 200);
    assert.ok(response.headers.get('Date'));
    const answer = await readJson<BatchAnswer>(response);
    assert.deepEqual(answer.accepted, records.map((r) => r.id));
    assert.deepEqual([answer.duplicate, answer.rejected], [[], []]);
    assert.ok(Math.abs(Date.parse(answer.serverTime) - Date.now()) < 5000);

    const resent = await readJson<BatchAnswer>(await backend.handle(await batchRequest(device, records)));
    assert.deepEqual(resent.accepted, []);
    assert.deepEqual(resent.duplicate, records.map((r) => r.id));

    const day = vnToday();
    const origin = await readJson<{ items: { passageId: string; direction: string; person: { fullName: string } | null }[] }>(
      await backend.handle(get(`/wards/00070/movements?date=${day}`)),
    );
    const destination = await readJson<{ items: { passageId: string; direction: string }[] }>(
      await backend.handle(get(`/wards/09289/movements?date=${day}`)),
    );
    assert.deepEqual(origin.items.map((i) => i.direction), ['departure', 'departure']);
    assert.deepEqual(destination.items.map((i) => i.direction), ['arrival', 'arrival']);
    assert.deepEqual(new Set(origin.items.map((i) => i.passageId)), new Set(records.map((r) => r.id)));
    assert.equal(origin.items[0]?.person?.fullName, 'Nguyễn Thị Minh Khai');
    const state = await readJson<{ counts: { passages: number; feedEntries: number; duplicateCommits: number } }>(await backend.handle(get('/__state')));
    assert.deepEqual([state.counts.passages, state.counts.feedEntries, state.counts.duplicateCommits], [2, 4, 0]);
  });

  it('rejects bad records one by one with coded reasons and keeps the good ones', async () => {
    const backend = await newBackend();
    const pass = await declare(backend);
    const device = await newDevice();
    await register(backend, device);
    const good = device.record({ passId: pass.passId });
    // The link of a record is checked against its predecessor when the portal holds that one.
    const brokenLink = device.record({ passId: pass.passId, prevHash: 'f'.repeat(64) });
    const tampered = { ...device.record({ passId: pass.passId }), officerId: 'CA-OTHER' };
    const wrongUnits = device.record({ passId: pass.passId, originUnit: '00001' });
    const withName = { ...device.record({ passId: pass.passId }), fullName: 'Nguyễn Văn A' };
    const byCode = device.record({ manualCode: manualCode(pass.passId) });
    // Built by hand: the kit's own serialiser would drop the unknown key before sending.
    const batchId = 'batch-with-pii-0001';
    const body = JSON.stringify({ deviceId: device.deviceId, batchId, records: [good, brokenLink, tampered, wrongUnits, withName, byCode] });
    const answer = await readJson<BatchAnswer>(await backend.handle(await batchRequest(device, [], { batchId, body })));
    assert.deepEqual(answer.accepted, [good.id, byCode.id]);
    assert.deepEqual(
      answer.rejected.map((r) => [r.id, r.code]),
      [[brokenLink.id, 'chain-broken'], [tampered.id, 'bad-hash'], [wrongUnits.id, 'unit-mismatch'], [withName.id, 'unexpected-field']],
    );
    const route = await readJson<{ passages: { id: string }[] }>(await backend.handle(get(`/passes/${pass.passId}/route`)));
    assert.deepEqual(route.passages.map((p) => p.id), [good.id, byCode.id], 'a manual-code passage joins its pass route');
  });

  it('refuses a second record in a taken sequence slot and a record of another device', async () => {
    const backend = await newBackend();
    const device = await newDevice();
    const other = await newDevice();
    await register(backend, device);
    const first = device.record({});
    await backend.handle(await batchRequest(device, [first]));
    device.seq = 0;
    device.head = first.prevHash;
    const forked = device.record({ checkpointId: 'FORK-1' });
    const foreign = other.record({});
    const answer = await readJson<BatchAnswer>(await backend.handle(await batchRequest(device, [forked, foreign])));
    assert.deepEqual(answer.rejected.map((r) => r.code), ['seq-conflict', 'device-mismatch']);
  });

  it('answers 401 for an unknown device or a bad signature, 400 without a key, 413 past 1000 records', async () => {
    const backend = await newBackend();
    const device = await newDevice();
    const unknown = await backend.handle(await batchRequest(device, [device.record({})]));
    assert.equal(unknown.status, 401);
    assert.equal((await readJson<Errors>(unknown)).errors[0]?.code, 'unknown-device');

    await register(backend, device);
    const records = [device.record({})];
    const request = await batchRequest(device, records);
    const tamperedBody = (await request.text()).replace('"CA-TEST-1"', '"CA-TEST-2"');
    const forged = await backend.handle(await batchRequest(device, records, { body: tamperedBody, signature: request.headers.get('X-Signature') ?? '' }));
    assert.equal(forged.status, 401);
    assert.equal((await readJson<Errors>(forged)).errors[0]?.code, 'bad-signature');

    const noKey = new Request('http://portal.test/api/passages', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', 'X-Device-Id': device.deviceId } });
    assert.equal((await backend.handle(noKey)).status, 400);

    const many = Array.from({ length: 1001 }, () => device.record({}));
    const tooMany = await backend.handle(await batchRequest(device, many));
    assert.equal(tooMany.status, 413);
    assert.equal((await readJson<Errors>(tooMany)).errors[0]?.code, 'too-many-records');
  });

  it('refuses an envelope whose batchId is not the Idempotency-Key', async () => {
    const backend = await newBackend();
    const device = await newDevice();
    await register(backend, device);
    const body = JSON.stringify({ deviceId: device.deviceId, batchId: 'another-batch-id', records: [device.record({})] });
    const response = await backend.handle(await batchRequest(device, [], { batchId: 'the-key-0001', body }));
    assert.equal(response.status, 400);
    assert.equal((await readJson<Errors>(response)).errors[0]?.code, 'batch-id-mismatch');
  });
});

describe('GET /wards/{unitCode}/movements', () => {
  it('pages newest first with a cursor, filters by direction and day, answers 304 to its ETag', async () => {
    const backend = await newBackend();
    const device = await newDevice();
    await register(backend, device);
    // Seven passages a minute apart within one Vietnam day (an hour before 00:xx in Vietnam is
    // the day before), and the day asked for is theirs.
    const vnDay = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
    let base = Date.now() - 60 * 60_000;
    if (vnDay(base) !== vnDay(base + 6.5 * 60_000)) base -= 7 * 60_000;
    const records = Array.from({ length: 7 }, (_, i) => device.record({ at: new Date(base + i * 60_000).toISOString() }));
    await backend.handle(await batchRequest(device, records));
    const day = vnDay(base);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/wards/00070/movements?date=${day}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await readJson<{ items: { passageId: string }[]; nextCursor: string | null }>(await backend.handle(get(query)));
      seen.push(...page.items.map((i) => i.passageId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, records.map((r) => r.id).reverse());

    const arrivals = await readJson<{ items: unknown[] }>(await backend.handle(get(`/wards/00070/movements?date=${day}&direction=arrival`)));
    assert.equal(arrivals.items.length, 0);
    const otherDay = await readJson<{ items: unknown[] }>(await backend.handle(get('/wards/00070/movements?date=2001-01-01')));
    assert.equal(otherDay.items.length, 0);

    const first = await backend.handle(get(`/wards/09289/movements?date=${day}`));
    const etag = first.headers.get('ETag') ?? '';
    assert.equal((await backend.handle(get(`/wards/09289/movements?date=${day}`, { 'If-None-Match': etag }))).status, 304);
    await backend.handle(await batchRequest(device, [device.record({ at: new Date(base + 6.5 * 60_000).toISOString() })]));
    assert.equal((await backend.handle(get(`/wards/09289/movements?date=${day}`, { 'If-None-Match': etag }))).status, 200);
  });

  it('refuses malformed parameters with the field named', async () => {
    const backend = await newBackend();
    const cases: [string, string][] = [
      ['/wards/70/movements?date=2024-01-01', 'unitCode'],
      ['/wards/00070/movements', 'date'],
      ['/wards/00070/movements?date=2024-02-30', 'date'],
      ['/wards/00070/movements?date=2024-01-01&direction=north', 'direction'],
      ['/wards/00070/movements?date=2024-01-01&limit=2001', 'limit'],
      ['/wards/00070/movements?date=2024-01-01&cursor=AAAA', 'cursor'],
    ];
    for (const [path, field] of cases) {
      const response = await backend.handle(get(path));
      assert.equal(response.status, 400, path);
      assert.equal((await readJson<Errors>(response)).errors[0]?.field, field, path);
    }
  });
});

describe('GET /passes/{passId}/route', () => {
  it('lists every passage of the pass in time order, with checkpoint, direction and decision', async () => {
    const backend = await newBackend();
    const pass = await declare(backend);
    const hn = await newDevice('HN-QL1A-01');
    const bn = await newDevice('BN-QL18-02');
    await register(backend, hn);
    await register(backend, bn);
    const t0 = Date.now() - 3 * 3_600_000;
    const late = bn.record({ passId: pass.passId, direction: 'in', at: new Date(t0 + 2 * 3_600_000).toISOString(), decision: 'refer' });
    const early = hn.record({ passId: pass.passId, direction: 'out', at: new Date(t0).toISOString() });
    await backend.handle(await batchRequest(bn, [late]));
    await backend.handle(await batchRequest(hn, [early]));
    const route = await readJson<{ known: boolean; person: { fullName: string }; passages: { id: string; checkpointId: string; direction: string; decision: string }[] }>(
      await backend.handle(get(`/passes/${pass.passId}/route`)),
    );
    assert.equal(route.known, true);
    assert.equal(route.person.fullName, 'Nguyễn Thị Minh Khai');
    assert.deepEqual(route.passages.map((p) => [p.id, p.checkpointId, p.direction, p.decision]), [
      [early.id, 'HN-QL1A-01', 'out', 'allow'],
      [late.id, 'BN-QL18-02', 'in', 'refer'],
    ]);
  });

  it('answers 404 for an unknown pass and 400 for a malformed id', async () => {
    const backend = await newBackend();
    const missing = await backend.handle(get('/passes/AAAAAAAAAAAAAAAAAAAAAA/route'));
    assert.equal(missing.status, 404);
    assert.equal((await readJson<Errors>(missing)).errors[0]?.code, 'pass-not-found');
    assert.equal((await backend.handle(get('/passes/short/route'))).status, 400);
  });
});

describe('routing and errors', () => {
  it('answers unknown paths 404 and wrong methods 405 with Allow, always as { errors }', async () => {
    const backend = await newBackend();
    const missing = await backend.handle(get('/nothing-here'));
    assert.equal(missing.status, 404);
    assert.equal((await readJson<Errors>(missing)).errors[0]?.code, 'not-found');
    const wrong = await backend.handle(get('/passages'));
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('Allow'), 'POST');
    assert.equal((await readJson<Errors>(wrong)).errors[0]?.code, 'method-not-allowed');
  });

  it('serves a configurable base path', async () => {
    const backend = await newBackend({ base: '/portal/v1' });
    assert.equal(backend.matches('/portal/v1/trust-bundle'), true);
    assert.equal(backend.matches('/api/trust-bundle'), false);
    assert.equal((await backend.handle(new Request('http://x.test/portal/v1/.well-known/jwks.json'))).status, 200);
  });

  it('seeds passes and passages in Hà Nội and Bắc Ninh wards', async () => {
    const backend = await newBackend({ seed: true });
    const state = await readJson<{ counts: { passes: number; passages: number; wards: Record<string, unknown> } }>(await backend.handle(get('/__state')));
    assert.equal(state.counts.passes, 4);
    assert.equal(state.counts.passages, 6);
    assert.ok('00070' in state.counts.wards && '09289' in state.counts.wards);
    await backend.reset({ seed: false });
    const cleared = await readJson<{ counts: { passes: number } }>(await backend.handle(get('/__state')));
    assert.equal(cleared.counts.passes, 0);
  });
});
