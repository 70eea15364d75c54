// Draws a pass's QR code as SVG (qr-code-styling): whole-pixel modules, black on white, a
// 4-module quiet zone inside the image.

import QRCodeStyling from 'qr-code-styling';

/** Pixels per QR module in the generated image (the SVG scales; the PNG is this size). */
const MODULE_PX = 8;
const QUIET_ZONE_MODULES = 4;

/**
 * Draws the QR code as SVG into `box`: square modules, black on white whatever the theme (scanners
 * need dark-on-light), a 4-module quiet zone, ECC M — or Q with a logo covering the centre. The QR
 * text is base41 (QR alphanumeric set), so qr-code-styling picks alphanumeric mode by itself.
 */
export function drawQr(box: HTMLElement, text: string, logo: string): QRCodeStyling {
  const black = { type: 'square' as const, color: '#000000' };
  const qr = new QRCodeStyling({
    type: 'svg',
    shape: 'square',
    data: text,
    width: 400,
    height: 400,
    margin: 0,
    qrOptions: { errorCorrectionLevel: logo ? 'Q' : 'M' },
    dotsOptions: { ...black, roundSize: true },
    cornersSquareOptions: black,
    cornersDotOptions: black,
    backgroundOptions: { color: '#ffffff' },
    ...(logo && { image: logo, imageOptions: { hideBackgroundDots: true, imageSize: 0.3, margin: 2, crossOrigin: 'anonymous' } }),
  });
  // Size the image to whole modules so they stay crisp, with the quiet zone inside the image.
  const modules = qr._qr?.getModuleCount() ?? 0;
  if (modules > 0) {
    const size = (modules + 2 * QUIET_ZONE_MODULES) * MODULE_PX;
    qr.update({ width: size, height: size, margin: QUIET_ZONE_MODULES * MODULE_PX });
  }
  box.replaceChildren();
  qr.append(box);
  box.querySelector('svg')?.setAttribute('aria-hidden', 'true');
  return qr;
}
