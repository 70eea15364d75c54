/// <reference types="node" />
// One SQL layer, two engines: PGlite (PostgreSQL compiled to WASM, embedded, on-disk data
// directory) by default, a real PostgreSQL server through `pg` when DATABASE_URL is set.
// Plain parameterised SQL ($1, $2 …) rather than a query builder: both engines speak the same
// PostgreSQL dialect, so one string runs on both, the queries that matter for speed (batch
// inserts through unnest, the feed's keyset page) read exactly as EXPLAIN shows them, and the
// scale-out notes (docs/scaling.md) can quote them as they run. Kysely would add a dependency
// and a second syntax to review without removing any engine difference we have.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Queryable {
  /** Runs one statement with positional parameters; returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only: a dedicated connection LISTENing on `channel` calls `onNotify` for each
   * NOTIFY (sent at COMMIT by any process on the database); resolves to its stop function.
   * PGlite has one process, which learns of its own commits directly.
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… — use a PostgreSQL server. */
  url?: string;
  /** PGlite data directory; absent → in memory (tests). */
  dataDir?: string;
  /** Pool size for PostgreSQL (default 10). */
  poolSize?: number;
}

// int8 (count(*), bigint columns) as JS numbers: every bigint here is a sequence number or a
// millisecond time, far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

export async function openDatabase(options: OpenOptions): Promise<Db> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Db> {
  const lite = await PGlite.create(dataDir ?? 'memory://', {
    parsers: { 20: (v: string) => Number(v) },
  });
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await q.query<T>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(lite);
  return {
    engine: 'pglite',
    query: base.query,
    exec: base.exec,
    // PGlite has one connection: its transaction() queues concurrent callers, which is the
    // serialisation a single embedded database needs.
    transaction: (fn) => lite.transaction((tx) => fn(wrap(tx))),
    close: () => lite.close(),
  };
}

async function openPostgres(url: string, max: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  // A broken idle connection must not crash the process; the next query gets a fresh one.
  pool.on('error', () => undefined);
  const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[] = []) =>
    (await client.query(sql, params as unknown[])).rows as T[];
  await run(pool, 'SELECT 1');
  const listeners = new Set<pg.Client>();
  return {
    engine: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    exec: async (sql) => {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: (sql, params) => run(client, sql, params),
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error('listen: channel must be a plain identifier');
      const client = new pg.Client({ connectionString: url });
      // A lost listening connection only costs latency: the hub's poll still finds every event.
      client.on('error', () => undefined);
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      await client.query(`LISTEN ${channel}`);
      listeners.add(client);
      return async () => {
        if (listeners.delete(client)) await client.end().catch(() => undefined);
      };
    },
    async close() {
      await Promise.all([...listeners].map((client) => client.end().catch(() => undefined)));
      listeners.clear();
      await pool.end();
    },
  };
}
