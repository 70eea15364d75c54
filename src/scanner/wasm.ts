/**
 * The zxing-cpp reader wasm, fetched and compiled (streaming) on the main thread while the decode worker's
 * script is still loading (compilation runs off the JavaScript thread), once per page: a worker
 * created later (the element re-connected, another scanner) gets the compiled module at once.
 * The worker still checks the digest against the glue it was built with (engine.ts).
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

const compiled = new Map<string, Promise<CompiledWasm | undefined>>();

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Fetches and compiles the wasm at `url` once per page. Resolves undefined when that fails for
 * any reason: the worker then fetches it itself and reports the error a person can be told.
 */
export function compileWasm(url: string = defaultWasmUrl()): Promise<CompiledWasm | undefined> {
  let pending = compiled.get(url);
  if (!pending) {
    pending = (async () => {
      try {
        if (typeof WebAssembly !== 'object' || !crypto?.subtle) return undefined;
        // The scanner's own static asset (the same read engine.ts makes as its fallback), not an API call.
        const response = await fetch(url, { credentials: 'same-origin' });
        if (!response.ok) return undefined;
        // Streaming compilation overlaps download and compile, and lets the engine keep the
        // compiled code with the cached response (V8: a kiosk reopened later skips compiling).
        // It needs the wasm served as application/wasm; the digest is of the same bytes (a tee).
        if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\b/i.test(response.headers.get('content-type') ?? '')) {
          const copy = response.clone();
          const [module, digest] = await Promise.all([WebAssembly.compileStreaming(response), copy.arrayBuffer().then((b) => crypto.subtle.digest('SHA-256', b))]);
          return { module, sha256: hex(digest) };
        }
        const bytes = await response.arrayBuffer();
        const [module, digest] = await Promise.all([WebAssembly.compile(bytes), crypto.subtle.digest('SHA-256', bytes)]);
        return { module, sha256: hex(digest) };
      } catch {
        return undefined;
      }
    })();
    compiled.set(url, pending);
    // Not kept when it failed: a later worker tries again (e.g. once the asset is reachable).
    void pending.then((value) => {
      if (!value) compiled.delete(url);
    });
  }
  return pending;
}
