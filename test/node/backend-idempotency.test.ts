/// <reference types="node" />
// Idempotency keys: same key + same body → the stored answer replayed; same key + another body
// → 409; concurrent requests with one key → one effect; failures never stick to a key.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referenceDeclaration } from '../fixtures/reference';
import { batchRequest, get, jsonRequest, newBackend, newDevice, readJson, register, type BatchAnswer } from './backend-support';

type State = { counts: { passes: number; passages: number; feedEntries: number; duplicateCommits: number; idempotencyRecords: number } };

describe('Idempotency-Key on POST /declarations', () => {
  it('replays the same pass for the same key and body, 409 for another body', async () => {
    const backend = await newBackend();
    const body = referenceDeclaration();
    const first = await backend.handle(jsonRequest('/declarations', body, { headers: { 'Idempotency-Key': 'decl-key-0001' } }));
    const second = await backend.handle(jsonRequest('/declarations', body, { headers: { 'Idempotency-Key': 'decl-key-0001' } }));
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(first.headers.get('Idempotent-Replayed'), null);
    assert.equal(second.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(await second.text(), await first.text());
    const other = await backend.handle(jsonRequest('/declarations', { ...body, phone: '0987654321' }, { headers: { 'Idempotency-Key': 'decl-key-0001' } }));
    assert.equal(other.status, 409);
    assert.equal((await readJson<{ errors: { code: string }[] }>(other)).errors[0]?.code, 'idempotency-key-reused');
    const state = await readJson<State>(await backend.handle(get('/__state')));
    assert.equal(state.counts.passes, 1);
  });

  it('issues once for concurrent requests carrying one key', async () => {
    const backend = await newBackend();
    const body = referenceDeclaration();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => backend.handle(jsonRequest('/declarations', body, { headers: { 'Idempotency-Key': 'decl-key-0002' } }))),
    );
    const passIds = new Set(await Promise.all(answers.map(async (a) => (await readJson<{ passId: string }>(a)).passId)));
    assert.equal(passIds.size, 1);
    assert.equal((await readJson<State>(await backend.handle(get('/__state')))).counts.passes, 1);
  });

  it('without a key every request issues a new pass', async () => {
    const backend = await newBackend();
    await backend.handle(jsonRequest('/declarations', referenceDeclaration()));
    await backend.handle(jsonRequest('/declarations', referenceDeclaration()));
    assert.equal((await readJson<State>(await backend.handle(get('/__state')))).counts.passes, 2);
  });

  it('refuses a malformed key', async () => {
    const backend = await newBackend();
    const response = await backend.handle(jsonRequest('/declarations', referenceDeclaration(), { headers: { 'Idempotency-Key': 'short' } }));
    assert.equal(response.status, 400);
  });
});

describe('Idempotency-Key on POST /passages (the batch id)', () => {
  it('replays the exact answer of a committed batch and commits nothing twice', async () => {
    const backend = await newBackend();
    const device = await newDevice();
    await register(backend, device);
    const records = [device.record({}), device.record({})];
    const request = await batchRequest(device, records, { batchId: 'batch-0001-aaaa' });
    const body = await request.clone().text();
    const signature = request.headers.get('X-Signature') ?? '';
    const first = await backend.handle(request);
    const replay = await backend.handle(await batchRequest(device, records, { batchId: 'batch-0001-aaaa', body, signature }));
    const firstText = await first.text();
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(await replay.text(), firstText);
    assert.deepEqual((JSON.parse(firstText) as BatchAnswer).accepted, records.map((r) => r.id));
    const state = await readJson<State>(await backend.handle(get('/__state')));
    assert.deepEqual([state.counts.passages, state.counts.feedEntries, state.counts.duplicateCommits], [2, 4, 0]);
  });

  it('answers 409 when a batch id is reused for other records', async () => {
    const backend = await newBackend();
    const device = await newDevice();
    await register(backend, device);
    await backend.handle(await batchRequest(device, [device.record({})], { batchId: 'batch-0002-aaaa' }));
    const reused = await backend.handle(await batchRequest(device, [device.record({})], { batchId: 'batch-0002-aaaa' }));
    assert.equal(reused.status, 409);
  });

  it('handles concurrent sends of one batch once (the second waits, then replays)', async () => {
    const backend = await newBackend();
    const device = await newDevice();
    await register(backend, device);
    const records = Array.from({ length: 50 }, () => device.record({}));
    const request = await batchRequest(device, records, { batchId: 'batch-0003-aaaa' });
    const body = await request.clone().text();
    const signature = request.headers.get('X-Signature') ?? '';
    const answers = await Promise.all([
      backend.handle(request),
      backend.handle(await batchRequest(device, records, { batchId: 'batch-0003-aaaa', body, signature })),
      backend.handle(await batchRequest(device, records, { batchId: 'batch-0003-aaaa', body, signature })),
    ]);
    const texts = await Promise.all(answers.map((a) => a.text()));
    assert.ok(texts.every((t) => t === texts[0]));
    const state = await readJson<State>(await backend.handle(get('/__state')));
    assert.deepEqual([state.counts.passages, state.counts.duplicateCommits, state.counts.idempotencyRecords], [50, 0, 1]);
  });

  it('does not store failures: a batch refused as unknown-device succeeds under the same key after registration', async () => {
    const backend = await newBackend();
    const device = await newDevice();
    const records = [device.record({})];
    const refused = await backend.handle(await batchRequest(device, records, { batchId: 'batch-0004-aaaa' }));
    assert.equal(refused.status, 401);
    await register(backend, device);
    const accepted = await backend.handle(await batchRequest(device, records, { batchId: 'batch-0004-aaaa' }));
    assert.equal(accepted.status, 200);
    assert.deepEqual((await readJson<BatchAnswer>(accepted)).accepted, [records[0]?.id]);
  });

  it('keys are per device: two devices may use the same batch id', async () => {
    const backend = await newBackend();
    const a = await newDevice();
    const b = await newDevice();
    await register(backend, a);
    await register(backend, b);
    const ra = await backend.handle(await batchRequest(a, [a.record({})], { batchId: 'batch-0005-aaaa' }));
    const rb = await backend.handle(await batchRequest(b, [b.record({})], { batchId: 'batch-0005-aaaa' }));
    assert.equal((await readJson<BatchAnswer>(ra)).accepted.length, 1);
    assert.equal((await readJson<BatchAnswer>(rb)).accepted.length, 1);
  });
});
