// The PNG a citizen saves: the QR code with, under it, what the officer needs when the QR cannot
// be read (name, manual code, validity, purpose, plate, origin and destination wards with their
// codes), so a saved image stands alone and a family can tell their passes apart.

/** What the card says, already in the pass's language. */
export interface PassCard {
  name: string;
  codeLabel: string;
  code: string;
  /** Label/value pairs under the code, in order. */
  rows: [label: string, value: string][];
}

/** The text lines of the card, top to bottom (also what tests read). */
export function passCardLines(card: PassCard): string[] {
  return [card.name, `${card.codeLabel}: ${card.code}`, ...card.rows.map(([label, value]) => `${label}: ${value}`)];
}

const FONT = 'system-ui, "DejaVu Sans", sans-serif';
const MONO = 'ui-monospace, "DejaVu Sans Mono", monospace';

/** Breaks `text` into lines no wider than `width` at the context's current font. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The QR image (as drawn by the element) with the card's text under it, as a PNG. */
export async function composePassCard(qrPng: Blob, card: PassCard): Promise<Blob> {
  const qr = await createImageBitmap(qrPng);
  const width = Math.max(qr.width, 480);
  const pad = Math.round(width * 0.05);
  const body = Math.round(width / 26);
  const canvas = document.createElement('canvas');
  const measure = canvas.getContext('2d');
  if (!measure) throw new Error('no 2d context');
  // Lay out first (wrapping depends on the fonts), then size the canvas and draw.
  type Line = { text: string; font: string; gap: number };
  const lines: Line[] = [];
  const add = (text: string, font: string, gap = 0.35) => {
    measure.font = font;
    for (const part of wrap(measure, text, width - 2 * pad)) lines.push({ text: part, font, gap });
  };
  add(card.name, `700 ${Math.round(body * 1.35)}px ${FONT}`);
  add(`${card.codeLabel}: ${card.code}`, `700 ${Math.round(body * 1.3)}px ${MONO}`, 0.5);
  for (const [label, value] of card.rows) add(`${label}: ${value}`, `400 ${body}px ${FONT}`);
  const lineHeights = lines.map((l) => Math.round(parseInt(/(\d+)px/.exec(l.font)?.[1] ?? `${body}`, 10) * (1 + l.gap)));
  canvas.width = width;
  canvas.height = qr.height + pad + lineHeights.reduce((a, b) => a + b, 0) + pad;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const qrHeight = qr.height; // read before close(), which zeroes the size
  ctx.drawImage(qr, Math.round((width - qr.width) / 2), 0);
  qr.close();
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'top';
  let y = qrHeight + Math.round(pad / 2);
  lines.forEach((line, i) => {
    ctx.font = line.font;
    ctx.fillText(line.text, pad, y);
    y += lineHeights[i] ?? body;
  });
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no image'))), 'image/png'));
}
