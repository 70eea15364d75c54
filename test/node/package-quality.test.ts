/// <reference types="node" />
// The published package's hygiene: publint and @arethetypeswrong/cli clean, custom-elements.json
// valid against the shipped build (test/tools/manifest.mjs), the tarball free of source maps and
// screenshots and carrying LICENSE, runtime-only dependencies. `npm test` builds dist/ first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
// @ts-expect-error — plain ESM build script without typings
import { validateManifest } from '../tools/manifest.mjs';
// @ts-expect-error — plain ESM build script without typings
import { checkPackageJson } from '../tools/build.mjs';
import { packContents, repoRoot } from '../tools/consumer';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  customElements: string;
};

test('publint reports nothing', async () => {
  const { messages } = await publint({ pkgDir: repoRoot, level: 'suggestion', strict: true, pack: 'npm' });
  assert.deepEqual(messages.map((m) => `${m.type} ${m.code} ${m.path.join('.')}`), []);
});

test('@arethetypeswrong/cli: every entry typed for Node ESM and bundlers (ESM-only package)', () => {
  const attw = join(repoRoot, 'node_modules/@arethetypeswrong/cli/dist/index.js');
  try {
    execFileSync(process.execPath, [attw, '--pack', '.', '--profile', 'esm-only', '--format', 'json'], { cwd: repoRoot, encoding: 'utf8' });
  } catch (error) {
    assert.fail(`attw found problems:\n${(error as { stdout?: string }).stdout?.slice(0, 4000)}`);
  }
});

test('custom-elements.json describes the shipped build (validator clean)', () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, pkg.customElements), 'utf8'));
  assert.deepEqual(validateManifest(manifest), []);
  const tags = manifest.modules.flatMap((m: { exports?: { kind: string; name: string }[] }) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name));
  assert.equal(tags.length, 9, tags.join(', '));
});

test('the manifest validator finds the faults it exists for', () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, pkg.customElements), 'utf8'));
  const broken = structuredClone(manifest);
  const mod = broken.modules.find((m: { declarations?: unknown[] }) => m.declarations?.length);
  const decl = mod.declarations[0];
  mod.path = mod.path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
  decl.attributes[0].type = undefined;
  decl.cssProperties.pop();
  if (decl.events?.length) decl.events[0].type = { text: 'CustomEvent' };
  const errors: string[] = validateManifest(broken);
  assert.ok(errors.some((e) => e.includes('not a shipped .js path')), errors.join('\n'));
  assert.ok(errors.some((e) => e.includes('has no type')), errors.join('\n'));
  assert.ok(errors.some((e) => e.includes('not listed')), errors.join('\n'));
});

test('package.json: every entry exported, define files exactly the side effects', () => {
  assert.doesNotThrow(() => checkPackageJson());
});

test('the tarball: LICENSE, no source maps, no screenshots; dev-only tools are devDependencies', () => {
  const { files } = packContents();
  const paths = files.map((f) => f.path);
  assert.ok(paths.includes('LICENSE'));
  assert.ok(paths.includes('dist/standalone/THIRD-PARTY-NOTICES.md'));
  assert.deepEqual(paths.filter((p) => p.endsWith('.map') || p.endsWith('.png')), []);
  assert.ok(paths.some((p) => /^dist\/src\/scanner\/zxing_reader\.wasm$/.test(p)), 'the wasm beside the engine');
  for (const dev of ['barcode-detector', 'workbox-window']) {
    assert.equal(pkg.dependencies[dev], undefined, `${dev} is not a runtime dependency`);
    assert.ok(pkg.devDependencies[dev], `${dev} stays a devDependency`);
  }
  for (const runtime of ['lit', 'dexie', 'jose', 'comlink', 'qr-code-styling', 'zxing-wasm', '@noble/hashes']) {
    assert.ok(pkg.dependencies[runtime], `${runtime} is a dependency`);
  }
});
