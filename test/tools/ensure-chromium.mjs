// Makes sure Debian's Chromium is present before browser tests run.
// As root with apt-get available it installs it; otherwise it says exactly what to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium.mjs';

if (!existsSync(chromiumPath)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('Chromium is missing: installing Debian package "chromium" with apt-get…');
    execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    console.error(
      `Chromium is missing at ${chromiumPath}.\n` +
        'Install it with:  sudo apt-get install -y chromium   (Debian/Ubuntu)\n' +
        'or point CHROME_PATH at any Chromium/Chrome ≥ 120 binary.',
    );
    process.exit(1);
  }
}
