/// <reference types="node" />
// Starts a Vite dev server on a free loopback port for whole-page tests and benchmarks.
// By default the repo root is served (test pages under /test/pages/, TypeScript, workers and
// node_modules resolved by Vite); pass `root: 'demo'` to serve the demo app as `npm run demo` does.
// `configFile` picks up vite.config.ts so the demo backend middleware is included when present.
import { createServer, type InlineConfig, type ViteDevServer } from 'vite';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  url: string;
  server: ViteDevServer;
  close(): Promise<void>;
}

export async function startViteServer(overrides: InlineConfig = {}): Promise<RunningServer> {
  const server = await createServer({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    configLoader: 'runner',
    logLevel: 'error',
    clearScreen: false,
    ...overrides,
    root: overrides.root ?? repoRoot,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, ...overrides.server },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('Vite server has no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  return { url, server, close: () => server.close() };
}
