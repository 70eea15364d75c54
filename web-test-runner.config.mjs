import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { wtrCountReporter } from './test/tools/count-reporters.mjs';
import { assertChromium, chromiumFlags } from './test/tools/chromium.mjs';
import { unitsKoaMiddleware } from './test/tools/units.mjs';

const executablePath = assertChromium();

/**
 * qr-code-styling, Dexie's main file and qrcode-generator (test fixtures) ship only as UMD. Vite converts them; the test runner
 * serves files as they are, so give those two a module/exports object and re-export it as default.
 */
function umdAsEsm(suffixes) {
  return {
    name: 'umd-as-esm',
    transform(context) {
      if (!suffixes.some((suffix) => context.path.endsWith(suffix))) return undefined;
      return {
        body: `const module = { exports: {} }; const exports = module.exports;\n${context.body}\nexport default module.exports;\n`,
      };
    },
  };
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), wtrCountReporter()],
  concurrentBrowsers: 1,
  testsFinishTimeout: 240_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 20_000 } },
  middleware: [
    // The unit catalogue (docs/units.md) at /units/2021-07/, built in memory from ../shared/data.
    unitsKoaMiddleware(),
    // msw's worker must be served from the root to control test pages (scope '/').
    function serveMswWorkerAtRoot(context, next) {
      if (context.path === '/mockServiceWorker.js') context.path = '/public/mockServiceWorker.js';
      return next();
    },
  ],
  plugins: [
    umdAsEsm(['/qr-code-styling/lib/qr-code-styling.js', '/dexie/dist/dexie.js', '/qrcode-generator/qrcode.js']),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [...chromiumFlags, `--user-data-dir=${mkdtempSync(join(tmpdir(), 'ck-wtr-'))}`],
      },
    }),
  ],
};
