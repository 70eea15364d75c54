import { expect } from '@open-wc/testing';
import { ApiError } from '../api/http';
import type { IssuedPass } from '../api/declarations';
import { flushDeclarations, backoffMs, outboxLockName } from '../sync/declaration-sender';
import { referenceDeclaration } from '../../test/fixtures/reference';
import { familyOfFour } from '../../test/fixtures/family';
import type { Declaration } from '../core/declaration';
import type { DeclarationGroup } from '../core/declaration-group';
import { uniqueDbName } from '../../test/fixtures/dom';
import { createCitizenDb } from './citizen-db';
import { deleteCitizenDb, openCitizenDb } from './open';
import {
  cancelDeclaration,
  claimNextDeclaration,
  countPendingDeclarations,
  enqueueDeclaration,
  getOutboxEntry,
  newIdempotencyKey,
  nextDeclarationDueAt,
  recordDeclarationFailed,
  recordDeclarationRetry,
  recordDeclarationSent,
  takeIssuedDeclaration,
} from './outbox';
import { getKeptPass } from './passes';
import { StoreError } from './errors';

const submission = (formId = 'f') => ({ formId, apiBase: '/api', declaration: referenceDeclaration() });
const pass: IssuedPass = { qrText: 'CK1:TEST', passId: 'AAAAAAAAAAAAAAAAAAAAAA' };

describe('declaration outbox (store)', () => {
  let name: string;
  beforeEach(() => (name = uniqueDbName('outbox')));
  afterEach(() => deleteCitizenDb(name));

  it('makes v4 idempotency keys from the CSPRNG', () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).to.equal(100);
    for (const key of keys) expect(key).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('walks waiting → sending → sent, keeping the pass in the same transaction', async () => {
    const db = openCitizenDb(name);
    const entry = await enqueueDeclaration(db, submission(), 1000);
    expect(entry).to.include({ state: 'waiting', attempts: 0, nextAttemptAt: 1000 });
    expect(await countPendingDeclarations(db)).to.equal(1);
    const claimed = await claimNextDeclaration(db, { now: 1000 });
    expect(claimed).to.include({ id: entry.id, state: 'sending', attempts: 1 });
    expect(await claimNextDeclaration(db, { now: 1001 }), 'claimed once').to.equal(undefined);
    await recordDeclarationSent(db, entry.id, pass, 1002);
    expect((await getOutboxEntry(db, entry.id))?.state).to.equal('sent');
    expect((await getKeptPass(db, pass.passId))?.qrText).to.equal(pass.qrText);
    expect(await countPendingDeclarations(db)).to.equal(0);
    expect((await takeIssuedDeclaration(db, entry.id))?.result).to.deep.equal(pass);
    expect(await takeIssuedDeclaration(db, entry.id), 'taken once').to.equal(undefined);
  });

  it('backs off after a retryable failure unless forced, and keeps the same key', async () => {
    const db = openCitizenDb(name);
    const entry = await enqueueDeclaration(db, submission(), 0);
    await claimNextDeclaration(db, { now: 0 });
    await recordDeclarationRetry(db, entry.id, { code: 'network', retryable: true }, 5000, 10);
    expect(await nextDeclarationDueAt(db)).to.equal(5000);
    expect(await claimNextDeclaration(db, { now: 100 })).to.equal(undefined);
    const forced = await claimNextDeclaration(db, { now: 100, force: true });
    expect(forced).to.include({ id: entry.id, attempts: 2 });
    expect(forced?.lastError?.code).to.equal('network');
  });

  it('reclaims a send abandoned by a crashed tab after its lease (or at once under the lock)', async () => {
    const db = openCitizenDb(name);
    const entry = await enqueueDeclaration(db, submission(), 0);
    await claimNextDeclaration(db, { now: 0, leaseMs: 60_000 });
    expect(await claimNextDeclaration(db, { now: 30_000 })).to.equal(undefined);
    expect((await claimNextDeclaration(db, { now: 30_000, reclaimAllSending: true }))?.id).to.equal(entry.id);
    expect((await claimNextDeclaration(db, { now: 200_000 }))?.attempts).to.equal(3);
  });

  it('never lets two concurrent claims take the same submission', async () => {
    // Two connections to one database, as two tabs have.
    const tabA = createCitizenDb(name);
    const tabB = createCitizenDb(name);
    try {
      await enqueueDeclaration(tabA, submission('a'), 0);
      const results = await Promise.all([claimNextDeclaration(tabA, { now: 1 }), claimNextDeclaration(tabB, { now: 1 })]);
      expect(results.filter(Boolean)).to.have.length(1);
    } finally {
      tabA.close();
      tabB.close();
    }
  });

  it('allows one submission in flight per form, replaces a failed one, cancels only when not sending', async () => {
    const db = openCitizenDb(name);
    const first = await enqueueDeclaration(db, submission(), 0);
    try {
      await enqueueDeclaration(db, submission(), 1);
      expect.fail('a second waiting submission was accepted');
    } catch (error) {
      expect(error).to.be.instanceOf(StoreError);
      expect((error as StoreError).code).to.equal('conflict');
    }
    await claimNextDeclaration(db, { now: 2 });
    expect(await cancelDeclaration(db, first.id), 'cannot cancel while sending').to.equal(false);
    await recordDeclarationFailed(db, first.id, { code: 'validation', retryable: false }, [{ field: 'phone', code: 'invalid-phone' }], 3);
    expect((await getOutboxEntry(db, first.id))?.fieldErrors).to.deep.equal([{ field: 'phone', code: 'invalid-phone' }]);
    const second = await enqueueDeclaration(db, submission(), 4);
    expect(await getOutboxEntry(db, first.id), 'failed one replaced').to.equal(undefined);
    expect(await cancelDeclaration(db, second.id)).to.equal(true);
    expect(await countPendingDeclarations(db)).to.equal(0);
  });
});

describe('declaration sender (sync)', () => {
  let name: string;
  beforeEach(() => (name = uniqueDbName('sender')));
  afterEach(() => deleteCitizenDb(name));

  it('sends each submission once, with its own key, oldest first', async () => {
    const db = openCitizenDb(name);
    const a = await enqueueDeclaration(db, submission('a'), 1);
    const b = await enqueueDeclaration(db, submission('b'), 2);
    const calls: string[] = [];
    const report = await flushDeclarations(db, {
      submit: async (_base, _declaration, key) => {
        calls.push(key);
        return { ...pass, passId: key.replace(/-/g, '').slice(0, 22) };
      },
    });
    expect(calls).to.deep.equal([a.id, b.id]);
    expect(report.outcomes.map((o) => o.outcome)).to.deep.equal(['sent', 'sent']);
    expect((await flushDeclarations(db, { submit: async () => expect.fail('sent twice') })).outcomes).to.have.length(0);
  });

  it('sends a family group once, under one key, retried after a network failure, keeping every pass', async () => {
    const db = openCitizenDb(name);
    const family = familyOfFour();
    const entry = await enqueueDeclaration(db, { formId: 'g', apiBase: '/api', declaration: family[0] as Declaration, group: family }, 0);
    const keys: string[] = [];
    let online = false;
    const passes = family.map((_, i) => ({ qrText: `CK2:TEST${i}`, passId: `${'A'.repeat(21)}${i}` }));
    const submitGroup = async (_base: string, body: DeclarationGroup, key: string): Promise<IssuedPass[]> => {
      keys.push(key);
      expect(body.members.map((m) => m.fullName)).to.deep.equal(family.map((d) => d.fullName));
      expect(body.members[2]?.phone, 'the child borrows the declarant\'s phone').to.equal(undefined);
      if (!online) throw new ApiError('network', 'offline', { retryable: true });
      return passes;
    };
    const first = await flushDeclarations(db, { submitGroup, submit: async () => expect.fail('sent as a single declaration') });
    expect(first.outcomes.map((o) => o.outcome)).to.deep.equal(['retry']);
    expect(await countPendingDeclarations(db), 'kept while offline').to.equal(1);
    online = true;
    const second = await flushDeclarations(db, { submitGroup, force: true });
    expect(second.outcomes.map((o) => o.outcome)).to.deep.equal(['sent']);
    expect(second.outcomes[0]?.passes).to.deep.equal(passes);
    expect(keys).to.deep.equal([entry.id, entry.id]);
    expect((await flushDeclarations(db, { submitGroup: async () => expect.fail('sent twice') })).outcomes).to.have.length(0);
    for (const p of passes) expect((await getKeptPass(db, p.passId))?.qrText).to.equal(p.qrText);
    expect((await takeIssuedDeclaration(db, entry.id))?.result?.passes).to.deep.equal(passes);
  });

  it('two flushes at once (two tabs, two triggers): the Web Lock lets one send', async () => {
    const db = openCitizenDb(name);
    await enqueueDeclaration(db, submission(), 0);
    let sends = 0;
    const submit = async (): Promise<IssuedPass> => {
      sends++;
      await new Promise((r) => setTimeout(r, 50));
      return pass;
    };
    const [one, two] = await Promise.all([flushDeclarations(db, { submit }), flushDeclarations(db, { submit })]);
    expect(sends).to.equal(1);
    expect([one.skipped, two.skipped].filter(Boolean)).to.deep.equal(['locked']);
    expect(outboxLockName(db)).to.contain(name);
  });

  it('records retryable failures with back-off (or Retry-After) and stops; records refusals and goes on', async () => {
    const db = openCitizenDb(name);
    const a = await enqueueDeclaration(db, submission('a'), 1);
    const b = await enqueueDeclaration(db, submission('b'), 2);
    let now = 10_000;
    const report = await flushDeclarations(db, {
      now: () => now,
      submit: async (_b, _d, key) => {
        if (key === a.id) throw new ApiError('validation', 'bad', { status: 400, retryable: false, fieldErrors: [{ field: 'phone', code: 'invalid-phone' }] });
        throw new ApiError('rate-limited', 'slow down', { status: 429, retryable: true, retryAfterMs: 7000 });
      },
    });
    expect(report.outcomes.map((o) => [o.entry.id, o.outcome])).to.deep.equal([
      [a.id, 'failed'],
      [b.id, 'retry'],
    ]);
    expect((await getOutboxEntry(db, a.id))?.state).to.equal('failed');
    const waiting = await getOutboxEntry(db, b.id);
    expect(waiting).to.include({ state: 'waiting', nextAttemptAt: 17_000 });
    now = 11_000;
    expect((await flushDeclarations(db, { now: () => now, submit: async () => pass })).outcomes).to.have.length(0);
  });

  it('grows the back-off exponentially with jitter, capped at five minutes', () => {
    expect(backoffMs(1, () => 0.5)).to.equal(2000);
    expect(backoffMs(2, () => 0.5)).to.equal(4000);
    expect(backoffMs(20, () => 0.5)).to.equal(300_000);
    expect(backoffMs(1, () => 0)).to.equal(1600);
    expect(backoffMs(1, () => 1)).to.equal(2400);
  });
});
