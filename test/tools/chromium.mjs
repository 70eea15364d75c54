// One place that knows how to start Debian's Chromium headless on this kind of machine.
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Flags every launch needs: root needs --no-sandbox; the network is closed, so background traffic is off. */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
  '--autoplay-policy=no-user-gesture-required',
];

export function assertChromium() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}. Install it with: apt-get install -y chromium (or set CHROME_PATH).`);
  }
  return chromiumPath;
}
