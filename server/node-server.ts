/// <reference types="node" />
// The portal on node:http: the contract, auth and admin pages from the Portal handler, the built
// demo pages (dist-demo/) as static files with the strict CSP, graceful shutdown.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { toFetchRequest } from '../demo/backend/node-request';
import type { Portal } from './portal';

const MAX_BODY = 4 * 1024 * 1024 + 1;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.wasm': 'application/wasm',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

export interface NodeServerOptions {
  portal: Portal;
  /** Built pages to serve (e.g. dist-demo/); absent → API only. */
  staticDir?: string;
  csp?: string;
  host?: string;
  port?: number;
}

export interface RunningServer {
  server: Server;
  url: string;
  /** Stops accepting, finishes the requests in flight, then resolves. */
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (c: Buffer) => {
      total += c.byteLength;
      if (total <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolveBody(total > MAX_BODY ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function serveStatic(dir: string, pathname: string, res: ServerResponse, csp: string | undefined): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  const root = resolve(dir);
  let file = normalize(join(root, decoded));
  if (!file.startsWith(root)) return false;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  const headers: Record<string, string> = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'X-Content-Type-Options': 'nosniff' };
  if (csp) headers['Content-Security-Policy'] = csp;
  headers['Cache-Control'] = /\/assets\//.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
  return true;
}

/** Writes a streamed answer (Server-Sent Events) as it comes; a client that leaves cancels it. */
async function streamOut(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => {
    headers[k] = v;
  });
  res.writeHead(response.status, headers);
  res.flushHeaders();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  res.on('close', () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
    if (done) break;
    if (!res.write(value)) await new Promise<void>((r) => res.once('drain', () => r()).once('close', () => r()));
  }
  res.end();
}

export function startNodeServer(options: NodeServerOptions): Promise<RunningServer> {
  const { portal } = options;
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      if (!portal.matches(url)) {
        if (req.method === 'GET' && options.staticDir && serveStatic(options.staticDir, url.pathname, res, options.csp)) return;
        res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ errors: [{ code: 'not-found', message: 'not found' }] }));
        return;
      }
      const body = await readBody(req);
      if (body === null) {
        res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
        res.end(JSON.stringify({ errors: [{ code: 'payload-too-large', message: 'body too large' }] }));
        return;
      }
      const request = toFetchRequest(req, url, body);
      const response = await portal.handle(request, { clientAddress: req.socket.remoteAddress ?? 'unknown' });
      if (response.body && (response.headers.get('Content-Type') ?? '').startsWith('text/event-stream')) {
        await streamOut(response, res);
        return;
      }
      const out = Buffer.from(await response.arrayBuffer());
      const outHeaders: Record<string, string> = {};
      response.headers.forEach((v, k) => {
        outHeaders[k] = v;
      });
      if (response.status !== 304 && response.status !== 204) outHeaders['content-length'] = String(out.byteLength);
      res.writeHead(response.status, outHeaders);
      res.end(response.status === 304 || response.status === 204 ? undefined : out);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ errors: [{ code: 'internal', message: 'internal error' }] }));
    });
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolveStart({
        server,
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        async close() {
          const closed = new Promise<void>((r) => server.close(() => r()));
          server.closeIdleConnections();
          await portal.drain();
          server.closeAllConnections();
          await closed;
        },
      });
    });
  });
}
