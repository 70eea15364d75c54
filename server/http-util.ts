// Small HTTP helpers of the portal: coded problems, JSON answers, body reading, cookies, paths.
import type { ApiErrorItem } from '../src/api/contract';

/** A failure answered as `{ errors: [...] }` with a status and optional headers. */
export class HttpProblem extends Error {
  constructor(readonly status: number, readonly errors: ApiErrorItem[], readonly headers: Record<string, string> = {}) {
    super(errors[0]?.message ?? `HTTP ${status}`);
  }
}

export function problem(status: number, code: string, message: string, field?: string, headers: Record<string, string> = {}): HttpProblem {
  return new HttpProblem(status, [{ code, message, ...(field !== undefined && { field }) }], headers);
}

export function baseHeaders(now: number, extra: Record<string, string> = {}): Headers {
  return new Headers({ 'Cache-Control': 'no-store', Date: new Date(now).toUTCString(), 'X-Content-Type-Options': 'nosniff', ...extra });
}

export function json(now: number, status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: baseHeaders(now, { 'Content-Type': 'application/json; charset=utf-8', ...extra }) });
}

export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw problem(413, 'payload-too-large', `body exceeds ${maxBytes} bytes`);
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw problem(413, 'payload-too-large', `body exceeds ${maxBytes} bytes`);
  return bytes;
}

export function parseJson(request: Request, bytes: Uint8Array): unknown {
  const type = request.headers.get('Content-Type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw problem(415, 'unsupported-media-type', 'Content-Type must be application/json');
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw problem(400, 'invalid-json', 'body is not valid UTF-8 JSON');
  }
}

export function jsonObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw problem(400, 'invalid-body', 'body must be an object');
  return value as Record<string, unknown>;
}

/** Fields of a form or JSON body as strings (forms are what the server-rendered pages post). */
export async function readFields(request: Request, maxBytes = 16 * 1024): Promise<Record<string, string>> {
  const bytes = await readBody(request, maxBytes);
  const type = request.headers.get('Content-Type') ?? '';
  const text = new TextDecoder().decode(bytes);
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) return Object.fromEntries(new URLSearchParams(text));
  const o = jsonObject(parseJson(request, bytes));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Splits a path into decoded segments; a malformed escape or a control character is a 400. */
export function pathSegments(pathname: string): string[] {
  return pathname.split('/').slice(1).map((s) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(s);
    } catch {
      throw problem(400, 'invalid-path', 'the path has a malformed percent-escape');
    }
    if (/[\p{Cc}/]/u.test(decoded) || decoded.length > 256) throw problem(400, 'invalid-path', 'the path has a forbidden character');
    return decoded;
  });
}

/** Query parameters, each at most once; unknown names refused. */
export function queryParams(url: URL, allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name)) throw problem(400, 'unexpected-parameter', `unknown query parameter "${name.slice(0, 40)}"`, name.slice(0, 40));
    if (out.has(name)) throw problem(400, 'invalid-query', `query parameter "${name}" given twice`, name);
    out.set(name, value);
  }
  // URLSearchParams replaces a bad escape with U+FFFD instead of failing: check the raw text.
  try {
    decodeURIComponent(url.search.replace(/\+/g, ' '));
  } catch {
    throw problem(400, 'invalid-query', 'the query has a malformed percent-escape');
  }
  return out;
}

export function cookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get('Cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(etag);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
