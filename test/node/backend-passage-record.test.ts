/// <reference types="node" />
// The passage record format both ends share: the synchronous SHA-256, canonical JSON, the
// strict parser the portal runs on every record, and the chain check.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { manualCode } from '../../src/core/manual-code';
import {
  canonicalJson, canonicalPassageJson, computePassageHash, GENESIS_HASH, parsePassageRecord, verifyPassageChain, type PassageRecord,
} from '../../src/core/passage-record';
import { sha256, sha256Hex, toHex } from '../../src/core/sha256-sync';
import { newDevice } from './backend-support';
import { must } from '../fixtures/must';

describe('sha256 (synchronous)', () => {
  it('matches node:crypto on random inputs and every padding boundary', () => {
    for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 31 + length) & 255);
      assert.equal(toHex(sha256(bytes)), createHash('sha256').update(bytes).digest('hex'), `length ${length}`);
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => toHex(sha256(bytes)) === createHash('sha256').update(bytes).digest('hex')), { numRuns: 500 });
  });

  it('hashes the UTF-8 of text', () => {
    assert.equal(sha256Hex('Hàng Trống'), createHash('sha256').update('Hàng Trống', 'utf8').digest('hex'));
    assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('canonicalJson', () => {
  it('sorts keys, drops undefined, keeps arrays in order, refuses non-finite numbers', () => {
    assert.equal(canonicalJson({ b: 1, a: [3, { d: 'x', c: null }], e: undefined }), '{"a":[3,{"c":null,"d":"x"}],"b":1}');
    assert.throws(() => canonicalJson({ a: Number.NaN }), TypeError);
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      const text = canonicalJson(obj);
      const entries = (o: object) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      assert.deepEqual(entries(JSON.parse(text) as object), entries(obj));
      // Canonical is idempotent and ignores the insertion order of keys.
      return text === canonicalJson(reversed) && canonicalJson(JSON.parse(text) as never) === text;
    }));
  });
});

describe('parsePassageRecord', () => {
  async function valid(): Promise<PassageRecord> {
    return (await newDevice()).record({});
  }

  it('accepts a well-formed record, and its canonical JSON round-trips', async () => {
    const record = await valid();
    const parsed = parsePassageRecord(JSON.parse(canonicalPassageJson(record)));
    assert.ok(parsed.ok);
    assert.equal(parsed.record.hash, record.hash);
  });

  it('names the field and code of each problem', async () => {
    const record = await valid();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...record, fullName: 'x' }, 'unexpected-field', 'fullName'],
      [{ ...record, id: 'not-a-uuid' }, 'invalid-field', 'id'],
      [{ ...record, id: '01900000-0000-4000-8000-000000000001' }, 'invalid-field', 'id'],
      [{ ...record, seq: 0 }, 'invalid-field', 'seq'],
      [{ ...record, seq: 1.5 }, 'invalid-field', 'seq'],
      [{ ...record, direction: 'up' }, 'invalid-field', 'direction'],
      [{ ...record, at: '2025-01-01 10:00' }, 'invalid-field', 'at'],
      [{ ...record, passId: undefined }, 'missing-field', 'passId'],
      [{ ...record, manualCode: manualCode(record.passId ?? '') }, 'invalid-field', 'manualCode'],
      [{ ...record, originUnit: '01' }, 'invalid-field', 'originUnit'],
      [{ ...record, officerId: 'Nguyễn Văn A' }, 'invalid-field', 'officerId'],
      [{ ...record, decision: 'ok' }, 'invalid-field', 'decision'],
      [{ ...record, clockSkewMs: 1.5 }, 'invalid-field', 'clockSkewMs'],
      [{ ...record, prevHash: 'abc' }, 'invalid-field', 'prevHash'],
      [{ ...record, officerId: 'CA-OTHER' }, 'bad-hash', 'hash'],
    ];
    for (const [input, code, field] of cases) {
      const result = parsePassageRecord(input);
      assert.equal(result.ok, false, JSON.stringify([code, field]));
      if (!result.ok) assert.deepEqual([result.code, result.field], [code, field]);
    }
    assert.deepEqual(parsePassageRecord([]).ok, false);
  });

  it('accepts a manual code only with a valid check character', async () => {
    const device = await newDevice();
    const code = manualCode('EutzFYHL3kpStWEcOmcfQQ');
    assert.ok(parsePassageRecord(device.record({ manualCode: code })).ok);
    const wrongCheck = `${code.slice(0, 10)}${code[10] === '0' ? '1' : '0'}`;
    const r = parsePassageRecord(device.record({ manualCode: wrongCheck }));
    assert.equal(r.ok ? 'accepted' : r.field, 'manualCode');
  });

  it('carries the vehicle group, the ID-card check outcome and the amended record, each checked', async () => {
    const device = await newDevice();
    const first = device.record({});
    const followUp = device.record({ vehicleGroupId: 'AAECAwQFBgcICQoLDA0ODw', idCheck: 'mismatch', amends: first.id });
    assert.ok(parsePassageRecord(followUp).ok);
    const field = (patch: Record<string, unknown>): string | undefined => {
      const r = parsePassageRecord(device.record(patch as never));
      return r.ok ? undefined : r.field;
    };
    // 22 characters whose last one carries only 2 bits (16 bytes exactly), base64url alphabet.
    assert.equal(field({ vehicleGroupId: 'AAECAwQFBgcICQoLDA0ODx' }), 'vehicleGroupId');
    assert.equal(field({ vehicleGroupId: 'AAECAwQFBgcICQoLDA0OD' }), 'vehicleGroupId');
    assert.equal(field({ vehicleGroupId: 'AAECAwQFBgcICQoLDA0O+w' }), 'vehicleGroupId');
    assert.equal(field({ idCheck: 'maybe' }), 'idCheck');
    assert.equal(field({ amends: 'not-a-uuid' }), 'amends');
    const self = device.record({});
    assert.equal(parsePassageRecord({ ...self, amends: self.id }, { checkHash: false }).ok ? 'accepted' : 'refused', 'refused');
  });

  it('any change to a hashed field breaks the hash', async () => {
    const record = await valid();
    fc.assert(fc.property(
      fc.constantFrom('checkpointId', 'officerId', 'verdictStatus'), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
      (field, value) => {
        fc.pre(value !== (record as unknown as Record<string, unknown>)[field]);
        const changed = { ...record, [field]: value };
        const r = parsePassageRecord(changed);
        return !r.ok && r.code === 'bad-hash';
      },
    ));
  });
});

describe('verifyPassageChain', () => {
  it('accepts a chain, continues from an anchor, and pinpoints gaps, broken links and bad hashes', async () => {
    const device = await newDevice();
    const chain = Array.from({ length: 5 }, () => device.record({}));
    assert.deepEqual(verifyPassageChain(chain), { ok: true, checked: 5, head: { seq: 5, hash: chain[4]?.hash } });
    assert.deepEqual(verifyPassageChain(chain.slice(2), { seq: 2, hash: must(chain[1]).hash }).ok, true);
    assert.deepEqual(verifyPassageChain(chain.slice(2)), { ok: false, checked: 0, seq: 3, code: 'seq-gap', message: 'expected seq 1, found 3' });
    const gap = [must(chain[0]), must(chain[2])];
    assert.equal((verifyPassageChain(gap) as { code: string }).code, 'seq-gap');
    const relinked = [must(chain[0]), { ...must(chain[1]), prevHash: GENESIS_HASH }];
    assert.equal((verifyPassageChain(relinked) as { code: string }).code, 'broken-link');
    const edited = [must(chain[0]), { ...must(chain[1]), decision: 'deny' as const }];
    assert.equal((verifyPassageChain(edited) as { code: string }).code, 'bad-hash');
    const other = (await newDevice()).record({});
    assert.equal((verifyPassageChain([must(chain[0]), { ...other, seq: 2 }]) as { code: string }).code, 'device-mismatch');
  });

  it('ignores local bookkeeping fields when hashing', async () => {
    const record = (await newDevice()).record({});
    const local = { ...record, state: 'synced', createdAt: 1, syncedAt: 'x' } as unknown as PassageRecord;
    assert.equal(computePassageHash(local), record.hash);
  });
});

describe('verifyPassageChain on a record whose hash cannot be computed', () => {
  it('answers bad-hash and never throws (a non-finite number, as an old or broken writer may leave)', () => {
    const odd = { seq: 1, prevHash: GENESIS_HASH, hash: 'x', deviceId: 'd', at: Number.NaN } as unknown as PassageRecord;
    const result = verifyPassageChain([odd]);
    assert.equal(result.ok, false);
    assert.equal(result.ok === false && result.code, 'bad-hash');
  });
});
