/// <reference types="node" />
// The demo's production build in a temp dir (never the shared dist-demo), served by
// `vite preview` (which sends the strict Content-Security-Policy of vite.config.ts, and the demo
// backend under /api). Shared by the kiosk and prove-* page tests and the P9 bench.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type InlineConfig, type PreviewServer } from 'vite';

// The demo's config is loaded the bundled way; Vite's notice about a future native loader is noise here.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';

const configFile = fileURLToPath(new URL('../../vite.config.ts', import.meta.url));

export interface PreviewedDemo {
  url: string;
  outDir: string;
  close(): Promise<void>;
}

/** Builds the demo (with the kiosk's service worker) into a temp dir and serves it. */
export async function previewDemo(options: { tempPrefix?: string } = {}): Promise<PreviewedDemo> {
  const outDir = await buildDemo(options.tempPrefix);
  return { outDir, ...(await serveBuild(outDir, { configFile, configLoader: 'bundle', logLevel: 'warn' })) };
}

/**
 * Serves a build in `outDir` with `vite preview` on a free loopback port; `close()` stops the
 * server and deletes `outDir`. `config`: the preview's Vite config (false: none).
 */
export async function serveBuild(outDir: string, config: InlineConfig): Promise<{ url: string; close(): Promise<void> }> {
  const server: PreviewServer = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') {
    await server.close();
    throw new Error('preview server has no TCP address');
  }
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** Builds the demo's pages (production mode) into a new temp dir and returns its path. */
export async function buildDemo(tempPrefix = 'ck-demo-dist-'): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), tempPrefix));
  // A dev server started earlier in the same process (the bench) leaves NODE_ENV=development
  // behind, and the service worker would then be built in development mode.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile, configLoader: 'bundle', mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
