// checkpoint-kit/scanner — QR decoding in a worker (zxing-cpp wasm, self-hosted) and the
// verify worker handle the <ck-scanner> element uses.
export { createDecoder } from './decoder';
export type { Decoder, DecoderOptions } from './decoder';
export { createVerifier } from './verifier';
export type { Verifier } from './verifier';
export { ScannerError } from './errors';
export type { ScannerErrorCode } from './errors';
export type { EngineInfo } from './engine';
export type { FrameDecodeResult, VerifyResult } from './protocol';
export { DEFAULT_SCAN_REGION } from './strategy';
