// Raw DEFLATE (RFC 1951) compression for issuing, through the platform's CompressionStream
// ('deflate-raw' exists in Chromium ≥ 103 and Node ≥ 20.12). Decompression on the verify path
// is inflate.ts (synchronous and capped); see the note there for why not DecompressionStream.

/** Hard cap on decompressed claims (16 KiB); a real pass is well under 1 KiB. */
export const MAX_CLAIMS_BYTES = 16 * 1024;

export async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const compressed = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(compressed).arrayBuffer());
}
