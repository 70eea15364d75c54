// The administrative-unit catalogue (docs/units.md): turns the statistics office's catalogue
// (vn-units-2021-07.json, read from ../shared/data at build time, never copied into the repo)
// into the kit's per-province format — an index.json plus one file per province — that the
// elements load on demand.
//
//   npm run units -- --out <dir>      writes <dir>/2021-07/index.json and <dir>/2021-07/NN.json
//
// The demo build (vite.config.ts) and the browser tests (web-test-runner.config.mjs) serve the
// same files from memory under /units/, so a clean clone needs nothing generated beforehand.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const UNITS_FORMAT = 'ck-units/1';
export const UNITS_FILE = 'vn-units-2021-07.json';
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where the source catalogue is: $CK_UNITS_SOURCE, else ../shared/data beside the repo (or beside a worktree's parent). */
export function unitsSourcePath() {
  const candidates = [
    process.env.CK_UNITS_SOURCE,
    resolve(repoRoot, '../shared/data', UNITS_FILE),
    resolve(repoRoot, '../../shared/data', UNITS_FILE),
  ].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(`The unit catalogue ${UNITS_FILE} was not found (tried ${candidates.join(', ')}). Set CK_UNITS_SOURCE to its path.`);
  }
  return found;
}

/** "2021-07-01" → "2021-07": the folder name of a catalogue state. */
function versionOf(asOf) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`asOf must be YYYY-MM-DD, got ${asOf}`);
  return asOf.slice(0, 7);
}

/**
 * Builds every file of the catalogue in memory.
 * @param {string} [sourcePath]
 * @returns {{ version: string, asOf: string, files: Map<string, string> }} file name → JSON text
 */
export function buildUnitCatalogue(sourcePath = unitsSourcePath()) {
  const source = JSON.parse(readFileSync(sourcePath, 'utf8'));
  const asOf = String(source.asOf);
  const version = versionOf(asOf);
  const files = new Map();
  const provinces = [];
  /** [unitCode, provinceCode] over the whole country, to cut into code ranges. */
  const owners = [];
  const seen = new Set();
  for (const province of source.provinces) {
    if (!/^\d{2}$/.test(province.code)) throw new Error(`bad province code ${province.code}`);
    let count = 0;
    const districts = province.districts.map((district) => {
      if (!/^\d{3}$/.test(district.code)) throw new Error(`bad district code ${district.code}`);
      return {
        code: district.code,
        name: district.name.normalize('NFC'),
        units: district.units.map((unit) => {
          if (!/^\d{5}$/.test(unit.code) || seen.has(unit.code)) throw new Error(`bad or repeated unit code ${unit.code}`);
          seen.add(unit.code);
          owners.push([unit.code, province.code]);
          count++;
          return [unit.code, unit.name.normalize('NFC')];
        }),
      };
    });
    const file = `${province.code}.json`;
    files.set(file, JSON.stringify({ format: UNITS_FORMAT, asOf, province: { code: province.code, name: province.name.normalize('NFC') }, districts }));
    provinces.push({ code: province.code, name: province.name.normalize('NFC'), file, units: count });
  }
  // Unit codes were handed out province by province, but mergers (Hà Tây into Hà Nội, 2008)
  // left some provinces with several runs; the index lists the runs so that a ward code alone
  // tells which province file holds its name.
  owners.sort((a, b) => a[0].localeCompare(b[0]));
  const ranges = [];
  for (const [code, province] of owners) {
    const last = ranges.at(-1);
    if (last && last[2] === province) last[1] = code;
    else ranges.push([code, code, province]);
  }
  const index = { format: UNITS_FORMAT, asOf, source: String(source.source ?? ''), provinces, ranges };
  files.set('index.json', JSON.stringify(index));
  return { version, asOf, files };
}

/**
 * The committed copy (demo/data/units/<version>/): the kit ships its catalogue as data, so a
 * clone works without the statistics office's source file; `npm run units` regenerates it and
 * test/node/units-catalogue.test.ts checks the copy against a regeneration when the source is
 * there.
 */
export const COMMITTED_UNITS_DIR = join(repoRoot, 'demo/data/units');

/** @returns {{ version: string, asOf: string, files: Map<string, string> }} */
export function loadCommittedCatalogue(dir = COMMITTED_UNITS_DIR) {
  const versions = readdirSync(dir).filter((name) => /^\d{4}-\d{2}$/.test(name)).sort();
  const version = versions.at(-1);
  if (!version) throw new Error(`no catalogue folder in ${dir}`);
  const files = new Map();
  for (const name of readdirSync(join(dir, version))) {
    if (name.endsWith('.json')) files.set(name, readFileSync(join(dir, version, name), 'utf8'));
  }
  const asOf = String(JSON.parse(files.get('index.json') ?? '{}').asOf ?? '');
  return { version, asOf, files };
}

let cached;
/** The committed catalogue, read once per process (served by the demo, the test runner, the server). */
export function unitCatalogue() {
  cached ??= loadCommittedCatalogue();
  return cached;
}

/**
 * The JSON text for a request path under `prefix` ("/units/2021-07/01.json"), or undefined.
 * @param {string} path
 */
export function unitCatalogueFile(path, prefix = '/units/') {
  if (!path.startsWith(prefix)) return undefined;
  const { version, files } = unitCatalogue();
  const [dir, name, ...rest] = path.slice(prefix.length).split('?')[0].split('/');
  if (dir !== version || !name || rest.length) return undefined;
  return files.get(name);
}

/** Connect-style middleware for Vite's dev and preview servers. */
export function unitsConnectMiddleware(prefix = '/units/') {
  return (req, res, next) => {
    const body = unitCatalogueFile(req.url ?? '', prefix);
    if (body === undefined) return next();
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(body);
  };
}

/** Koa-style middleware for @web/test-runner. */
export function unitsKoaMiddleware(prefix = '/units/') {
  return (context, next) => {
    const body = unitCatalogueFile(context.path, prefix);
    if (body === undefined) return next();
    context.type = 'application/json';
    context.body = body;
    return undefined;
  };
}

/**
 * Vite plugin: /units/<version>/… on the dev and preview servers, and the files emitted into the
 * build (so the kiosk's and citizen page's service workers can precache them).
 * @returns {import('vite').Plugin}
 */
export function unitsPlugin(prefix = '/units/') {
  return {
    name: 'ck-units',
    configureServer(server) {
      server.middlewares.use(unitsConnectMiddleware(prefix));
    },
    generateBundle() {
      const { version, files } = unitCatalogue();
      for (const [name, source] of files) {
        this.emitFile({ type: 'asset', fileName: `${prefix.slice(1)}${version}/${name}`, source });
      }
    },
  };
}

function main() {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = resolve(outIndex >= 0 ? args[outIndex + 1] ?? '' : COMMITTED_UNITS_DIR);
  const { version, files } = buildUnitCatalogue();
  const dir = join(out, version);
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (const [name, text] of files) {
    writeFileSync(join(dir, name), text);
    bytes += Buffer.byteLength(text);
  }
  console.log(`${files.size} files, ${bytes} bytes → ${dir}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
