// Test-count reporters for both runners, so `npm test` can close with one plain line
// "Tests: N passed, N failed" over the Node and the Chromium suites together.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const countsDir = fileURLToPath(new URL('../../.cache/test-counts/', import.meta.url));

function writeCounts(name, counts) {
  mkdirSync(countsDir, { recursive: true });
  writeFileSync(`${countsDir}${name}.json`, JSON.stringify(counts));
}

/** node:test custom reporter (used as a second reporter beside `spec`). */
export default async function* nodeCountReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    const details = event.data?.details;
    if (details?.type === 'suite') continue;
    if (event.type === 'test:pass') {
      if (event.data.skip || event.data.todo) counts.skipped += 1;
      else counts.passed += 1;
    } else if (event.type === 'test:fail') counts.failed += 1;
  }
  writeCounts('node', counts);
  yield '';
}

/** @web/test-runner reporter: counts every test of every session (under `name`: browser, webkit). */
export function wtrCountReporter(name = 'browser') {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) counts.skipped += 1;
          else if (test.passed) counts.passed += 1;
          else counts.failed += 1;
        }
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load has no results but must still count as a failure.
        if (!session.passed && (!session.testResults || session.errors.length > 0)) counts.failed += session.errors.length || 1;
      }
      writeCounts(name, counts);
    },
  };
}
