/**
 * A real QR code (version 2, "CK2:warm-up 0123456789") as a module matrix, for the engine's
 * warm-up read. V8 and JavaScriptCore compile wasm functions lazily, on first call: a blank
 * image only reaches the binarizer, so the first camera frame with a code paid for compiling
 * detection, sampling and error correction (~40 ms). Reading a code once at load moves that
 * cost before the camera's first frame.
 */
import type { Gray } from './image';

/** Rows of 25 modules, each a base-36 number whose binary digits are the modules (1 = dark). */
const ROWS = [
  'jvclb', 'a6pfl', 'eiov1', 'ek02l', 'ejrz1', 'a5bnl', 'jvfy7', '1m2o', 'eaq17', 'cta5m', '732uu', '46tnb', '648us', '7tv86', '74u0y', 'drlgy', '4v4se', '28f0', 'jwaqf', 'a7evv', 'ejjzm', 'eksbf', 'ek92y', 'a5xdo', 'jvsqv',
];
const SIZE = 25;
export const WARM_UP_TEXT = 'CK2:warm-up 0123456789';

/** The code drawn at `module` px per module with a 4-module quiet zone, black on white. */
export function warmUpImage(module = 3): Gray {
  const side = (SIZE + 8) * module;
  const data = new Uint8Array(side * side).fill(255);
  ROWS.forEach((row, r) => {
    const bits = parseInt(row, 36).toString(2).padStart(SIZE, '0');
    for (let c = 0; c < SIZE; c++) {
      if (bits[c] !== '1') continue;
      for (let y = 0; y < module; y++) data.fill(0, ((r + 4) * module + y) * side + (c + 4) * module, ((r + 4) * module + y) * side + (c + 5) * module);
    }
  });
  return { data, width: side, height: side };
}
