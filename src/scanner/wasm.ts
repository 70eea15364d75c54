/**
 * The zxing-cpp reader wasm: fetched and compiled (streaming, so download and compile overlap
 * and the engine may keep the compiled code with the cached response) by the decode worker
 * itself — not on the main thread, whose first render of a page holds it for 60–90 ms on a
 * cold start, so nothing of the decoder's start waits for the page. The worker hands the
 * compiled module back; the page keeps it, so a worker created later (the element re-connected,
 * another scanner) instantiates it at once. The worker checks the digest against the glue it
 * was built with (engine.ts) in every case.
 */

/** The reader wasm beside this module: Vite (dev and build) and plain servers all resolve this form. */
export function defaultWasmUrl(): string {
  return new URL('../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', import.meta.url).href;
}

/** A compiled reader and the SHA-256 (hex) of the bytes it was compiled from. */
export interface CompiledWasm {
  readonly module: WebAssembly.Module;
  readonly sha256: string;
}

const kept = new Map<string, CompiledWasm>();

/** The module a worker of this page compiled from `url`, if any. */
export function keptWasm(url: string): CompiledWasm | undefined {
  return kept.get(url);
}

/** Keeps a module compiled from `url` (by a worker) for the page's later workers. */
export function keepWasm(url: string, compiled: CompiledWasm): void {
  kept.set(url, compiled);
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Fetches and compiles the wasm at `url`, with the SHA-256 of the very bytes compiled. Streaming
 * where the response is served as application/wasm (the digest is taken from a tee of the same
 * stream); otherwise from the whole body. Throws what fetch or the compiler throws.
 */
export async function fetchWasm(url: string): Promise<CompiledWasm> {
  // The scanner's own static asset, not an API call.
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\b/i.test(response.headers.get('content-type') ?? '')) {
    const copy = response.clone();
    const [module, digest] = await Promise.all([WebAssembly.compileStreaming(response), copy.arrayBuffer().then((b) => crypto.subtle.digest('SHA-256', b))]);
    return { module, sha256: hex(digest) };
  }
  const bytes = await response.arrayBuffer();
  const [module, digest] = await Promise.all([WebAssembly.compile(bytes), crypto.subtle.digest('SHA-256', bytes)]);
  return { module, sha256: hex(digest) };
}
