/// <reference types="node" />
// A production build (vite build, as a deployed kiosk serves it: bundled modules and workers,
// hashed assets) of one test page, served by `vite preview` on a free loopback port. Used by
// the P4 bench to measure the camera start against what a kiosk really loads, beside the dev
// server's unbundled modules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { serveBuild } from '../tools/demo-server';
import { repoRoot } from '../tools/vite-server';

export interface ServedBuild {
  /** Origin of the preview server, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Stops the server and deletes the build. */
  close(): Promise<void>;
}

/** Builds `page` (a path under the repo root, e.g. test/pages/scanner-camera.html) and serves it. */
export async function serveBuiltPage(page: string): Promise<ServedBuild> {
  const outDir = mkdtempSync(join(tmpdir(), 'ck-page-build-'));
  try {
    // No config file: the demo's plugins (backend, PWA) have nothing to do with a test page.
    // Targets as in vite.config.ts.
    await build({
      configFile: false,
      root: repoRoot,
      logLevel: 'error',
      worker: { format: 'es' },
      esbuild: { target: 'es2022' },
      build: { outDir, emptyOutDir: true, target: 'es2022', rollupOptions: { input: join(repoRoot, page) } },
    });
    return await serveBuild(outDir, { configFile: false, root: repoRoot, logLevel: 'error' });
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
