/// <reference types="node" />
// The reference portal server.
//   node --import tsx server/main.ts [serve|demo|seed|purge|migrate]
// Configuration (environment): DATABASE_URL (PostgreSQL; absent → PGlite in DATA_DIR, default
// .data/), PORT (8080; demo 5173; 0 picks a free one), HOST (127.0.0.1), STATIC_DIR (built pages to serve),
// RETENTION_DAYS (30), SECURE_COOKIES (1 behind TLS), LOG_LEVEL (info|warn|error).
// Signing keys: ISSUER, ISSUER_KEY_FILE, TRUST_ANCHOR_KEY_FILE (private P-256 JWKs). `serve`
// refuses to start without them unless DEMO_KEYS=1; `demo` and `seed` use the public demo keys
// when none are configured.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './db';
import { keysFromEnv } from './keys';
import { jsonLogger } from './log';
import { migrate } from './migrations';
import { startNodeServer } from './node-server';
import { createPortal } from './portal';
import { DEMO_ACCOUNTS, isSeeded, seedDemo } from './seed';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const command = process.argv[2] ?? 'serve';
const env = process.env;
const log = jsonLogger(process.stdout, (env.LOG_LEVEL as 'info' | 'warn' | 'error' | undefined) ?? (command === 'demo' ? 'warn' : 'info'));

async function main(): Promise<void> {
  const db = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.DATA_DIR ?? `${repoRoot}.data` });
  const applied = await migrate(db);
  if (applied.length > 0) log({ level: 'info', msg: 'migrated', versions: applied });
  const configured = await keysFromEnv(env);
  if (!configured && command === 'serve' && env.DEMO_KEYS !== '1') {
    throw new Error('no signing keys: set ISSUER, ISSUER_KEY_FILE and TRUST_ANCHOR_KEY_FILE (or DEMO_KEYS=1 for the public demo keys)');
  }
  if (!configured) log({ level: 'warn', msg: 'demo-keys', note: 'signing with the public DEMO-ONLY keys' });
  const portal = await createPortal({
    db, log, ...(configured && { keys: configured }), ...(env.RETENTION_DAYS && { retentionDays: Number(env.RETENTION_DAYS) }), secureCookies: env.SECURE_COOKIES === '1',
  });
  if (command === 'migrate') return db.close();
  if (command === 'seed' || (command === 'demo' && !(await isSeeded(portal)))) await seedDemo(portal);
  if (command === 'seed') return db.close();
  if (command === 'purge') {
    await portal.purge();
    return db.close();
  }
  if (command !== 'serve' && command !== 'demo') throw new Error(`unknown command ${command}`);
  const { STRICT_CSP } = await import('../vite.config');
  const staticDir = env.STATIC_DIR ?? (command === 'demo' ? `${repoRoot}dist-demo` : undefined);
  const running = await startNodeServer({
    portal, host: env.HOST ?? '127.0.0.1', port: env.PORT ? Number(env.PORT) : command === 'demo' ? 5173 : 8080,
    ...(staticDir && existsSync(staticDir) && { staticDir }), csp: STRICT_CSP,
  });
  const purgeTimer = setInterval(() => void portal.purge().catch(() => log({ level: 'error', msg: 'purge-failed' })), 3_600_000);
  purgeTimer.unref();
  log({ level: 'info', msg: 'listening', url: running.url, engine: db.engine });
  if (command === 'demo') {
    const { code, expiresAt } = await portal.issueEnrolmentCode('HN-QL1A-01', 'demo');
    const u = running.url;
    process.stdout.write(`
Checkpoint Kit demo — reference server on ${db.engine === 'pglite' ? `PGlite (${env.DATA_DIR ?? '.data/'}, kept across restarts)` : 'PostgreSQL'}
  citizen  ${u}/          declare a movement, get and keep the QR pass
  kiosk    ${u}/kiosk/    the officer's checkpoint; kiosk enrolment code for HN-QL1A-01: ${code} (until ${expiresAt})
  ward     ${u}/ward/     a ward's arrivals/departures, contacts to follow up, a person's route (sign in first)
  tracer   ${u}/tracer/   who was exposed to a case: co-travellers, same place and time (tracer.01)
  command  ${u}/command/  what every checkpoint saw today, hour by hour (admin or tracer.01)
  sign in  ${u}/auth/login   admin page ${u}/admin
DEMO-ONLY accounts (public passwords, never use them anywhere else):
${DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(12)} ${a.password.padEnd(24)} ${a.role}${a.scope ? ` ${a.scope}` : ''}`).join('\n')}
`);
  }
  const stop = (signal: string) => {
    log({ level: 'info', msg: 'shutting-down', signal });
    void running.close().then(() => db.close()).then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  log({ level: 'error', msg: 'fatal', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
