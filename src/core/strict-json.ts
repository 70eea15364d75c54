// Strict JSON for signed payloads (pass claims, protected headers). JSON.parse resolves a
// duplicate member silently (last wins), so two implementations could read one signed payload
// differently; and it reads `1.0` and `1e0` as the integer 1. This parser is RFC 8259 plus:
//  - a member name repeated in one object (compared after unescaping) is refused;
//  - with `integersOnly`, every number must be written as an integer (`-?(0|[1-9][0-9]*)`,
//    no fraction, no exponent) within ±(2^53 − 1);
//  - nesting deeper than `maxDepth` (default 32) is refused (no recursion blow-up).
// It never throws; `undefined` means "not strict JSON".

export interface StrictJsonOptions {
  readonly integersOnly?: boolean;
  readonly maxDepth?: number;
}

export type JsonParsed = null | boolean | number | string | JsonParsed[] | { [key: string]: JsonParsed };

const REFUSED = new Error('not strict JSON');

export function parseStrictJson(text: string, options: StrictJsonOptions = {}): JsonParsed | undefined {
  const integersOnly = options.integersOnly === true;
  const maxDepth = options.maxDepth ?? 32;
  let i = 0;
  const n = text.length;

  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };

  const str = (): string => {
    // i is at the opening quote.
    i++;
    let out = '';
    let start = i;
    for (;;) {
      if (i >= n) throw REFUSED;
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c < 0x20) throw REFUSED;
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(start, i);
      const e = text.charCodeAt(i + 1);
      i += 2;
      switch (e) {
        case 0x22: out += '"'; break;
        case 0x5c: out += '\\'; break;
        case 0x2f: out += '/'; break;
        case 0x62: out += '\b'; break;
        case 0x66: out += '\f'; break;
        case 0x6e: out += '\n'; break;
        case 0x72: out += '\r'; break;
        case 0x74: out += '\t'; break;
        case 0x75: {
          const hex = text.slice(i, i + 4);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw REFUSED;
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          throw REFUSED;
      }
      start = i;
    }
  };

  const num = (): number => {
    const start = i;
    if (text.charCodeAt(i) === 0x2d) i++;
    const first = text.charCodeAt(i);
    if (first === 0x30) i++;
    else if (first >= 0x31 && first <= 0x39) while (i < n && isDigit(text.charCodeAt(i))) i++;
    else throw REFUSED;
    let integer = true;
    if (text.charCodeAt(i) === 0x2e) {
      integer = false;
      i++;
      if (!isDigit(text.charCodeAt(i))) throw REFUSED;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      integer = false;
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      if (!isDigit(text.charCodeAt(i))) throw REFUSED;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    const value = Number(text.slice(start, i));
    if (integersOnly && (!integer || !Number.isSafeInteger(value))) throw REFUSED;
    if (!Number.isFinite(value)) throw REFUSED;
    return value;
  };

  const value = (depth: number): JsonParsed => {
    ws();
    if (i >= n) throw REFUSED;
    const c = text.charCodeAt(i);
    if (c === 0x7b) {
      if (depth >= maxDepth) throw REFUSED;
      i++;
      const obj: { [key: string]: JsonParsed } = {};
      const seen = new Set<string>();
      ws();
      if (text.charCodeAt(i) === 0x7d) {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text.charCodeAt(i) !== 0x22) throw REFUSED;
        const key = str();
        if (seen.has(key)) throw REFUSED;
        seen.add(key);
        ws();
        if (text.charCodeAt(i) !== 0x3a) throw REFUSED;
        i++;
        // defineProperty, not assignment: a member named "__proto__" stays an own member.
        Object.defineProperty(obj, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        ws();
        const next = text.charCodeAt(i);
        i++;
        if (next === 0x2c) continue;
        if (next === 0x7d) return obj;
        throw REFUSED;
      }
    }
    if (c === 0x5b) {
      if (depth >= maxDepth) throw REFUSED;
      i++;
      const arr: JsonParsed[] = [];
      ws();
      if (text.charCodeAt(i) === 0x5d) {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        const next = text.charCodeAt(i);
        i++;
        if (next === 0x2c) continue;
        if (next === 0x5d) return arr;
        throw REFUSED;
      }
    }
    if (c === 0x22) return str();
    if (c === 0x74 && text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (c === 0x66 && text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (c === 0x6e && text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    return num();
  };

  try {
    const result = value(0);
    ws();
    return i === n ? result : undefined;
  } catch {
    // REFUSED, or a RangeError from a pathological input: either way not strict JSON.
    return undefined;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
