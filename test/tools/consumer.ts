/// <reference types="node" />
// Throw-away consumer apps for the packed package: `npm pack` of this repo, installed with npm
// into a temp folder as a portal team would install it, then built with the portal's bundler and
// served from a plain static server on 127.0.0.1 (port 0).
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let packed: string | undefined;

/** `npm pack` of the repo (its dist/ must be built), once per process; the .tgz path. */
export function packTarball(): string {
  if (packed) return packed;
  const dir = mkdtempSync(join(tmpdir(), 'ck-pack-'));
  const out = execFileSync(npm, ['pack', '--json', '--pack-destination', dir], { cwd: repoRoot, encoding: 'utf8' });
  const [info] = JSON.parse(out) as { filename: string }[];
  packed = join(dir, info.filename);
  return packed;
}

export interface PackInfo {
  unpackedSize: number;
  size: number;
  entryCount: number;
  files: { path: string; size: number }[];
}

/** What `npm pack --dry-run` would put in the tarball. */
export function packContents(): PackInfo {
  const out = execFileSync(npm, ['pack', '--dry-run', '--json'], { cwd: repoRoot, encoding: 'utf8' });
  return (JSON.parse(out) as PackInfo[])[0];
}

/**
 * A consumer app folder with `checkpoint-kit` installed from the tarball plus `extraDeps`
 * (name → version), resolved by npm as in any portal (offline from the npm cache when possible).
 */
export function makeConsumer(name: string, extraDeps: Record<string, string> = {}, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `ck-consumer-${name}-`));
  const pkg = { name: `consumer-${name}`, private: true, type: 'module', dependencies: { 'checkpoint-kit': `file:${packTarball()}`, ...extraDeps } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return dir;
}

/** Every file under `dir`, relative, with '/' separators. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.replace(/\\/g, '/'));
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.bmp': 'image/bmp',
};

/** Serves `dir` statically on 127.0.0.1 (port 0); `extra` maps URL paths to bodies. */
export async function serveStatic(dir: string, extra: Record<string, Buffer | string> = {}): Promise<{ base: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    if (path in extra) {
      res.writeHead(200, { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' }).end(extra[path]);
      return;
    }
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
  return { base: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
