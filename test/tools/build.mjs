// Two builds from one source (`npm run build`):
//
// 1. The npm build, dist/src/** and dist/workers/**: tsc's unbundled ES modules and .d.ts side
//    by side, relative specifiers rewritten to the `.js` file they name (so Node, NodeNext type
//    resolution and every bundler read them as written), bare imports (lit, dexie, jose, comlink,
//    qr-code-styling, zxing-wasm) left for the portal's bundler to deduplicate. Workers and the
//    zxing wasm keep the literal `new Worker(new URL('…/x.worker.js', import.meta.url), …)` and
//    `new URL('./zxing_reader.wasm', import.meta.url)` forms that Vite, webpack 5, Rollup,
//    esbuild and Parcel all follow; the wasm is copied beside the module that names it.
// 2. The self-contained build, dist/standalone/: every entry bundled by Vite (app mode, not lib
//    mode, which would inline workers and the .wasm as base64 and break worker-src 'self'), for
//    copying onto a server with no bundler. Licence comments kept; no source maps.
//
// Then custom-elements.json (test/tools/manifest.mjs) and the JSX typings generated from it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const r = (...p) => join(root, ...p);

/** Entry name (path in dist/standalone without .js) → source file. */
export function discoverEntries() {
  const entries = {};
  for (const name of ['core', 'scanner', 'kiosk', 'strings']) {
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
  return entries;
}

/** Where the npm build puts an entry's module: src/core/index.ts → ./dist/src/core/index.js. */
export function npmTarget(sourceFile) {
  return `./dist/${relative(root, sourceFile).replace(/\\/g, '/').replace(/\.ts$/, '.js')}`;
}

/** Every entry must be published in package.json "exports" and element entries in "sideEffects". */
export function checkPackageJson(entries = discoverEntries()) {
  const pkg = JSON.parse(readFileSync(r('package.json'), 'utf8'));
  const published = new Set(Object.values(pkg.exports).map((t) => (typeof t === 'string' ? t : t.default)).filter(Boolean));
  const problems = [];
  for (const file of Object.values(entries)) {
    if (!published.has(npmTarget(file))) problems.push(`"exports" lacks ${npmTarget(file)}`);
  }
  const defineFiles = Object.entries(entries).filter(([name]) => name.startsWith('elements/')).map(([, f]) => npmTarget(f));
  const sideEffects = new Set(pkg.sideEffects);
  for (const file of defineFiles) if (!sideEffects.has(file)) problems.push(`"sideEffects" lacks ${file}`);
  // The repo's own builds (demo, benches) read the sources: their define files count too.
  for (const file of Object.entries(entries).filter(([n]) => n.startsWith('elements/')).map(([, f]) => `./${relative(root, f).replace(/\\/g, '/')}`)) {
    if (!sideEffects.has(file)) problems.push(`"sideEffects" lacks ${file}`);
  }
  for (const file of sideEffects) {
    if (file.startsWith('./dist/src/') && !defineFiles.includes(file)) problems.push(`"sideEffects" names ${file}, which is not a define file`);
  }
  if (problems.length) throw new Error(`package.json: ${problems.join('; ')}`);
}

function walk(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

// import x from './a'; export * from '../b'; import('./c'); import './d'; declare … import("./e")
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]*)\2/g;

/** './errors' → './errors.js', './dir' → './dir/index.js' (the file tsc emitted for it). */
function withExtension(fromFile, spec, ext) {
  if (/\.(js|json|wasm)$/.test(spec)) return spec;
  const base = resolve(dirname(fromFile), spec);
  if (existsSync(`${base}${ext}`)) return `${spec}.js`;
  if (existsSync(join(base, `index${ext}`))) return `${spec}/index.js`;
  throw new Error(`${relative(root, fromFile)}: cannot resolve ${spec}`);
}

/**
 * Rewrites the emitted npm build in place: `.js` on relative specifiers, worker URLs from .ts to
 * .js, and a wasm named inside node_modules copied beside the module and named `./file.wasm`.
 */
function finishNpmBuild(outDir) {
  for (const file of walk(outDir)) {
    const isDts = file.endsWith('.d.ts');
    if (!isDts && !file.endsWith('.js')) continue;
    const ext = isDts ? '.d.ts' : '.js';
    let code = readFileSync(file, 'utf8');
    code = code.replace(SPECIFIER, (_, lead, q, spec) => `${lead}${q}${withExtension(file, spec, ext)}${q}`);
    code = code.replace(/new URL\((['"])(\.{1,2}\/[^'"]+)\.ts\1,\s*import\.meta\.url\)/g, (_, q, path) => {
      if (!existsSync(resolve(dirname(file), `${path}.js`))) throw new Error(`${relative(root, file)}: no ${path}.js`);
      return `new URL(${q}${path}.js${q}, import.meta.url)`;
    });
    code = code.replace(/new URL\((['"])((?:\.\.\/)+node_modules\/[^'"]+)\1,\s*import\.meta\.url\)/g, (_, q, path) => {
      const sourceFile = resolve(root, relative(outDir, dirname(file)), path);
      if (!existsSync(sourceFile)) throw new Error(`${relative(root, file)}: ${path} not found`);
      copyFileSync(sourceFile, join(dirname(file), basename(sourceFile)));
      return `new URL(${q}./${basename(sourceFile)}${q}, import.meta.url)`;
    });
    writeFileSync(file, code);
  }
}

/** The npm build into `outDir` (default dist/, keeping dist/standalone). */
export function buildNpm({ outDir = r('dist') } = {}) {
  for (const part of ['src', 'workers']) rmSync(join(outDir, part), { recursive: true, force: true });
  execFileSync(process.execPath, [r('node_modules/typescript/bin/tsc'), '-p', r('tsconfig.build.json'), '--outDir', outDir], { stdio: 'inherit' });
  finishNpmBuild(outDir);
}

/** The self-contained build (entries bundled, workers and wasm as hashed files beside them). */
export async function buildLibrary({ outDir = r('dist', 'standalone'), minify = true, quiet = false, sourcemap = false } = {}) {
  const entries = discoverEntries();
  const bundled = new Set();
  const collect = {
    name: 'ck-collect-packages',
    generateBundle(_, bundle) {
      for (const item of Object.values(bundle)) {
        for (const id of item.type === 'chunk' ? Object.keys(item.modules) : []) {
          const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id.replace(/\\/g, '/'));
          if (m) bundled.add(m[1]);
        }
      }
    },
  };
  await build({
    plugins: [collect],
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
      sourcemap,
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
          // Bundled dependencies keep their licence headers (lit, dexie, jose, …).
          comments: { legal: true },
        },
      },
    },
    worker: {
      format: 'es',
      plugins: () => [collect],
      rollupOptions: {
        output: {
          entryFileNames: 'workers/[name]-[hash].js',
          chunkFileNames: 'workers/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
          comments: { legal: true },
        },
      },
    },
  });
  writeNotices(join(outDir, 'THIRD-PARTY-NOTICES.md'), [...bundled].sort());
  return entries;
}

/** The licence text of every package bundled into the self-contained build. */
function writeNotices(file, packages) {
  const parts = ['# Third-party notices', '', 'dist/standalone/ bundles these packages; their licences follow.', ''];
  for (const name of packages) {
    const dir = r('node_modules', name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    parts.push(`## ${name} ${pkg.version} (${pkg.license ?? 'see below'})`, '');
    parts.push(licenceFile ? readFileSync(join(dir, licenceFile), 'utf8').trim() : `No licence file shipped; package.json says: ${pkg.license}.`, '');
  }
  writeFileSync(file, `${parts.join('\n')}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const entries = discoverEntries();
  checkPackageJson(entries);
  rmSync(r('dist'), { recursive: true, force: true });
  buildNpm();
  await buildLibrary();
  if (existsSync(r('test/tools/manifest.mjs'))) {
    const { writeManifest } = await import('./manifest.mjs');
    await writeManifest();
  }
  console.log(`built dist/ (npm: ${Object.keys(entries).length} entries) and dist/standalone/ in ${Date.now() - started} ms`);
}
