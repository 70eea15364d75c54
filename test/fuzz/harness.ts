// A small harness over fast-check for the fuzz targets: each target is a property plus a
// classifier, and the harness counts cases, outcome classes and the slowest single input.
// Shared by the seeded short run in `npm test` (test/node/fuzz-*.test.ts) and the long run
// (test/fuzz/run.ts), so both check exactly the same invariants.
import fc from 'fast-check';

export interface TargetStats {
  name: string;
  cases: number;
  /** Outcome classes (status/detail, error code, …) and how often each came back. */
  classes: Map<string, number>;
  /** Input kinds (mutation operators) and how often each was generated. */
  kinds: Map<string, number>;
  maxMs: number;
  slowest: string;
  totalMs: number;
}

/** What one case reports: the kind of input and the outcome class. */
export interface CaseReport {
  kind: string;
  outcome: string;
}

export interface FuzzTarget {
  readonly name: string;
  /** Runs `numRuns` cases from `seed`, adding to `stats`. Rejects with fast-check's report on a failure. */
  run(seed: number, numRuns: number, stats: TargetStats, hangGuardMs: number): Promise<void>;
}

export function newStats(name: string): TargetStats {
  return { name, cases: 0, classes: new Map(), kinds: new Map(), maxMs: 0, slowest: '', totalMs: 0 };
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * A target: `check` asserts the invariants for one input (throwing on a violation) and
 * reports its kind and outcome class. Time per input is measured around `check` alone.
 */
export function target<T>(name: string, arbitrary: fc.Arbitrary<T>, check: (input: T) => Promise<CaseReport> | CaseReport): FuzzTarget {
  return {
    name,
    async run(seed, numRuns, stats, hangGuardMs) {
      const property = fc.asyncProperty(arbitrary, async (input) => {
        const t0 = performance.now();
        const report = await check(input);
        const ms = performance.now() - t0;
        // Wall-clock is not asserted as a performance goal: only a very generous guard, so a
        // hang or a super-linear blow-up on some input fails loudly instead of stalling CI.
        if (ms > hangGuardMs) throw new Error(`${name}: one input took ${ms.toFixed(0)} ms (guard ${hangGuardMs} ms): ${report.kind}`);
        stats.cases++;
        stats.totalMs += ms;
        bump(stats.classes, report.outcome);
        bump(stats.kinds, report.kind);
        if (ms > stats.maxMs) {
          stats.maxMs = ms;
          stats.slowest = `${report.kind} → ${report.outcome}`;
        }
      });
      await fc.assert(property, { seed, numRuns });
    },
  };
}

/** A readable table of the stats of every target. */
export function formatStats(all: readonly TargetStats[]): string {
  const lines: string[] = [];
  let cases = 0;
  let maxMs = 0;
  for (const s of all) {
    cases += s.cases;
    maxMs = Math.max(maxMs, s.maxMs);
    lines.push(`${s.name}: ${s.cases} cases, max ${s.maxMs.toFixed(2)} ms/input (${s.slowest}), mean ${(s.totalMs / Math.max(1, s.cases)).toFixed(3)} ms`);
    const kinds = [...s.kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}×${n}`).join(', ');
    const classes = [...s.classes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}×${n}`).join(', ');
    lines.push(`  inputs (${s.kinds.size}): ${kinds}`);
    lines.push(`  outcomes (${s.classes.size}): ${classes}`);
  }
  lines.push(`TOTAL: ${cases} cases across ${all.length} targets, max ${maxMs.toFixed(2)} ms per input`);
  return lines.join('\n');
}
