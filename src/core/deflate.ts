// Raw DEFLATE (RFC 1951) compression for issuing, through the platform's CompressionStream
// ('deflate-raw' exists in Chromium ≥ 103 and Node ≥ 20.12). Decompression on the verify path
// is inflate.ts (synchronous and capped); see the note there for why not DecompressionStream.

/** Hard cap on decompressed claims (16 KiB); a real pass is well under 1 KiB. */
export const MAX_CLAIMS_BYTES = 16 * 1024;

export async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  // Writer + reader rather than Blob/Response piping, which costs ~20× more per call in Chromium.
  const stream = new CompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const written = Promise.all([writer.write(bytes), writer.close()]);
  written.catch(() => undefined); // a failure also errors the read side; awaited again below
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
  }
  await written;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
