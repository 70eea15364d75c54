/// <reference types="node" />
// The citizen page's offline build (used by vite.config.ts): after the demo is written, its
// service worker (source demo/citizen/sw.ts) is bundled as a classic script and Workbox injects
// the precache list — the citizen page's HTML and every output file it reaches, plus the unit
// catalogue's index. Emitted at /citizen-sw.js so its scope can be the site root, where the page
// lives. vite-plugin-pwa builds one worker per build (the kiosk's, demo/kiosk/pwa.ts), hence this
// second, smaller path through the same tools (Vite's library build, workbox-build).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin, type ResolvedConfig } from 'vite';
import { injectManifest } from 'workbox-build';

export const CITIZEN_SW = 'citizen-sw.js';
const swSource = fileURLToPath(new URL('./sw.ts', import.meta.url));

type Entry = { url: string; revision: string | null; size: number };

/** The page's HTML, then every output file named in a reached HTML/JS/CSS file. */
function reachedFrom(outDir: string, start: string, files: readonly string[]): Set<string> {
  const reached = new Set<string>();
  const queue = [start];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (reached.has(file)) continue;
    reached.add(file);
    if (!/\.(html|js|css)$/.test(file)) continue;
    const text = readFileSync(join(outDir, file), 'utf8');
    for (const other of files) if (!reached.has(other) && text.includes(basename(other))) queue.push(other);
  }
  return reached;
}

export function citizenPwa(options: { unitsIndex: string }): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'checkpoint-kit-citizen-pwa',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = config.build.outDir;
      const base = config.base;
      const work = mkdtempSync(join(tmpdir(), 'ck-citizen-sw-'));
      try {
        await build({
          configFile: false,
          root: config.root,
          base,
          mode: config.mode,
          logLevel: 'warn',
          publicDir: false,
          define: { 'process.env.NODE_ENV': JSON.stringify(config.mode === 'production' ? 'production' : 'development') },
          build: {
            target: 'es2022',
            minify: true,
            outDir: work,
            emptyOutDir: false,
            lib: { entry: swSource, name: 'ckCitizenSw', formats: ['iife'], fileName: () => CITIZEN_SW },
          },
        });
        const relative = (url: string) => (url.startsWith(base) ? url.slice(base.length) : url.replace(/^\//, ''));
        const unitsIndex = relative(options.unitsIndex);
        const result = await injectManifest({
          swSrc: join(work, CITIZEN_SW),
          swDest: join(outDir, CITIZEN_SW),
          globDirectory: outDir,
          globPatterns: ['**/*.{js,css,html,svg,png,json}'],
          // The other pages and workers: never needed by the citizen page.
          globIgnores: ['kiosk/sw.js', 'kiosk/*.webmanifest', 'kiosk/icons/**', 'ward/**', 'mockServiceWorker.js', CITIZEN_SW, '**/*.map'],
          maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
          modifyURLPrefix: { '': base },
          dontCacheBustURLsMatching: new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}assets/`),
          manifestTransforms: [
            async (entries: Entry[]) => {
              const files = entries.map((e) => relative(e.url));
              const reached = reachedFrom(outDir, 'index.html', files);
              return { manifest: entries.filter((e) => reached.has(relative(e.url)) || relative(e.url) === unitsIndex), warnings: [] };
            },
          ],
        });
        for (const warning of result.warnings) config.logger.warn(`citizen service worker: ${warning}`);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  };
}
