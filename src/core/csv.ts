// CSV for exports to authorities (RFC 4180) with spreadsheet formula injection neutralised.
// Exports end up in Excel or LibreOffice; a cell such as `=HYPERLINK(...)` or `@SUM(...)` would
// run there (the luca incident, 2021), so every text cell that a spreadsheet could read as a
// formula gets a leading apostrophe, as OWASP advises ("CSV Injection").

/** A value in one cell. Numbers and booleans are written as they are; text is neutralised. */
export type CsvValue = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so Excel reads Vietnamese text as UTF-8 (default false). */
  bom?: boolean;
  /** Field separator: ',' (RFC 4180, default), ';' (Excel with a comma decimal locale) or tab. */
  delimiter?: ',' | ';' | '\t';
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP): = + - @ tab CR. */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Full-width look-alikes and leading blanks: some spreadsheet imports fold U+FF1D "＝" to "=" or
 * trim leading spaces before reading a formula, so those are treated as formula starts too.
 */
const FORMULA_LOOKALIKE = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/u;

/** True when a spreadsheet could evaluate this text as a formula. */
export function looksLikeFormula(text: string): boolean {
  return text.length > 0 && (FORMULA_START.has(text[0] as string) || FORMULA_LOOKALIKE.test(text));
}

/** The text with a leading `'` when it could be read as a formula, otherwise unchanged. */
export function neutralizeFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** One cell as CSV text: neutralised (text only), then quoted when it holds a quote, separator or line break. */
export function csvCell(value: CsvValue, delimiter: CsvOptions['delimiter'] = ','): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = neutralizeFormula(value);
  const mustQuote = text.includes('"') || text.includes('\r') || text.includes('\n') || text.includes(delimiter);
  return mustQuote ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows (the first is usually the header) as one CSV text: CRLF after every record. */
export function toCsv(rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  let out = options.bom ? '\ufeff' : '';
  for (const row of rows) out += `${row.map((cell) => csvCell(cell, delimiter)).join(delimiter)}\r\n`;
  return out;
}
