/// <reference types="node" />
// The package as a portal team meets it: `npm pack`, installed with npm into throw-away apps, built
// by the portal's bundler with no configuration for the kit, served statically and run in
// Chromium — every element defines and renders, and the scanner decodes a pass image (so the
// worker and the zxing .wasm made it into the build) that core verifies valid.
// Also: importing every entry in plain Node does not throw. `npm test` builds dist/ first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { build, createServer, type Rolldown } from 'vite';
import webpack, { type Stats } from 'webpack';
import { launchChromium } from '../tools/browser';
import { filesUnder, makeConsumer, repoRoot, serveStatic } from '../tools/consumer';
import { qrBmp } from '../fixtures/camera-clips';
import { referenceDeclaration } from '../fixtures/reference';
import { testIssuer } from '../fixtures/test-issuer';
import { issuePass } from '../../src/core/issue';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
const ZXING_VERSION = (JSON.parse(readFileSync(join(repoRoot, 'node_modules/zxing-wasm/package.json'), 'utf8')) as { version: string }).version;

/** The lowest version of each dependency range package.json declares, pinned by a portal. */
const LOWEST: Record<string, string> = {
  lit: '3.0.0',
  '@lit/task': '1.0.0',
  dexie: '4.0.1',
  jose: '6.0.0',
  comlink: '4.4.0',
  'qr-code-styling': '1.6.0',
  uuid: '10.0.0',
  '@noble/hashes': '2.0.0',
};

let browser: Browser;

/** The repo's TypeScript over a consumer folder; fails with tsc's report. */
function tsc(dir: string): void {
  try {
    execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
  } catch (error) {
    assert.fail((error as { stdout?: string }).stdout ?? String(error));
  }
}
let fixtures: Record<string, Buffer | string>;
const cleanup: string[] = [];

interface AppResult {
  undefinedTags?: string[];
  unrendered?: string[];
  version?: string;
  decoded?: number;
  status?: string;
  qrDrawn?: boolean;
  deviceId?: boolean;
  error?: string;
}

async function runInChromium(dir: string, page = '/index.html'): Promise<{ result: AppResult; errors: string[]; wasm: string[]; foreign: string[] }> {
  const server = await serveStatic(dir, fixtures);
  const tab = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  tab.on('request', (request) => requests.push(request.url()));
  try {
    await tab.goto(`${server.base}${page}`);
    await tab.waitForFunction(() => 'result' in window, null, { timeout: 60_000 });
    const result = (await tab.evaluate(() => (window as unknown as { result: AppResult }).result));
    return { result, errors, wasm: requests.filter((u) => u.endsWith('.wasm')), foreign: requests.filter((u) => !u.startsWith(server.base)) };
  } finally {
    await tab.close();
    await server.close();
  }
}

function assertApp(run: Awaited<ReturnType<typeof runInChromium>>): void {
  assert.deepEqual(run.result, { undefinedTags: [], unrendered: [], version: ZXING_VERSION, decoded: 1, status: 'valid', qrDrawn: true, deviceId: true });
  assert.ok(run.wasm.length >= 1, 'the zxing wasm is fetched from the app build');
  assert.deepEqual(run.foreign, [], 'nothing loads from anywhere but the app server');
  // Elements without api-base/src attributes report their own coded state, never a page error.
  assert.deepEqual(run.errors.filter((e) => !/Failed to load resource/.test(e)), []);
}

describe('consumer builds of the packed package', { timeout: 600_000 }, () => {
  let app: string;

  before(async () => {
    const issuer = await testIssuer('https://portal.example.gov.vn');
    const qrText = await issuePass(referenceDeclaration(), issuer.signer);
    fixtures = { '/pass.bmp': qrBmp(qrText), '/trust.json': JSON.stringify(issuer.trust) };
    app = makeConsumer('vite', {}, {
      'index.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal</title></head><body><script type="module" src="./main.js"></script></body></html>',
    });
    cleanup.push(app);
    cpSync(join(repoRoot, 'test/consumers/app.js'), join(app, 'main.js'));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  it('importing every entry in Node does not throw (SSR, tests)', () => {
    const specifiers = Object.keys(pkg.exports)
      .filter((key) => !key.includes('*') && !key.endsWith('.json'))
      .map((key) => key.replace(/^\./, 'checkpoint-kit'));
    const script = `for (const s of ${JSON.stringify(specifiers)}) { try { await import(s); } catch (e) { console.log(s + ': ' + e.message); } }`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    assert.equal(out.trim(), '', out);
  });

  it('Vite production build: one Lit, one Dexie, the worker and the .wasm emitted; runs in Chromium', async () => {
    const output = (await build({ root: app, configFile: false, logLevel: 'error', build: { outDir: join(app, 'dist'), emptyOutDir: true } })) as Rolldown.RolldownOutput;
    const modules = output.output.flatMap((item) => (item.type === 'chunk' ? Object.keys(item.modules) : []));
    const copies = (name: string) => new Set(modules.filter((m) => m.includes(`/node_modules/${name}/`)).map((m) => m.slice(0, m.lastIndexOf(`/node_modules/${name}/`))));
    assert.equal(copies('lit-element').size, 1, 'one Lit');
    assert.equal(copies('dexie').size, 1, 'one Dexie');
    assert.ok(!modules.some((m) => m.includes('/dist/standalone/')), 'the bundled standalone build is not used');
    const built = filesUnder(join(app, 'dist'));
    assert.ok(built.some((f) => f.endsWith('.wasm')), `the .wasm is emitted: ${built.join(', ')}`);
    assertApp(await runInChromium(join(app, 'dist')));
  });

  it('Vite dev server, no configuration: prebundled dependencies still find the worker and the .wasm', async () => {
    const dev = join(app, 'dev');
    cpSync(join(app, 'index.html'), join(dev, 'index.html'));
    cpSync(join(app, 'main.js'), join(dev, 'main.js'));
    for (const [path, body] of Object.entries(fixtures)) writeFileSync(join(dev, path), body);
    const server = await createServer({ root: dev, configFile: false, logLevel: 'error', server: { port: 0, host: '127.0.0.1' }, cacheDir: join(dev, '.vite') });
    await server.listen();
    const tab = await browser.newPage();
    try {
      await tab.goto(server.resolvedUrls?.local[0] ?? '');
      await tab.waitForFunction(() => 'result' in window, null, { timeout: 120_000 });
      const result = await tab.evaluate(() => (window as unknown as { result: AppResult }).result);
      assert.deepEqual(result, { undefinedTags: [], unrendered: [], version: ZXING_VERSION, decoded: 1, status: 'valid', qrDrawn: true, deviceId: true });
    } finally {
      await tab.close();
      await server.close();
    }
  });

  it('the lowest declared dependency versions: one copy of each beside the portal\'s, and the app works', async () => {
    const lowest = makeConsumer('lowest', LOWEST, {
      'index.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal</title></head><body><script type="module" src="./main.js"></script></body></html>',
    });
    cleanup.push(lowest);
    cpSync(join(repoRoot, 'test/consumers/app.js'), join(lowest, 'main.js'));
    for (const [name, version] of Object.entries(LOWEST)) {
      const installed = JSON.parse(readFileSync(join(lowest, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      assert.equal(installed.version, version, `${name} deduplicated to the portal's ${version}`);
      assert.ok(!existsSync(join(lowest, 'node_modules/checkpoint-kit/node_modules', name)), `no nested ${name}`);
    }
    await build({ root: lowest, configFile: false, logLevel: 'error', build: { outDir: join(lowest, 'dist'), emptyOutDir: true } });
    assertApp(await runInChromium(join(lowest, 'dist')));
  });

  it('webpack 5 production build: the worker and the .wasm emitted; runs in Chromium', async () => {
    const out = join(app, 'webpack-dist');
    const compiler = webpack({
      mode: 'production',
      context: app,
      entry: './main.js',
      output: { path: out, filename: 'main.js', publicPath: 'auto', clean: true },
      performance: { hints: false },
    });
    const stats = await new Promise<Stats>((resolve, reject) => compiler.run((error, result) => (error || !result ? reject(error ?? new Error('no stats')) : resolve(result))));
    await new Promise<void>((resolve) => compiler.close(() => resolve()));
    assert.ok(!stats.hasErrors(), stats.toString({ all: false, errors: true }));
    const lit = new Set((stats.toJson({ modules: true }).modules ?? []).map((m) => m.nameForCondition ?? '').filter((n) => n.includes('/node_modules/lit-element/')).map((n) => n.slice(0, n.indexOf('/node_modules/lit-element/'))));
    assert.equal(lit.size, 1, 'one Lit');
    writeFileSync(join(out, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal</title></head><body><script src="./main.js"></script></body></html>');
    assert.ok(filesUnder(out).some((f) => f.endsWith('.wasm')), filesUnder(out).join(', '));
    assertApp(await runInChromium(out));
  });

  for (const moduleResolution of ['Bundler', 'NodeNext'] as const) {
    it(`types under moduleResolution ${moduleResolution}: every entry typed, probes that must error do`, () => {
      const dir = join(app, `types-${moduleResolution}`);
      cpSync(join(repoRoot, 'test/consumers/types/probe.ts'), join(dir, 'probe.ts'));
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: { target: 'ES2022', module: moduleResolution === 'NodeNext' ? 'NodeNext' : 'ESNext', moduleResolution, lib: ['ES2023', 'DOM', 'DOM.Iterable'], strict: true, noEmit: true, skipLibCheck: false },
        files: ['probe.ts'],
      }));
      tsc(dir);
    });
  }

  it('React 19 + TypeScript: the tags, properties and events typed by checkpoint-kit/react', () => {
    const dir = makeConsumer('react', { react: '^19.0.0', '@types/react': '^19.0.0' }, {});
    cleanup.push(dir);
    cpSync(join(repoRoot, 'test/consumers/types/App.tsx'), join(dir, 'App.tsx'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: [], strict: true, noEmit: true },
      files: ['App.tsx'],
    }));
    tsc(dir);
  });

  it('no bundler: a plain page loads the self-contained build copied out of node_modules', async () => {
    const site = join(app, 'site');
    cpSync(join(app, 'node_modules/checkpoint-kit/dist/standalone'), join(site, 'vendor/checkpoint-kit'), { recursive: true });
    const main = readFileSync(join(app, 'main.js'), 'utf8')
      .replace(/'checkpoint-kit\/elements\/(ck-[\w-]+)\.js'/g, "'./vendor/checkpoint-kit/elements/$1.js'")
      .replace(/'checkpoint-kit\/(core|scanner|kiosk)'/g, "'./vendor/checkpoint-kit/$1.js'");
    writeFileSync(join(site, 'main.js'), main);
    writeFileSync(join(site, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal</title></head><body><script type="module" src="./main.js"></script></body></html>');
    assertApp(await runInChromium(site));
  });
});
