/// <reference types="node" />
// What the kit adds to a portal's own bundle. A portal already on Lit + Dexie (one LitElement,
// one Dexie database) is built with Vite production settings; then the same app plus one kit
// element, imported from the packed package (npm build: bare imports, deduplicated). The
// difference in JS (min+gzip, every emitted chunk; the decode worker and .wasm apart, loaded
// lazily) is the element's cost. Also: the package itself (npm pack: size, unpacked, files).
// Run alone: node --import tsx test/bench/consumer-size.ts (builds dist/ when missing).
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { makeConsumer, packContents, repoRoot } from '../tools/consumer';
import type { BenchSection } from './types';

const PORTAL = `import { LitElement, html } from 'lit';
import { Dexie } from 'dexie';
class PortalShell extends LitElement { render() { return html\`<slot></slot>\`; } }
customElements.define('portal-shell', PortalShell);
const db = new Dexie('portal');
db.version(1).stores({ notes: '++id' });
window.portal = { db };
`;

const GOALS_KB: Record<string, number> = { 'ck-pass': 40, 'ck-declaration-form': 25 };

interface BuildSize {
  gzip: number;
  raw: number;
  lazy: number;
  lits: number;
  dexies: number;
}

async function buildApp(dir: string, extra: string): Promise<BuildSize> {
  writeFileSync(join(dir, 'main.js'), `${PORTAL}${extra}`);
  const out = (await build({ root: dir, configFile: false, logLevel: 'error', build: { outDir: join(dir, 'dist'), emptyOutDir: true, write: false } })) as Rolldown.RolldownOutput;
  let gzip = 0;
  let raw = 0;
  let lazy = 0;
  const modules: string[] = [];
  for (const item of out.output) {
    const bytes = Buffer.from(item.type === 'chunk' ? item.code : item.source);
    if (item.type === 'chunk') modules.push(...Object.keys(item.modules));
    if (item.fileName.endsWith('.wasm') || /worker/.test(item.fileName)) {
      lazy += gzipSync(bytes, { level: 9 }).length;
      continue;
    }
    if (!item.fileName.endsWith('.js')) continue;
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const copies = (name: string) => new Set(modules.filter((m) => m.includes(`/node_modules/${name}/`)).map((m) => m.slice(0, m.lastIndexOf(`/node_modules/${name}/`)))).size;
  return { gzip, raw, lazy, lits: copies('lit-element'), dexies: copies('dexie') };
}

const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

export async function measureConsumerSizes(): Promise<BenchSection[]> {
  if (!existsSync(join(repoRoot, 'dist/src/core/index.js'))) execFileSync(process.execPath, [join(repoRoot, 'test/tools/build.mjs')], { stdio: 'inherit' });
  const dir = makeConsumer('bench', {}, {
    'index.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal</title></head><body><script type="module" src="./main.js"></script></body></html>',
  });
  try {
    const base = await buildApp(dir, '');
    const rows: BenchSection['rows'] = [{ app: 'portal (Lit + Dexie)', 'JS gz KB': kb(base.gzip), 'JS raw KB': kb(base.raw), 'added gz KB': 0, goal: '', lits: base.lits, dexies: base.dexies }];
    for (const extra of [
      ['ck-pass', "import 'checkpoint-kit/elements/ck-pass.js';\n"],
      ['ck-declaration-form', "import 'checkpoint-kit/elements/ck-declaration-form.js';\n"],
      ['ck-pass + ck-declaration-form', "import 'checkpoint-kit/elements/ck-pass.js';\nimport 'checkpoint-kit/elements/ck-declaration-form.js';\n"],
      ['ck-scanner', "import 'checkpoint-kit/elements/ck-scanner.js';\n"],
      ['ck-checkpoint', "import 'checkpoint-kit/elements/ck-checkpoint.js';\n"],
      ['core only', "import { verifyPass } from 'checkpoint-kit/core';\nwindow.verifyPass = verifyPass;\n"],
    ] as const) {
      const size = await buildApp(dir, extra[1]);
      const goal = GOALS_KB[extra[0]];
      rows.push({
        app: `+ ${extra[0]}`,
        'JS gz KB': kb(size.gzip),
        'JS raw KB': kb(size.raw),
        'added gz KB': kb(size.gzip - base.gzip),
        goal: goal ? `≤ ${goal}` : '',
        lits: size.lits,
        dexies: size.dexies,
        'lazy worker+wasm gz KB': size.lazy ? kb(size.lazy) : '',
      });
    }
    const pack = packContents();
    const maps = pack.files.filter((f) => f.path.endsWith('.map')).length;
    return [
      {
        id: 'size-consumer',
        title: 'What a kit element adds to a portal already on Lit + Dexie (Vite production build, min+gzip JS)',
        goal: 'ck-pass ≤ 40 KB gz, ck-declaration-form ≤ 25 KB gz; one Lit, one Dexie',
        rows,
        notes: ['JS of every emitted chunk except workers; the decode worker and the zxing .wasm are lazy and listed apart.'],
      },
      {
        id: 'size-package',
        title: 'The npm package (npm pack)',
        rows: [{ 'tarball KB': kb(pack.size), 'unpacked KB': kb(pack.unpackedSize), files: pack.entryCount, 'source maps': maps, screenshots: pack.files.filter((f) => f.path.endsWith('.png')).length }],
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  for (const section of await measureConsumerSizes()) console.log(section.title, JSON.stringify(section.rows, null, 1));
}

