// Prints the closing line of `npm test`: the Node, Chromium and WebKit counts added up.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../.cache/test-counts/', import.meta.url));
const total = { passed: 0, failed: 0, skipped: 0 };
for (const name of ['node', 'browser', 'webkit']) {
  const file = `${dir}${name}.json`;
  if (!existsSync(file)) {
    console.error(`test-summary: no counts from the ${name} suite`);
    process.exit(1);
  }
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const key of Object.keys(total)) total[key] += counts[key];
}
console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
if (total.failed > 0 || total.passed === 0) process.exit(1);
