/// <reference types="node" />
// README.md's element reference must be what custom-elements.json (built from the JSDoc) says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readmeWithApi } from '../tools/readme-api.mjs';

const root = new URL('../../', import.meta.url);

test('README element reference is generated from custom-elements.json (run `npm run docs` after changing JSDoc)', (t) => {
  const manifestUrl = new URL('custom-elements.json', root);
  if (!existsSync(manifestUrl)) {
    t.skip('custom-elements.json is written by `npm run build`');
    return;
  }
  const manifest: unknown = JSON.parse(readFileSync(manifestUrl, 'utf8'));
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const expected = readmeWithApi(readme, manifest);
  if (readme === expected) return;
  // A short, readable failure: the first line that differs, not two whole READMEs.
  const actualLines = readme.split('\n');
  const expectedLines = expected.split('\n');
  const line = actualLines.findIndex((text, index) => text !== expectedLines[index]);
  assert.fail(`README.md is out of date from line ${line + 1}: run \`npm run docs\`.\n  README:    ${actualLines[line] ?? '(end)'}\n  generated: ${expectedLines[line] ?? '(end)'}`);
});
