/// <reference types="node" />
// The demo backend as Vite dev/preview-server middleware, so the demo pages and the end-to-end
// tests talk real HTTP (the kiosk's service worker and offline mode must face a real network).
// Adapter: Node IncomingMessage → fetch Request → backend → fetch Response → ServerResponse.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { toFetchRequest } from './node-request';
import { createDemoBackend, MAX_BODY_BYTES, type DemoBackend, type DemoBackendOptions } from './backend';

type Next = (error?: unknown) => void;
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** Connect-style middleware answering every request under the backend's base path. */
export function createNodeMiddleware(backend: DemoBackend | Promise<DemoBackend>): NodeMiddleware {
  return (req, res, next) => {
    void (async () => {
      const ready = await backend;
      // Connect strips a mount prefix from req.url; originalUrl keeps the full path.
      const rawUrl = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
      const url = new URL(rawUrl, `http://${req.headers.host ?? 'localhost'}`);
      if (!ready.matches(url)) {
        next();
        return;
      }
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === 'too-large') {
        res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
        res.end(JSON.stringify({ errors: [{ code: 'payload-too-large', message: `body exceeds ${MAX_BODY_BYTES} bytes` }] }));
        return;
      }
      const request = toFetchRequest(req, url, body);
      const response = await ready.handle(request);
      if (response.type === 'error') {
        // The drop faults: no status line, no body — the client sees a network error.
        req.socket.destroy();
        return;
      }
      const out = Buffer.from(await response.arrayBuffer());
      const outHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        outHeaders[name] = value;
      });
      if (response.status !== 304 && response.status !== 204) outHeaders['content-length'] = String(out.byteLength);
      res.writeHead(response.status, outHeaders);
      res.end(response.status === 304 || response.status === 204 ? undefined : out);
    })().catch((error: unknown) => {
      if (!res.headersSent) next(error);
      else res.destroy();
    });
  };
}

/** The whole body, or 'too-large' once more than `maxBytes` arrived (the rest is discarded). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface DemoBackendPluginOptions extends DemoBackendOptions {
  /** Use this backend instead of creating one (tests share it to inspect state). */
  backend?: DemoBackend;
}

/**
 * `plugins: [demoBackend()]` — serves the contract under `/api` (option `base`) in `vite` and
 * `vite preview`, seeded with sample data unless `seed: false`.
 */
export function demoBackend(options: DemoBackendPluginOptions = {}): Plugin {
  const { backend: given, ...backendOptions } = options;
  let backend: Promise<DemoBackend> | undefined = given ? Promise.resolve(given) : undefined;
  const middleware = (): NodeMiddleware => {
    backend ??= createDemoBackend({ seed: true, ...backendOptions });
    return createNodeMiddleware(backend);
  };
  return {
    name: 'checkpoint-kit-demo-backend',
    configureServer(server) {
      server.middlewares.use(middleware());
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware());
    },
  };
}
