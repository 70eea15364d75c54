/// <reference types="node" />
// One way from Node's http request to a fetch Request, for the handlers that speak fetch: the
// demo backend's Vite middleware and the reference server's Node listener.
import type { IncomingMessage } from 'node:http';

export function toFetchRequest(req: IncomingMessage, url: URL | string, body: Uint8Array): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  return new Request(url, { method, headers, ...(method !== 'GET' && method !== 'HEAD' && { body: new Uint8Array(body) }) });
}
