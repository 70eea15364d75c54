import { expect, waitUntil } from '@open-wc/testing';
import { uniqueDbName } from '../../test/fixtures/dom';
import { deleteCitizenDb, openCitizenDb } from './open';
import { getKeptPass, keepPass, lastKeptPass, listKeptPasses, removeKeptPass, watchLastKeptPass } from './passes';
import { getCachedIssuerKeys, putCachedIssuerKeys } from './issuer-keys';
import type { KeptPass } from './citizen-db';

describe('kept passes and cached keys', () => {
  let name: string;
  beforeEach(() => (name = uniqueDbName('passes')));
  afterEach(() => deleteCitizenDb(name));

  it('keeps passes, lists them newest first and tells the last kept, live', async () => {
    const db = openCitizenDb(name);
    const seen: (KeptPass | undefined)[] = [];
    const subscription = watchLastKeptPass(db).subscribe({ next: (p) => seen.push(p) });
    try {
      await keepPass(db, { passId: 'p1', qrText: 'CK1:ONE', validUntil: 10 }, 100);
      await keepPass(db, { passId: 'p2', qrText: 'CK1:TWO' }, 200);
      expect((await listKeptPasses(db)).map((p) => p.passId)).to.deep.equal(['p2', 'p1']);
      expect((await lastKeptPass(db))?.passId).to.equal('p2');
      await waitUntil(() => seen.at(-1)?.passId === 'p2', 'live query saw the last pass', { timeout: 5000 });
      await removeKeptPass(db, 'p2');
      await waitUntil(() => seen.at(-1)?.passId === 'p1', 'live query saw the removal', { timeout: 5000 });
      expect(await getKeptPass(db, 'p2')).to.equal(undefined);
      expect((await getKeptPass(db, 'p1'))?.validUntil).to.equal(10);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('caches issuer keys by source URL', async () => {
    const db = openCitizenDb(name);
    const jwks = { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] };
    await putCachedIssuerKeys(db, { src: '/api/.well-known/jwks.json', issuer: 'https://portal', jwks, fetchedAt: 42 });
    expect(await getCachedIssuerKeys(db, '/api/.well-known/jwks.json')).to.deep.equal({
      src: '/api/.well-known/jwks.json',
      issuer: 'https://portal',
      jwks,
      fetchedAt: 42,
    });
  });
});
