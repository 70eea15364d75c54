/// <reference types="node" />
// Element entry sizes (min+gzip): every `src/elements/ck-*/ck-*.ts` define file is built in ONE
// Vite production build (minified, code-split, as dist/ is), so a dependency two elements share
// lands in a shared chunk. Each entry is then reported as its own JS — the entry chunk plus the
// chunks only it imports — and every shared chunk is listed once, with what uses it.
// Workers and .wasm are lazy assets, reported apart. Run alone: node --import tsx test/bench/element-size.ts
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import type { BenchSection } from './types';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Budgets from the issues (KB min+gzip of an entry's own JS, shared chunks counted once). */
const GOALS_KB: Record<string, number> = { 'ck-declaration-form': 25, 'ck-pass': 30, 'ck-scanner': 15 };

export function elementEntries(): Record<string, string> {
  const dir = join(root, 'src', 'elements');
  const entries: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const define = join(dir, name, `${name}.ts`);
    if (name.startsWith('ck-') && existsSync(define)) entries[name] = define;
  }
  return entries;
}

interface ChunkInfo {
  file: string;
  raw: number;
  gzip: number;
  imports: string[];
  entry?: string;
}

function sizes(bytes: Buffer): { raw: number; gzip: number } {
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Static-import closure of a chunk (dynamic imports are lazy and not counted). */
function closure(start: string, chunks: Map<string, ChunkInfo>): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const next of chunks.get(file)?.imports ?? []) stack.push(next);
  }
  return seen;
}

function topModules(modules: Record<string, { renderedLength: number }>, n = 4): string {
  return Object.entries(modules)
    .sort((a, b) => b[1].renderedLength - a[1].renderedLength)
    .slice(0, n)
    .map(([id]) => relative(root, id.replace(/^\0/, '')).replace(/^node_modules\//, ''))
    .join(', ');
}

export async function measureElementSizes(): Promise<BenchSection[]> {
  const entries = elementEntries();
  const outDir = mkdtempSync(join(tmpdir(), 'ck-element-size-'));
  try {
    const result = await build({
      configFile: false,
      root,
      base: './',
      publicDir: false,
      logLevel: 'error',
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        minify: true,
        sourcemap: false,
        modulePreload: false,
        copyPublicDir: false,
        reportCompressedSize: false,
        assetsInlineLimit: 0,
        rollupOptions: {
          input: entries,
          preserveEntrySignatures: 'exports-only',
          output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
        },
      },
      worker: { format: 'es' },
    });
    const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
    const chunks = new Map<string, ChunkInfo>();
    const contents = new Map<string, string>();
    for (const item of outputs) {
      if (item.type !== 'chunk') continue;
      chunks.set(item.fileName, {
        file: item.fileName,
        ...sizes(readFileSync(join(outDir, item.fileName))),
        imports: item.imports,
        ...(item.isEntry && item.name ? { entry: item.name } : {}),
      });
      contents.set(item.fileName, topModules(item.modules));
    }

    // Which entries reach each chunk statically.
    const users = new Map<string, string[]>();
    const closures = new Map<string, Set<string>>();
    for (const name of Object.keys(entries)) {
      const reach = closure(`${name}.js`, chunks);
      closures.set(name, reach);
      for (const file of reach) users.set(file, [...(users.get(file) ?? []), name]);
    }

    const entryRows: BenchSection['rows'] = [];
    for (const name of Object.keys(entries)) {
      const reach = [...(closures.get(name) ?? [])];
      const own = reach.filter((f) => (users.get(f) ?? []).length === 1);
      const shared = reach.filter((f) => (users.get(f) ?? []).length > 1);
      const sum = (files: string[], key: 'raw' | 'gzip') => files.reduce((t, f) => t + (chunks.get(f)?.[key] ?? 0), 0);
      const ownGz = sum(own, 'gzip');
      const goal = GOALS_KB[name];
      entryRows.push({
        entry: `elements/${name}.js`,
        'own min KB': kb(sum(own, 'raw')),
        'own min+gzip KB': kb(ownGz),
        'shared chunks used': shared.length,
        'alone, with shared min+gzip KB': kb(sum(reach, 'gzip')),
        goal: goal ? `≤ ${goal} KB` : '',
        met: goal ? kb(ownGz) <= goal : null,
      });
    }

    const sharedRows: BenchSection['rows'] = [...users]
      .filter(([, by]) => by.length > 1)
      .map(([file, by]) => ({
        chunk: file,
        'min KB': kb(chunks.get(file)?.raw ?? 0),
        'min+gzip KB': kb(chunks.get(file)?.gzip ?? 0),
        'used by': by.join(', '),
        'largest modules': contents.get(file) ?? '',
      }))
      .sort((a, b) => Number(b['min+gzip KB']) - Number(a['min+gzip KB']));
    const sharedTotal = sharedRows.reduce((t, r) => t + Number(r['min+gzip KB']), 0);

    const lazy: string[] = [];
    for (const item of outputs) {
      if (item.type === 'asset' || (item.type === 'chunk' && !users.has(item.fileName))) {
        const path = join(outDir, item.fileName);
        if (!existsSync(path) || !statSync(path).isFile()) continue;
        const s = sizes(readFileSync(path));
        lazy.push(`${item.fileName}: ${kb(s.raw)} KB min, ${kb(s.gzip)} KB gzip`);
      }
    }

    return [
      {
        id: 'size-elements',
        title: 'Element entries, min+gzip (one code-split production build; own JS = entry + chunks no other element uses)',
        goal: 'ck-declaration-form ≤ 25 KB, ck-pass ≤ 30 KB, shared dependencies counted once',
        rows: entryRows,
        notes: [
          `shared chunks, counted once: ${kb(sharedTotal * 1024)} KB min+gzip in ${sharedRows.length} chunk(s) (below)`,
          ...(lazy.length ? [`lazy assets (workers, wasm, dynamic chunks), not in any entry: ${lazy.join('; ')}`] : []),
        ],
      },
      { id: 'size-shared', title: 'Shared chunks of the element entries (each counted once)', rows: sharedRows },
    ];
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const section of await measureElementSizes()) {
    console.log(`\n## ${section.id} — ${section.title}${section.goal ? `\nGoal: ${section.goal}` : ''}`);
    console.table(section.rows);
    for (const note of section.notes ?? []) console.log(`- ${note}`);
  }
}
