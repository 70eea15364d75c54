/// <reference types="node" />
// The reference server under test on both engines: PGlite in memory, and a real PostgreSQL in a
// throwaway cluster this process starts (and stops). On CI the PostgreSQL run is mandatory.
import { after, before } from 'node:test';
import { openDatabase, type Db } from '../../server/db';
import { migrate, truncateAll } from '../../server/migrations';
import { createPortal, type Portal, type PortalOptions } from '../../server/portal';
import { postgresBinDir, startPgCluster, type PgCluster } from '../tools/pg-cluster';
import { newDevice, type TestDevice } from './backend-support';

export const ORIGIN = 'http://portal.test';

export interface Engine {
  name: 'pglite' | 'postgres';
  db(): Db;
}

/** The engines to run a suite on; registers before/after hooks that open and close them. */
export function engines(): Engine[] {
  const list: Engine[] = [];
  let lite: Db | undefined;
  let pgDb: Db | undefined;
  let cluster: PgCluster | undefined;
  const withPg = postgresBinDir() !== null || process.env.CI === 'true';
  before(async () => {
    lite = await openDatabase({});
    await migrate(lite);
    if (withPg) {
      cluster = await startPgCluster();
      pgDb = await openDatabase({ url: cluster.url, poolSize: 4 });
      await migrate(pgDb);
    }
  });
  after(async () => {
    await lite?.close();
    await pgDb?.close();
    await cluster?.stop();
  });
  list.push({ name: 'pglite', db: () => lite as Db });
  if (withPg) list.push({ name: 'postgres', db: () => pgDb as Db });
  else console.warn('server tests: PostgreSQL binaries not found, running on PGlite only');
  return list;
}

export async function freshPortal(engine: Engine, options: Partial<PortalOptions> = {}): Promise<Portal> {
  const db = engine.db();
  await truncateAll(db);
  return createPortal({ db, ...options });
}

export function req(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; cookie?: string } = {}): Request {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
  if (init.cookie) headers.Cookie = init.cookie;
  return new Request(`${ORIGIN}${path}`, {
    method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
    headers,
    ...(init.body !== undefined && { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
}

/** Signs in (the account is created first) and returns the session cookie. */
export async function signIn(portal: Portal, username: string, role: 'admin' | 'officer' | 'ward' | 'tracer', scope: string | null): Promise<string> {
  await portal.createAccount(username, 'correct horse battery', role, scope);
  const response = await portal.handle(req('/auth/login', { body: { username, password: 'correct horse battery' } }));
  if (response.status !== 200) throw new Error(`sign-in ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get('Set-Cookie') ?? '';
  return setCookie.split(';')[0] ?? '';
}

/** A checkpoint, a code, and the device enrolled with it. */
export async function enrolledDevice(portal: Portal, checkpointId = 'HN-TEST-01'): Promise<TestDevice> {
  await portal.createCheckpoint({ id: checkpointId, name: `Chốt ${checkpointId}`, provinceCode: '01', road: 'QL1A' });
  const { code } = await portal.issueEnrolmentCode(checkpointId, 'test');
  const device = await newDevice(checkpointId);
  const response = await portal.handle(req('/api/devices', { body: { deviceId: device.deviceId, publicKeyJwk: device.publicJwk, checkpointId, enrolmentCode: code } }));
  if (response.status !== 201) throw new Error(`enrol ${response.status} ${await response.text()}`);
  return device;
}
