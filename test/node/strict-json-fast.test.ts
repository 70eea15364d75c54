/// <reference types="node" />
// The strict JSON fast path (JSON.parse + a structural scan) against the full strict parser:
// on hand-picked edge cases and on seeded random JSON-like texts (valid, duplicated, mutated),
// both must give the same answer — the same value (own members, -0, order) or both refuse.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStrictJson, parseStrictJsonFull, type StrictJsonOptions } from '../../src/core/strict-json';
import { prng } from '../fixtures/prng';

function same(text: string, options: StrictJsonOptions): void {
  const fast = parseStrictJson(text, options);
  const full = parseStrictJsonFull(text, options);
  assert.deepStrictEqual(fast, full, `${JSON.stringify(text)} ${JSON.stringify(options)}`);
  if (fast !== null && typeof fast === 'object' && full !== null && typeof full === 'object') {
    assert.deepStrictEqual(Object.keys(fast), Object.keys(full), `member order of ${JSON.stringify(text)}`);
  }
}

const OPTIONS: StrictJsonOptions[] = [{}, { integersOnly: true }, { maxDepth: 2 }, { integersOnly: true, maxDepth: 0 }];

const EDGE = [
  '{"a":1,"a":1}', '{"a":1,"\\u0061":2}', '{"a":{"b":1,"b":2}}', '[{"a":1},{"a":1}]', '{"__proto__":{"x":1}}',
  '{"__proto__":1,"__proto__":2}', '{"a:b":1,"c":"d:e"}', '{"a\\"":1,"a\\\\":2}', '{"\\\\":1,"\\\\":2}', '"\\\\\\""',
  '1.0', '1e0', '1E0', '-0', '0', '-0.0', '1e400', '-1e400', '9007199254740991', '9007199254740992', '-9007199254740992',
  '12345678901234567890', '[true,false,null]', '{"e":"1e5","t":true}', '[1e5]', '[1E-2]', '[2.5e+3]', '{"1":1,"0":2,"b":3,"a":4}',
  '\ufeff{}', ' {} ', '\t[\n]\r', '{"a":1,}', '[1,]', '{', '}', '[[[[]]]]', '[[[]]]', '"\ud800"', '"\\ud800"', '"a\u0001"',
  '{"a" : 1 , "b" : [ 1 , 2 ] }', 'tru', 'nul', '"abc', '"abc\\"', '{"a":1}}', '{"a":1}{', '01', '-', '1.', '.5', '+1',
];

const KEYS = ['a', 'b', 'iss', 'n', '__proto__', 'a:b', 'x\\"y', '\\u0061', 'e', '1', '0'];
const NUMBERS = ['0', '-0', '7', '-12', '1.5', '1e3', '2E-1', '9007199254740991', '9007199254740993', '1e400', '0.0'];
const STRINGS = ['""', '"x"', '"a:b,c{d}[e]"', '"\\\\"', '"\\""', '"\\u00e9\\n"', '"1.5e3"', '"ệ"'];

function randomValue(r: () => number, depth: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const k = r();
  if (depth > 4 || k < 0.35) return pick([...NUMBERS, ...STRINGS, 'true', 'false', 'null']);
  const ws = () => pick(['', '', ' ', '\n']);
  if (k < 0.6) {
    const items = Array.from({ length: Math.floor(r() * 4) }, () => ws() + randomValue(r, depth + 1) + ws());
    return `[${items.join(',')}]`;
  }
  const members = Array.from({ length: Math.floor(r() * 4) }, () => `${ws()}"${pick(KEYS)}"${ws()}:${ws()}${randomValue(r, depth + 1)}`);
  return `{${members.join(',')}}`;
}

function mutate(r: () => number, text: string): string {
  if (text.length === 0 || r() < 0.5) return text;
  const i = Math.floor(r() * text.length);
  const op = r();
  if (op < 0.33) return text.slice(0, i) + text.slice(i + 1);
  if (op < 0.66) return text.slice(0, i) + '"{}[],:.eE-\\0'[Math.floor(r() * 13)] + text.slice(i);
  return text.slice(0, i) + text.slice(i, i + 5) + text.slice(i);
}

describe('strict JSON: fast path ≡ full parser', () => {
  it('agrees on edge cases (duplicates after unescaping, number forms, depth, escapes, BOM)', () => {
    for (const text of EDGE) for (const options of OPTIONS) same(text, options);
  });

  it('agrees on 5,000 seeded random and mutated texts', () => {
    const r = prng(20261207);
    let accepted = 0;
    for (let n = 0; n < 5_000; n++) {
      const text = mutate(r, randomValue(r, 0));
      for (const options of OPTIONS) same(text, options);
      if (parseStrictJson(text, { integersOnly: true }) !== undefined) accepted++;
    }
    // The generator must reach both answers often, or the comparison proves little.
    assert.ok(accepted > 500 && accepted < 4_500, `accepted ${accepted}`);
  });
});
