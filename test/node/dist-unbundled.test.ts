/// <reference types="node" />
// The built dist/ works unbundled, from a plain static server (node:http) and plain HTML pages:
// scanner.js finds the decode worker and the .wasm beside it and decodes; core.js issues and
// verifies a pass with the browser's WebCrypto; every element entry defines its tag.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../tools/browser';
// @ts-expect-error — plain ESM build script without typings
import { buildLibrary } from '../tools/build.mjs';
import { qrBmp } from '../fixtures/camera-clips';
import { referenceDeclaration } from '../fixtures/reference';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.css': 'text/css',
  '.bmp': 'image/bmp',
};

let dir: string;
let server: Server;
let base: string;
let browser: Browser;

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(root, f)).isFile());
}

const ELEMENT_TAGS = readdirSync(new URL('../../src/elements/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.startsWith('ck-'))
  .map((entry) => entry.name);

describe('dist/ unbundled', { timeout: 240_000 }, () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ck-dist-'));
    await buildLibrary({ outDir: join(dir, 'dist'), quiet: true });
    writeFileSync(join(dir, 'code.bmp'), qrBmp('CK1:DIST-TEST 0123456789'));
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>dist</title></head><body>
<script type="module">
import { createDecoder } from './dist/scanner.js';
const decoder = createDecoder();
try {
  const info = await decoder.ready;
  const blob = await (await fetch('./code.bmp')).blob();
  window.result = { version: info.version, texts: await decoder.decodeBlob(blob) };
} catch (error) {
  window.result = { error: String(error) };
} finally {
  decoder.close();
}
</script></body></html>`,
    );
    writeFileSync(
      join(dir, 'core.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>core</title></head><body>
<script type="module">
import { issuePass, createTrustStore, verifyPass } from './dist/core.js';
const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
const issuer = 'https://portal.example.gov.vn';
const declaration = ${JSON.stringify(referenceDeclaration())};
const qrText = await issuePass(declaration, { privateKey: keys.privateKey, issuer }, { format: 'CK1' });
const trust = await createTrustStore({ issuers: [{ iss: issuer, jwks: { keys: [await crypto.subtle.exportKey('jwk', keys.publicKey)] } }] });
const verdict = await verifyPass(qrText, trust);
window.result = { status: verdict.status, sameDeclaration: JSON.stringify(verdict.pass.declaration) === JSON.stringify(declaration) };
</script></body></html>`,
    );
    writeFileSync(
      join(dir, 'elements.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>elements</title></head><body>
<script type="module">
const tags = ${JSON.stringify(ELEMENT_TAGS)};
await Promise.all(tags.map((tag) => import(\`./dist/elements/\${tag}.js\`)));
window.result = tags.filter((tag) => customElements.get(tag) === undefined);
</script></body></html>`,
    );
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
      try {
        const body = readFileSync(file);
        res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    base = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('emits the worker and the hashed reader wasm as files beside the entry', () => {
    const built = files(join(dir, 'dist'));
    assert.ok(built.includes('scanner.js'));
    assert.ok(built.some((f) => /^workers\/decode\.worker-[\w-]+\.js$/.test(f)), built.join(', '));
    assert.ok(built.some((f) => /^assets\/zxing_reader-[\w-]+\.wasm$/.test(f)), built.join(', '));
    assert.ok(!built.some((f) => f.includes('zxing_writer')), 'the writer wasm is not shipped');
  });

  it('a plain page decodes with the worker and wasm found beside scanner.js, from this server only', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('worker', (w) => requests.push(w.url()));
    await page.goto(`${base}/index.html`);
    await page.waitForFunction(() => 'result' in window, null, { timeout: 30_000 });
    const result = await page.evaluate(() => (window as unknown as { result: unknown }).result);
    assert.deepEqual(result, { version: '3.1.8', texts: ['CK1:DIST-TEST 0123456789'] });
    assert.ok(requests.some((u) => u.endsWith('.wasm')));
    assert.deepEqual(
      requests.filter((u) => !u.startsWith(base)),
      [],
      'nothing loads from anywhere but the static server',
    );
    await page.close();
  });

  it('core.js issues and verifies a pass in Chromium', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/core.html`);
    await page.waitForFunction(() => 'result' in window, null, { timeout: 30_000 });
    assert.deepEqual(await page.evaluate(() => (window as unknown as { result: unknown }).result), { status: 'valid', sameDeclaration: true });
    await page.close();
  });

  it('every element entry defines its tag', async () => {
    assert.ok(ELEMENT_TAGS.length >= 7, ELEMENT_TAGS.join(', '));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/elements.html`);
    await page.waitForFunction(() => 'result' in window, null, { timeout: 30_000 });
    assert.deepEqual(await page.evaluate(() => (window as unknown as { result: unknown }).result), [], 'tags left undefined');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
