/// <reference types="node" />
// Seeded short run of the fuzz targets (test/fuzz/targets.ts) in `npm test`: the same invariants
// as the long run (`npm run fuzz`), a few thousand cases, fixed seeds so a failure replays.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allTargets } from '../fuzz/targets';
import { formatStats, newStats, type FuzzTarget, type TargetStats } from '../fuzz/harness';

const SEED = 20261201;
const CASES_PER_TARGET = 300;
/** A very generous guard against hangs only; typical inputs take well under a millisecond. */
const HANG_GUARD_MS = 3000;

let targets: FuzzTarget[];
const stats: TargetStats[] = [];

describe('fuzz (seeded short run)', { timeout: 180_000 }, () => {
  before(async () => {
    targets = await allTargets();
  });

  it('every parser of untrusted input keeps its invariants', async () => {
    assert.ok(targets.length >= 10, 'every target is registered');
    for (const [i, t] of targets.entries()) {
      const s = newStats(t.name);
      stats.push(s);
      await t.run(SEED + i, CASES_PER_TARGET, s, HANG_GUARD_MS);
      assert.equal(s.cases, CASES_PER_TARGET, `${t.name} ran every case`);
    }
    // The mutators must actually reach deep: a pass fuzzer whose inputs all die at the prefix
    // check proves little. Require a spread of verdict classes from the mutated passes.
    const verify = stats.find((s) => s.name.startsWith('verifyPass'));
    assert.ok(verify && verify.classes.size >= 8, `verifyPass outcome classes: ${[...(verify?.classes.keys() ?? [])].join(', ')}`);
    for (const deep of ['bad-signature/signature', 'unknown-key', 'malformed/deflate']) {
      assert.ok(verify.classes.has(deep), `no mutated pass reached ${deep}`);
    }
    console.log(formatStats(stats));
  });
});
