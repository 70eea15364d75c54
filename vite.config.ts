import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { demoBackend } from './demo/backend/vite-plugin';
import { kioskPwa } from './demo/kiosk/pwa';
import { citizenPwa } from './demo/citizen/pwa';
import { demoHeaderPlugin } from './demo/shared/demo-header';
import { unitsPlugin } from './test/tools/units.mjs';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const demoDir = `${repoRoot}demo/`;

/**
 * The strict Content-Security-Policy the demo runs under (and a portal can copy): no inline
 * script or style, no eval, wasm compilation allowed, workers and connections same-origin only.
 * Served by `vite preview` (the production build); the dev server's HMR client would break it.
 */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The demo's pages: citizen (/), kiosk (/kiosk/), ward and trace (/ward/), contact tracing (/tracer/), command view (/command/). */
const pages = {
  citizen: `${demoDir}index.html`,
  kiosk: `${demoDir}kiosk/index.html`,
  ward: `${demoDir}ward/index.html`,
  tracer: `${demoDir}tracer/index.html`,
  command: `${demoDir}command/index.html`,
};


// `npm run demo` builds the demo and serves the production build (so the kiosk's service worker
// and precache are the real ones) with the demo backend answering the HTTP contract under /api.
// Page tests reuse this config through test/tools/vite-server.ts (dev server, root = repo).
export default defineConfig({
  root: demoDir,
  base: '/',
  publicDir: `${repoRoot}public`,
  // The kiosk's service worker and web manifest cover /kiosk/ only; msw never controls it.
  // /units/2021-07/… is the unit catalogue built from ../shared/data (docs/units.md).
  // The citizen page has its own worker at /citizen-sw.js (scope /), demo/citizen/pwa.ts.
  plugins: [demoHeaderPlugin(), demoBackend({ base: '/api' }), unitsPlugin(), kioskPwa(), citizenPwa({ unitsIndex: '/units/2021-07/index.json' })],
  server: {
    host: '127.0.0.1',
    port: Number(process.env.PORT) || 5173,
    strictPort: Boolean(process.env.PORT),
    fs: { strict: true, allow: [repoRoot] },
  },
  preview: {
    headers: { 'Content-Security-Policy': STRICT_CSP },
    host: '127.0.0.1',
    port: Number(process.env.PORT) || 5173,
    strictPort: Boolean(process.env.PORT),
  },
  worker: { format: 'es' as const },
  build: {
    target: 'es2022',
    outDir: `${repoRoot}dist-demo`,
    emptyOutDir: true,
    assetsInlineLimit: 0,
    rollupOptions: { input: pages },
  },
  esbuild: { target: 'es2022' },
});
