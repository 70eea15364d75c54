import { must } from '../../fixtures/must';
/**
 * Field frames the bench generates in the page (its public set; no file leaves the run):
 * - chip ID card (CCCD) scenes: a card-sized QR of Vietnamese UTF-8 text, with and without an
 *   ECI designator, on a desk or in a hand, at 720p and 1080p, clean / blur / glare / low light,
 *   at a sweep of pixels per module (how far from the camera the card is held);
 * - several passes held up together: 2–4 codes at mixed sizes and angles in one 1280×720 frame.
 * All content is synthetic (invented names and numbers).
 */
import { qrPng, utf8QrPng } from '../../fixtures/qr-images';

export interface CardFrame {
  label: string;
  expected: string;
  resolution: '720p' | '1080p';
  background: 'desk' | 'hand';
  degradation: CardDegradation;
  eci: boolean;
  modulePx: number;
}

export const CARD_DEGRADATIONS = ['clean', 'blur', 'glare', 'low-light'] as const;
export type CardDegradation = (typeof CARD_DEGRADATIONS)[number];
export const CARD_MODULE_PX = [1.2, 1.6, 2, 2.5, 3, 4] as const;

const NAMES = ['Nguyễn Thị Hồng Nhung', 'Trần Văn Đức', 'Lê Hoàng Phương Thảo', 'Phạm Quốc Việt'];
const PLACES = ['Số 12, phường Hàng Trống, quận Hoàn Kiếm, Hà Nội', 'Thôn Đông, xã Ngọc Xá, huyện Quế Võ, Bắc Ninh', 'Tổ 5, phường Bến Nghé, Quận 1, TP. Hồ Chí Minh', 'Ấp Mỹ Lợi, xã Mỹ Thạnh, huyện Giồng Trôm, Bến Tre'];

/** CCCD-style QR content: id|old id|name|birth date|sex|address|issue date (synthetic). */
export function cardText(i: number): string {
  const id = String(1_090_000_000_00 + i * 7919).padStart(12, '0');
  return `${id}|${String(100_000_000 + i * 31).slice(0, 9)}|${NAMES[i % NAMES.length]}|0${(i % 9) + 1}0${(i % 9) + 1}199${i % 10}|${i % 2 ? 'Nam' : 'Nữ'}|${PLACES[i % PLACES.length]}|1508202${i % 4}`;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function background(ctx: OffscreenCanvasRenderingContext2D, w: number, h: number, kind: 'desk' | 'hand', random: () => number): void {
  if (kind === 'desk') {
    // Wood-grain desk: warm gradient and dark streaks.
    const g = ctx.createLinearGradient(0, 0, w, h);
    g.addColorStop(0, '#8a5a32');
    g.addColorStop(1, '#b07a48');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
    ctx.strokeStyle = 'rgba(60,30,10,0.35)';
    for (let i = 0; i < 40; i++) {
      ctx.lineWidth = 1 + random() * 4;
      const y = random() * h;
      ctx.beginPath();
      ctx.moveTo(0, y);
      ctx.bezierCurveTo(w / 3, y + (random() - 0.5) * 60, (2 * w) / 3, y + (random() - 0.5) * 60, w, y + (random() - 0.5) * 40);
      ctx.stroke();
    }
  } else {
    // Street behind, a hand (skin ellipse and fingers) holding the card.
    ctx.fillStyle = '#4a5560';
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#6d7a86';
    for (let i = 0; i < 12; i++) ctx.fillRect(random() * w, random() * h, 40 + random() * 200, 20 + random() * 120);
    ctx.fillStyle = '#d9a27c';
    ctx.beginPath();
    ctx.ellipse(w * 0.5, h * 0.78, w * 0.22, h * 0.3, -0.2, 0, Math.PI * 2);
    ctx.fill();
  }
}

/** Pixels per module of the rendered code before it is placed on the card. */
const CODE_SCALE = 8;

/** Draws the card (85.6 × 54 mm) with the QR at its top right, the size a CCCD carries (~17 mm). */
function drawCard(ctx: OffscreenCanvasRenderingContext2D, code: ImageBitmap, modules: number, modulePx: number, w: number, h: number, random: () => number): void {
  const qrSide = modules * modulePx;
  const mm = qrSide / 17;
  const cardW = 85.6 * mm;
  const cardH = 54 * mm;
  ctx.save();
  ctx.translate(w / 2 + (random() - 0.5) * w * 0.2, h / 2 + (random() - 0.5) * h * 0.15);
  ctx.rotate(((random() - 0.5) * 16 * Math.PI) / 180);
  ctx.fillStyle = 'rgba(0,0,0,0.35)';
  ctx.fillRect(-cardW / 2 + 4, -cardH / 2 + 6, cardW, cardH);
  const g = ctx.createLinearGradient(-cardW / 2, 0, cardW / 2, 0);
  g.addColorStop(0, '#dfe9f3');
  g.addColorStop(1, '#f4efe2');
  ctx.fillStyle = g;
  ctx.fillRect(-cardW / 2, -cardH / 2, cardW, cardH);
  // Printed lines and a photo box, like the card's front.
  ctx.fillStyle = '#7d8a99';
  ctx.fillRect(-cardW / 2 + 4 * mm, -cardH / 2 + 16 * mm, 20 * mm, 26 * mm);
  ctx.fillStyle = '#3b4654';
  for (let i = 0; i < 6; i++) ctx.fillRect(-cardW / 2 + 27 * mm, -cardH / 2 + (22 + i * 4.5) * mm, (25 + random() * 25) * mm, 1.4 * mm);
  // The QR without the writer's 4-module quiet zone (the card around it is the quiet zone),
  // resampled to the module size as a camera would.
  const src = CODE_SCALE * 4;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(code, src, src, modules * CODE_SCALE, modules * CODE_SCALE, cardW / 2 - 3 * mm - qrSide, -cardH / 2 + 3 * mm, qrSide, qrSide);
  ctx.restore();
}

function degrade(ctx: OffscreenCanvasRenderingContext2D, image: ImageData, kind: CardDegradation, random: () => number): ImageData {
  const { width: w, height: h } = image;
  if (kind === 'glare') {
    const g = ctx.createRadialGradient(w * 0.55, h * 0.42, 4, w * 0.55, h * 0.42, Math.min(w, h) * 0.22);
    g.addColorStop(0, 'rgba(255,255,255,0.8)');
    g.addColorStop(1, 'rgba(255,255,255,0)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
    return ctx.getImageData(0, 0, w, h);
  }
  if (kind === 'low-light') {
    // Night at the roadside: a quarter of the light, and sensor noise on top.
    const d = image.data;
    for (let i = 0; i < d.length; i += 4) {
      const n = (random() - 0.5) * 18;
      d[i] = d[i] * 0.22 + n;
      d[i + 1] = d[i + 1] * 0.22 + n;
      d[i + 2] = d[i + 2] * 0.25 + n;
    }
  }
  return image;
}

/** Chip ID card frames: resolutions × module sizes × degradations × ECI / no ECI, alternating desk and hand. */
export async function makeCardFrames(): Promise<{ meta: CardFrame[]; images: ImageData[] }> {
  const meta: CardFrame[] = [];
  const images: ImageData[] = [];
  let n = 0;
  for (const resolution of ['720p', '1080p'] as const) {
    const [w, h] = resolution === '720p' ? [1280, 720] : [1920, 1080];
    for (const modulePx of CARD_MODULE_PX) {
      for (const degradation of CARD_DEGRADATIONS) {
        for (const eci of [true, false]) {
          const text = cardText(n);
          const random = rng(n * 7 + 3);
          // Background alternates every other frame, so it is not confounded with ECI (which alternates every frame).
          const bg = Math.floor(n / 2) % 2 ? 'hand' : 'desk';
          const canvas = new OffscreenCanvas(w, h);
          const ctx = must(canvas.getContext('2d', { willReadFrequently: true }));
          background(ctx, w, h, bg, random);
          const code = await createImageBitmap(await utf8QrPng(text, { eci, scale: CODE_SCALE }));
          const modules = code.width / CODE_SCALE - 8;
          ctx.filter = degradation === 'blur' ? `blur(${(modulePx * 0.45).toFixed(2)}px)` : 'none';
          drawCard(ctx, code, modules, modulePx, w, h, random);
          ctx.filter = 'none';
          code.close();
          images.push(degrade(ctx, ctx.getImageData(0, 0, w, h), degradation, random));
          meta.push({ label: `card${n}/${resolution}/${modulePx}px/${degradation}/${eci ? 'eci' : 'no-eci'}`, expected: text, resolution, background: bg, degradation, eci, modulePx });
          n++;
        }
      }
    }
  }
  return { meta, images };
}

export interface MultiFrame {
  label: string;
  expected: string[];
}

/** 1280×720 frames with 2–4 codes each (texts given), at module sizes 2.5–5 px and angles ±25°. */
export async function makeMultiFrames(texts: readonly string[], count = 24): Promise<{ meta: MultiFrame[]; images: ImageData[] }> {
  const meta: MultiFrame[] = [];
  const images: ImageData[] = [];
  const bitmaps = await Promise.all(texts.map(async (t) => createImageBitmap(await qrPng(t, 4))));
  for (let f = 0; f < count; f++) {
    const random = rng(f * 13 + 5);
    const k = 2 + (f % 3);
    const canvas = new OffscreenCanvas(1280, 720);
    const ctx = must(canvas.getContext('2d', { willReadFrequently: true }));
    ctx.fillStyle = f % 2 ? '#9aa3ab' : '#c9c2b5';
    ctx.fillRect(0, 0, 1280, 720);
    const expected: string[] = [];
    const slot = 1280 / k;
    for (let i = 0; i < k; i++) {
      const index = (f * 3 + i) % texts.length;
      const bitmap = bitmaps[index];
      const modulePx = 2.5 + random() * 2.5;
      // Phones held side by side: each code fits its slot of the frame.
      const side = Math.min((bitmap.width / 4) * modulePx, slot * 0.8, 600);
      ctx.save();
      ctx.translate(slot * (i + 0.5) + (random() - 0.5) * slot * 0.1, 360 + (random() - 0.5) * (720 - side) * 0.6);
      ctx.rotate(((random() - 0.5) * 50 * Math.PI) / 180);
      // The phone around the code.
      ctx.fillStyle = '#1b1b1f';
      ctx.fillRect(-side * 0.6, -side * 0.8, side * 1.2, side * 1.6);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(bitmap, -side / 2, -side / 2, side, side);
      ctx.restore();
      expected.push(texts[index]);
    }
    images.push(ctx.getImageData(0, 0, 1280, 720));
    meta.push({ label: `multi${f}/${k} codes`, expected });
  }
  for (const b of bitmaps) b.close();
  return { meta, images };
}
