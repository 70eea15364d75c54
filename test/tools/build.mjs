// Library build: every package entry bundled by Vite into dist/ as self-contained ES modules.
// An app-mode build (not lib mode) is used on purpose: lib mode inlines workers and assets as
// base64, which breaks a strict CSP (worker-src 'self') and bloats entries with the .wasm.
// With base './' workers and .wasm are emitted as hashed files and found via import.meta.url,
// so dist/ works from any static server, unbundled, and through a portal's own bundler.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const r = (...p) => join(root, ...p);

/** Entry name (path in dist without .js) → source file. */
export function discoverEntries() {
  const entries = {};
  for (const name of ['core', 'scanner', 'store', 'sync', 'api']) {
    const file = r('src', name, 'index.ts');
    if (existsSync(file)) entries[name] = file;
  }
  const elementsDir = r('src', 'elements');
  if (existsSync(elementsDir)) {
    for (const dir of readdirSync(elementsDir, { withFileTypes: true })) {
      if (!dir.isDirectory() || !dir.name.startsWith('ck-')) continue;
      const define = join(elementsDir, dir.name, `${dir.name}.ts`);
      if (existsSync(define)) entries[`elements/${dir.name}`] = define;
    }
  }
  if (existsSync(r('src', 'index.ts'))) entries.index = r('src', 'index.ts');
  return entries;
}

/** Every entry must be published in package.json "exports", so nothing ships unreachable. */
function checkExportsMap(entries) {
  const pkg = JSON.parse(readFileSync(r('package.json'), 'utf8'));
  const published = new Set(
    Object.values(pkg.exports)
      .map((target) => (typeof target === 'string' ? target : target.import))
      .filter(Boolean),
  );
  const missing = Object.keys(entries).filter((name) => !published.has(`./dist/${name}.js`));
  if (missing.length) {
    throw new Error(`package.json "exports" lacks entries for: ${missing.map((m) => `dist/${m}.js`).join(', ')}`);
  }
}

export async function buildLibrary({ outDir = r('dist'), minify = true, quiet = false } = {}) {
  const entries = discoverEntries();
  await build({
    configFile: false,
    root,
    base: './',
    publicDir: false,
    logLevel: quiet ? 'error' : 'warn',
    esbuild: { target: 'es2022' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify,
      sourcemap: true,
      modulePreload: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      assetsInlineLimit: 0,
      rollupOptions: {
        input: entries,
        preserveEntrySignatures: 'exports-only',
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
        },
      },
    },
    worker: {
      format: 'es',
      rollupOptions: {
        output: {
          entryFileNames: 'workers/[name]-[hash].js',
          chunkFileNames: 'workers/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
        },
      },
    },
  });
  return entries;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const entries = discoverEntries();
  checkExportsMap(entries);
  await buildLibrary();
  rmSync(r('dist', 'types'), { recursive: true, force: true });
  execFileSync(process.execPath, [r('node_modules/typescript/bin/tsc'), '-p', r('tsconfig.build.json')], { stdio: 'inherit' });
  if (existsSync(r('src', 'elements'))) {
    execFileSync(
      process.execPath,
      // Define files are included so every class gets its tag name.
      [r('node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--litelement', '--quiet',
        '--globs', 'src/elements/*/ck-*.ts', '--exclude', 'src/elements/**/*.test.ts', '--outdir', '.'],
      { stdio: 'inherit', cwd: root },
    );
  }
  console.log(`built ${Object.keys(entries).map((e) => relative(root, r('dist', `${e}.js`))).join(', ')} in ${Date.now() - started} ms`);
}
