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

/**
 * Parses `text` as strict JSON (see above); `undefined` when it is not. The common case — a
 * well-formed payload without duplicates or non-integer numbers — goes through the engine's
 * JSON.parse after one structural scan; anything the scan cannot vouch for is decided by the
 * full strict parser, so both paths accept exactly the same texts with the same values.
 */
export function parseStrictJson(text: string, options: StrictJsonOptions = {}): JsonParsed | undefined {
  const integersOnly = options.integersOnly === true;
  const maxDepth = options.maxDepth ?? 32;
  const fast = fastParse(text, integersOnly, maxDepth);
  return fast === SLOW ? parseSlow(text, integersOnly, maxDepth) : fast;
}

const SLOW: unique symbol = Symbol('slow');

/**
 * Fast path. One scan outside string literals (jumping between quotes with indexOf) counts the
 * member separators `:`, tracks the nesting depth and notes any fraction or exponent; then
 * JSON.parse builds the value and one walk counts the members and checks every number.
 * - JSON.parse succeeded ⇒ the text is RFC 8259 JSON (same grammar, same whitespace, a BOM
 *   refused, control characters in strings refused), so every `:` outside strings ends exactly
 *   one member name: fewer own members than separators ⇔ a name was repeated in some object.
 * - In valid JSON, `.`, `E`, `+` or an `e` after a digit outside strings ⇔ a number written
 *   with a fraction or an exponent.
 * - JSON.parse defines members as own data properties (`__proto__` included), in the order a
 *   plain object lists them, as the strict parser's defineProperty does; strings unescape alike.
 * Whenever a check does not pass (or JSON.parse throws), SLOW: the strict parser decides.
 */
function fastParse(text: string, integersOnly: boolean, maxDepth: number): JsonParsed | undefined | typeof SLOW {
  const n = text.length;
  let colons = 0;
  let depth = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Next unescaped quote: an even run of backslashes before it.
      let q = i;
      for (;;) {
        q = text.indexOf('"', q + 1);
        if (q < 0) return SLOW;
        let b = q - 1;
        while (text.charCodeAt(b) === 0x5c) b--;
        if ((q - 1 - b) % 2 === 0) break;
      }
      i = q + 1;
      continue;
    }
    if (c === 0x3a) colons++;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return SLOW;
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2e || c === 0x45 || c === 0x2b || (c === 0x65 && i > 0 && isDigit(text.charCodeAt(i - 1)))) {
      if (integersOnly) return SLOW;
    }
    i++;
  }
  try {
    const parsed = JSON.parse(text) as JsonParsed;
    return countChecked(parsed, integersOnly) === colons ? parsed : SLOW;
  } catch {
    // A syntax error (or a RangeError from a pathological input): the strict parser decides.
    return SLOW;
  }
}

/** Own members in the whole value, or -1 when a number is not finite (or not a safe integer when asked). */
function countChecked(value: JsonParsed, integersOnly: boolean): number {
  if (typeof value === 'number') return (integersOnly ? Number.isSafeInteger(value) : Number.isFinite(value)) ? 0 : -1;
  if (value === null || typeof value !== 'object') return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) {
      const c = countChecked(item, integersOnly);
      if (c < 0) return -1;
      count += c;
    }
    return count;
  }
  for (const key of Object.keys(value)) {
    const c = countChecked(value[key], integersOnly);
    if (c < 0) return -1;
    count += c + 1;
  }
  return count;
}

/**
 * The full strict parser alone (no fast path): decides every text the fast path does not vouch
 * for. Exported for the differential test that holds both paths to the same answers.
 */
export function parseStrictJsonFull(text: string, options: StrictJsonOptions = {}): JsonParsed | undefined {
  return parseSlow(text, options.integersOnly === true, options.maxDepth ?? 32);
}

function parseSlow(text: string, integersOnly: boolean, maxDepth: number): JsonParsed | undefined {
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
