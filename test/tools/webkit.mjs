// A @web/test-runner launcher for WebKit through Debian's webkit2gtk-driver (WebKitWebDriver
// driving MiniBrowser), spoken to in plain W3C WebDriver over HTTP: three commands (new
// session, navigate, delete) do not justify webdriverio and its ~100 dependencies.
// Without a DISPLAY it starts its own Xvfb (WebKitGTK needs an X server even when nobody looks).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const webkitDriverPath = process.env.WEBKIT_WEBDRIVER || '/usr/bin/WebKitWebDriver';
export const miniBrowserPath = process.env.WEBKIT_MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Why WebKit cannot run here, or null when it can. */
export function webkitMissing() {
  if (!existsSync(webkitDriverPath)) return `${webkitDriverPath} is missing (apt-get install -y webkit2gtk-driver)`;
  if (!existsSync(miniBrowserPath)) return `${miniBrowserPath} is missing (apt-get install -y webkit2gtk-driver)`;
  if (!process.env.DISPLAY && !existsSync('/usr/bin/Xvfb')) return 'no DISPLAY and no /usr/bin/Xvfb (apt-get install -y xvfb)';
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts Xvfb on a free display; resolves with ':N' and the process. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    let out = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
    child.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, child });
    });
  });
}

async function waitForDriver(base, child) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited (${child.exitCode})`);
    try {
      const response = await fetch(`${base}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('WebKitWebDriver did not start');
}

/** @returns {import('@web/test-runner').BrowserLauncher} */
export function webkitLauncher() {
  let driver;
  let xvfb;
  let base = '';
  let wdSession;
  let active;
  let queue = Promise.resolve();

  async function command(method, path, body) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${response.status} ${JSON.stringify(json.value ?? json).slice(0, 300)}`);
    return json.value;
  }

  const launcher = {
    name: 'WebKit',
    type: 'webkit-webdriver',
    // One MiniBrowser window: test files run one after another in it.
    concurrency: 1,

    async initialize() {
      const missing = webkitMissing();
      if (missing) throw new Error(`WebKit tests cannot run: ${missing}`);
      const env = { ...process.env };
      if (!env.DISPLAY) {
        xvfb = await startXvfb();
        env.DISPLAY = xvfb.display;
      }
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      driver = spawn(webkitDriverPath, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: 'ignore' });
      await waitForDriver(base, driver);
      const session = await command('POST', '/session', {
        capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation'] } } },
      });
      wdSession = session.sessionId;
    },

    startSession(sessionId, url) {
      // Navigations are serialised: WebDriver drives one top-level browsing context.
      queue = queue.then(async () => {
        active = sessionId;
        await command('POST', `/session/${wdSession}/url`, { url });
      });
      return queue;
    },

    isActive(sessionId) {
      return active === sessionId;
    },

    async getBrowserUrl() {
      return command('GET', `/session/${wdSession}/url`);
    },

    async stopSession() {
      active = undefined;
      // Leave the test page, so nothing of it (camera, workers) runs on into the next file.
      await command('POST', `/session/${wdSession}/url`, { url: 'about:blank' }).catch(() => undefined);
      return {};
    },

    async startDebugSession() {
      throw new Error('WebKit debug sessions are not supported');
    },

    async stop() {
      if (wdSession) await command('DELETE', `/session/${wdSession}`).catch(() => undefined);
      driver?.kill();
      xvfb?.child.removeAllListeners('exit');
      xvfb?.child.kill();
    },
  };
  return launcher;
}
