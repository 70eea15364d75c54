/// <reference types="node" />
// POST /declaration-groups on the reference server (PGlite / PostgreSQL) and the demo backend
// (msw tests, Vite demo): a family of four → four passes, each verifying with its own name;
// one key → issued once; bad bodies → 4xx with codes, never 500.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createTrustStore } from '../../src/core/trust-store';
import { verifyPass } from '../../src/core/verify';
import { readTrustBundle, trustStoreInit } from '../../src/core/trust-bundle';
import { DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';
import { familyGroup, familyOfFour } from '../fixtures/family';
import { get, jsonRequest, newBackend, readJson } from './backend-support';
import { engines, freshPortal, req } from './server-support';

interface Target {
  post(body: unknown, key?: string): Promise<Response>;
  /** The signed trust bundle a kiosk would sync. */
  trustBundle(): Promise<string>;
  passCount(): Promise<number>;
  /** GET on the endpoint (405). */
  get(): Promise<Response>;
}

type Created = { groupId: string; passes: { pass: string; passId: string; validUntil: string }[] };
type Errors = { errors: { field?: string; code: string }[] };

function targets(): { name: string; make: () => Promise<Target> }[] {
  const list = [
    {
      name: 'demo backend',
      make: async (): Promise<Target> => {
        const backend = await newBackend();
        return {
          post: (body, key) => backend.handle(jsonRequest('/declaration-groups', body, key ? { headers: { 'Idempotency-Key': key } } : {})),
          trustBundle: async () => (await backend.handle(get('/trust-bundle'))).text(),
          passCount: async () => (await readJson<{ counts: { passes: number } }>(await backend.handle(get('/__state')))).counts.passes,
          get: () => backend.handle(get('/declaration-groups')),
        };
      },
    },
  ];
  for (const engine of engines()) {
    list.push({
      name: `reference server on ${engine.name}`,
      make: async (): Promise<Target> => {
        const portal = await freshPortal(engine);
        return {
          post: (body, key) => portal.handle(req('/api/declaration-groups', { body, ...(key && { headers: { 'Idempotency-Key': key } }) })),
          trustBundle: async () => (await portal.handle(req('/api/trust-bundle'))).text(),
          passCount: async () => (await portal.db.query<{ n: number }>('SELECT count(*)::int AS n FROM passes'))[0]?.n ?? 0,
          get: () => portal.handle(req('/api/declaration-groups')),
        };
      },
    });
  }
  return list;
}

for (const { name, make } of targets()) {
  describe(`POST /declaration-groups — ${name}`, () => {
    let target: Target;
    before(async () => {
      target = await make();
    });

    it('a family of four gets four passes, in member order, each verifying with its own name', async () => {
      const response = await target.post(familyGroup(), 'family-key-0001');
      assert.equal(response.status, 201);
      const created = (await response.json()) as Created;
      assert.equal(created.passes.length, 4);
      assert.equal(new Set(created.passes.map((p) => p.passId)).size, 4);
      const read = await readTrustBundle(await target.trustBundle(), DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
      assert.ok(read.ok);
      const trust = await createTrustStore(trustStoreInit(read.bundle));
      const names: string[] = [];
      for (const p of created.passes) {
        const verdict = await verifyPass(p.pass, trust);
        assert.equal(verdict.status, 'valid', `${verdict.status} ${JSON.stringify(verdict)}`.slice(0, 300));
        names.push(verdict.pass?.declaration.fullName ?? '');
      }
      assert.deepEqual(names, familyOfFour().map((d) => d.fullName));
    });

    it('issues once per key: the replay carries the same passes; another body with that key is 409', async () => {
      const before = await target.passCount();
      const first = await target.post(familyGroup(), 'family-key-0002');
      const again = await target.post(familyGroup(), 'family-key-0002');
      assert.equal(first.status, 201);
      assert.ok(again.status === 201 || again.status === 200);
      assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
      assert.deepEqual(((await again.json()) as Created).passes.map((p) => p.passId), ((await first.json()) as Created).passes.map((p) => p.passId));
      assert.equal((await target.passCount()) - before, 4);
      const other = familyGroup();
      other.members.pop();
      assert.equal((await target.post(other, 'family-key-0002')).status, 409);
    });

    it('refuses bad bodies with 400 and codes placed on journey./members.<i>. (never 500), issuing nothing', async () => {
      const before = await target.passCount();
      const cases: [body: unknown, field: string, code: string][] = [
        [{ ...familyGroup(), members: familyGroup().members.slice(0, 1) }, 'members', 'group-size'],
        [{ ...familyGroup(), members: Array.from({ length: 9 }, () => familyGroup().members[0]) }, 'members', 'group-size'],
        [{ journey: familyGroup().journey }, 'members', 'required'],
        [{ ...familyGroup(), journey: { ...familyGroup().journey, departureDate: '2000-01-01' } }, 'journey.departureDate', 'before-today'],
        [{ ...familyGroup(), members: familyGroup().members.map((m, i) => (i === 2 ? { ...m, fullName: '' } : m)) }, 'members.2.fullName', 'required'],
        [[1, 2], '', 'invalid-type'],
      ];
      for (const [body, field, code] of cases) {
        const response = await target.post(body);
        assert.equal(response.status, 400, `${field} ${code}`);
        const { errors } = (await response.json()) as Errors;
        assert.ok(errors.some((e) => (e.field ?? '') === field && e.code === code), `${field} ${code}: ${JSON.stringify(errors)}`);
      }
      const wrongMethod = await target.get();
      assert.equal(wrongMethod.status, 405);
      assert.match(wrongMethod.headers.get('Allow') ?? '', /POST/);
      const notJson = await target.post('{"journey":');
      assert.ok(notJson.status >= 400 && notJson.status < 500, `not JSON → ${notJson.status}`);
      assert.equal(await target.passCount(), before);
    });
  });
}
