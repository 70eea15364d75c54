/// <reference types="node" />
// The kiosk's PWA build (used by vite.config.ts): its web manifest and icons, and its Workbox
// service worker (vite-plugin-pwa `injectManifest`, source demo/kiosk/sw.ts, emitted at
// /kiosk/sw.js, scope /kiosk/). The manifest is the kiosk's alone: it is emitted here and linked
// from the kiosk page only (vite-plugin-pwa would link it from every page of the build).
// The page registers its worker itself (injectRegister: false); msw's worker is never precached.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, PluginOption, ResolvedConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** workbox-build's manifest transform (its types are not a direct dependency here). */
type ManifestTransform = (entries: { url: string; revision: string | null; size: number }[]) => Promise<{
  manifest: { url: string; revision: string | null; size: number }[];
  warnings?: string[];
}>;

export const KIOSK_SCOPE = '/kiosk/';
const kioskDir = fileURLToPath(new URL('.', import.meta.url));

/** The icons shipped under /kiosk/icons/ (names are stable: the manifest points at them). */
const ICONS = [
  { file: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
  { file: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
  { file: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
  { file: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
] as const;

export function kioskManifest(base: string): Record<string, unknown> {
  const scope = `${base.replace(/\/+$/, '')}${KIOSK_SCOPE}`;
  return {
    id: scope,
    name: 'Chốt kiểm soát — Checkpoint Kit',
    short_name: 'Chốt kiểm soát',
    description: 'Quét và ghi mã QR khai báo di chuyển nội địa tại chốt kiểm soát, kể cả khi mất mạng. / Scan and record domestic movement declaration QR codes at a checkpoint, also offline.',
    lang: 'vi',
    dir: 'ltr',
    start_url: scope,
    scope,
    display: 'standalone',
    display_override: ['fullscreen', 'standalone'],
    orientation: 'any',
    background_color: '#ffffff',
    theme_color: '#0b57d0',
    categories: ['government', 'utilities'],
    icons: ICONS.map((i) => ({ src: `${scope}icons/${i.file}`, sizes: i.sizes, type: i.type, purpose: i.purpose })),
  };
}

/** True for the kiosk page (the HTML file under demo/kiosk/). */
function isKioskPage(path: string): boolean {
  return /(^|\/)kiosk\/(index\.html)?$/.test(path.replace(/\\/g, '/').replace(/\?.*$/, ''));
}

function kioskManifestPlugin(): Plugin {
  let base = '/';
  const manifestPath = () => `${base.replace(/\/+$/, '')}${KIOSK_SCOPE}manifest.webmanifest`;
  return {
    name: 'checkpoint-kit-kiosk-manifest',
    config(_config, env) {
      if (env.command !== 'build') return undefined;
      // A dedicated worker's script request is matched against service-worker scopes by its own
      // URL (a "non-subresource request"), not inherited from the page: a worker under /assets/
      // would be outside the kiosk's /kiosk/ scope, fetched from the network — and fail
      // offline. So worker scripts are emitted under /kiosk/workers/; the worker is then
      // controlled by the kiosk's service worker, and its own fetches (the .wasm under /assets/)
      // are served from the precache too. Other pages load the same worker files from there.
      return { worker: { rolldownOptions: { output: { entryFileNames: 'kiosk/workers/[name]-[hash].js', chunkFileNames: 'kiosk/workers/[name]-[hash].js' } } } };
    },
    configResolved(config: ResolvedConfig) {
      base = config.base;
    },
    configureServer(server) {
      // Dev server: the manifest is generated; the icons are served from demo/kiosk/icons/.
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== manifestPath()) return next();
        res.setHeader('Content-Type', 'application/manifest+json');
        res.end(JSON.stringify(kioskManifest(base)));
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!isKioskPage(ctx.path) && !isKioskPage(ctx.filename)) return html;
        return [{ tag: 'link', attrs: { rel: 'manifest', href: manifestPath() }, injectTo: 'head' }];
      },
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: `${KIOSK_SCOPE.slice(1)}manifest.webmanifest`, source: JSON.stringify(kioskManifest(base)) });
      for (const icon of ICONS) {
        this.emitFile({ type: 'asset', fileName: `${KIOSK_SCOPE.slice(1)}icons/${icon.file}`, source: readFileSync(`${kioskDir}icons/${icon.file}`) });
      }
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Other pages of the demo build: never precached by the kiosk's worker. */
const NOT_FOR_THE_KIOSK = ['index.html', 'ward/**', 'mockServiceWorker.js', 'kiosk/sw.js', '**/*.map'];

/**
 * Keeps the precache to what the kiosk page reaches: its HTML, then every output file named in
 * a reached HTML/JS/CSS file (chunks, workers, the .wasm the decode worker fetches, images),
 * plus everything under kiosk/ (manifest, icons). The other demo pages share assets/ but none
 * of their chunks is downloaded by a kiosk.
 */
function kioskOnly(outDir: string, base: string): ManifestTransform {
  return async (entries) => {
    const relative = (url: string) => (url.startsWith(base) ? url.slice(base.length) : url.replace(/^\//, ''));
    const files = new Map(entries.map((e) => [relative(e.url), e]));
    const start = `${KIOSK_SCOPE.slice(1)}index.html`;
    if (!files.has(start)) return { manifest: entries, warnings: [`${start} is not in the precache`] };
    const reached = new Set<string>();
    const queue = [start];
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      if (reached.has(file)) continue;
      reached.add(file);
      if (!/\.(html|js|css|json|webmanifest)$/.test(file)) continue;
      const text = readFileSync(join(outDir, file), 'utf8');
      for (const other of files.keys()) if (!reached.has(other) && text.includes(basename(other))) queue.push(other);
    }
    // The whole unit catalogue too (~90 kB gz): a kiosk names wards of any province offline.
    const keep = (url: string) => reached.has(url) || url.startsWith(KIOSK_SCOPE.slice(1)) || url.startsWith('units/');
    return { manifest: entries.filter((e) => keep(relative(e.url))) };
  };
}

export function kioskPwa(): PluginOption {
  return [
    kioskManifestPlugin(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'kiosk',
      filename: 'sw.ts',
      scope: KIOSK_SCOPE,
      injectRegister: false,
      manifest: false,
      // Worker emitted as a classic script (no module worker support needed to install it).
      injectManifest: {
        rollupFormat: 'iife',
        minify: true,
        // Every asset the kiosk needs offline: JS (page chunks and the decode/verify workers),
        // CSS, HTML, the zxing .wasm (~1 MB), icons, the manifest.
        globPatterns: ['**/*.{js,css,html,wasm,svg,png,webmanifest,json}'],
        globIgnores: NOT_FOR_THE_KIOSK,
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        injectionPoint: 'self.__WB_MANIFEST',
      },
      integration: {
        // The worker lands in <outDir>/kiosk/ while the precache is globbed over the whole
        // <outDir>; URLs are made absolute so they do not resolve against /kiosk/.
        configureOptions(config, options) {
          const outDir = config.build.outDir;
          options.outDir = `${outDir}/kiosk`;
          options.injectManifest = {
            ...options.injectManifest,
            globDirectory: outDir,
            modifyURLPrefix: { '': config.base },
            manifestTransforms: [kioskOnly(outDir, config.base)],
            // Hashed file names need no revision (the prefix above is applied first).
            dontCacheBustURLsMatching: new RegExp(`^${escapeRegExp(config.base)}assets/`),
          };
        },
      },
    }),
  ];
}
