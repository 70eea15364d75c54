/// <reference types="node" />
// The reference server as its own process (`node --import tsx server/main.ts serve|demo`), as an
// operator runs it: on PGlite in a data directory the caller owns, on a free loopback port. The
// restart test kills it with SIGKILL and starts it again on the same data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { buildDemo } from './demo-server';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildServer {
  url: string;
  pid: number;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** SIGKILL: no drain, no close, as a power cut would. Resolves when the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful shutdown); resolves when the process has exited. */
  stop(): Promise<void>;
}

export async function spawnReferenceServer(options: {
  command: 'serve' | 'demo';
  dataDir: string;
  staticDir?: string;
  /** Default 0: a free port. A restart passes the port of the server it replaces. */
  port?: number;
  timeoutMs?: number;
}): Promise<ChildServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: options.dataDir, PORT: String(options.port ?? 0), HOST: '127.0.0.1', LOG_LEVEL: 'info', DEMO_KEYS: '1' };
  delete env.DATABASE_URL;
  if (options.staticDir) env.STATIC_DIR = options.staticDir;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', options.command], {
    cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reference server did not start:\n${output}`)), options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /"msg":"listening","url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`reference server exited (${code}) before listening:\n${output}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('reference server has no pid');
  return {
    url,
    pid,
    output: () => output,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The built demo pages served by `server/main.ts demo` on fresh data, and a Chromium. */
export interface DemoOnReferenceServer {
  server: ChildServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the demo into a temp dir and serves it with the reference server on a temp data dir; `close()` removes both. */
export async function demoOnReferenceServer(prefix: string): Promise<DemoOnReferenceServer> {
  const staticDir = await buildDemo(`${prefix}-dist-`);
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-data-`));
  const server = await spawnReferenceServer({ command: 'demo', dataDir, staticDir });
  const browser = await launchChromium();
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.stop();
      for (const dir of [staticDir, dataDir]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
