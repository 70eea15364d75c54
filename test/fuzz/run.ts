/// <reference types="node" />
// The long fuzz run (`npm run fuzz`): every target of test/fuzz/targets.ts, at least 100,000
// cases in total, from a seed that is printed (and can be given back to replay a failure).
// Prints, per target: cases, input kinds, outcome classes, the slowest input and its time.
//
//   node --import tsx test/fuzz/run.ts [--cases 120000] [--seed 12345] [--guard-ms 5000]
import { parseArgs } from 'node:util';
import { allTargets } from './targets';
import { formatStats, newStats, type TargetStats } from './harness';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '120000' },
    seed: { type: 'string' },
    'guard-ms': { type: 'string', default: '5000' },
  },
});
const totalCases = Number(values.cases);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const guardMs = Number(values['guard-ms']);
if (!Number.isSafeInteger(totalCases) || totalCases < 1 || !Number.isSafeInteger(seed) || !(guardMs > 0)) {
  console.error('usage: run.ts [--cases N] [--seed S] [--guard-ms MS]');
  process.exit(2);
}

const t0 = performance.now();
const targets = await allTargets();
// An equal share per target; each gets its own seed derived from the run seed.
const perTarget = Math.ceil(totalCases / targets.length);
console.log(`fuzz: ${targets.length} targets × ${perTarget} cases, seed ${seed}`);
const all: TargetStats[] = [];
let failed = false;
for (const [i, t] of targets.entries()) {
  const stats = newStats(t.name);
  all.push(stats);
  const started = performance.now();
  try {
    await t.run(seed + i, perTarget, stats, guardMs);
  } catch (error) {
    failed = true;
    console.error(`FAILED ${t.name} (seed ${seed + i}):\n${(error as Error).message}`);
  }
  console.log(`  ${t.name}: ${stats.cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
console.log(formatStats(all));
console.log(`fuzz: ${((performance.now() - t0) / 1000).toFixed(1)} s, seed ${seed}${failed ? ' — FAILURES above' : ''}`);
process.exit(failed ? 1 : 0);
