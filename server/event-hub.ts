// The in-process event hub behind the Server-Sent Events streams. Events are rows of
// tracing_events (persisted in the transaction that caused them, ids visible in id order); the
// hub reads what is new after each committed write (notify()), on a NOTIFY from another
// instance on the same PostgreSQL (LISTEN while streams are open) and on a short poll (the
// safety net), and hands each row to the streams whose filter takes it.
// A new stream first replays from the database after its Last-Event-ID, queuing live rows
// meanwhile, then switches to live rows above its cursor: no gap, no duplicate.
import type { Queryable } from './db';
import type { EventRow } from './tracing';

export interface StreamFilter {
  /** SQL condition on tracing_events (alias e) with $2 as its one parameter. */
  sql: string;
  param: string | null;
  accepts(row: EventRow): boolean;
}

export interface HubOptions {
  heartbeatMs?: number;
  /** Safety net for events committed elsewhere when no notification arrives. */
  pollMs?: number;
  /**
   * Subscribes to commits of other processes (PostgreSQL LISTEN); held only while streams are
   * open. Resolves to its stop function.
   */
  listen?: (onNotify: () => void) => Promise<() => Promise<void>>;
  maxStreams?: number;
  maxStreamsPerAccount?: number;
}

interface Stream {
  account: string;
  filter: StreamFilter;
  cursor: number;
  live: boolean;
  queue: EventRow[];
  write(text: string): boolean;
  end(): void;
}

const encoder = new TextEncoder();
const REPLAY_PAGE = 500;
/** Bytes a slow reader may have pending before its stream is ended (it reconnects and resumes). */
const MAX_PENDING = 4 * 1024 * 1024;

export function formatEvent(row: EventRow): string {
  return `id: ${row.id}\nevent: ${row.kind}\ndata: ${JSON.stringify(row.data)}\n\n`;
}

export class EventHub {
  readonly #db: Queryable;
  readonly #streams = new Set<Stream>();
  readonly #heartbeatMs: number;
  readonly #pollMs: number;
  readonly #max: number;
  readonly #maxPerAccount: number;
  #last = -1;
  #pumping: Promise<void> | null = null;
  #again = false;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #poll: ReturnType<typeof setInterval> | undefined;
  readonly #listen: HubOptions['listen'];
  #unlisten: Promise<(() => Promise<void>) | null> | undefined;
  #closed = false;

  constructor(db: Queryable, options: HubOptions = {}) {
    this.#db = db;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#pollMs = options.pollMs ?? 2_000;
    this.#max = options.maxStreams ?? 1000;
    this.#maxPerAccount = options.maxStreamsPerAccount ?? 20;
    this.#listen = options.listen;
  }

  get size(): number {
    return this.#streams.size;
  }

  /** Why a new stream for this account would be refused, or null. */
  refusal(account: string): string | null {
    if (this.#closed) return 'the server is shutting down';
    if (this.#streams.size >= this.#max) return `at most ${this.#max} open streams on this server`;
    let mine = 0;
    for (const s of this.#streams) if (s.account === account) mine++;
    return mine >= this.#maxPerAccount ? `at most ${this.#maxPerAccount} open streams per account` : null;
  }

  /** Something was committed: read the new events (coalesced). */
  notify(): Promise<void> {
    if (this.#streams.size === 0 || this.#closed) return Promise.resolve();
    if (this.#pumping) {
      this.#again = true;
      return this.#pumping;
    }
    this.#pumping = (async () => {
      try {
        do {
          this.#again = false;
          await this.#pumpOnce();
        } while (this.#again);
      } catch {
        // The next notify or poll tries again; the streams keep their cursors.
      } finally {
        this.#pumping = null;
      }
    })();
    return this.#pumping;
  }

  async #pumpOnce(): Promise<void> {
    if (this.#last < 0) {
      const [row] = await this.#db.query<{ id: number | null }>('SELECT max(id) AS id FROM tracing_events');
      this.#last = Number(row?.id ?? 0);
      return;
    }
    for (;;) {
      const rows = await this.#db.query<EventRow>(
        'SELECT id, kind, unit_code, province_code, data FROM tracing_events WHERE id > $1 ORDER BY id LIMIT 1000', [this.#last]);
      for (const row of rows) {
        row.id = Number(row.id);
        for (const s of this.#streams) {
          if (!s.filter.accepts(row)) continue;
          if (!s.live) s.queue.push(row);
          else if (row.id > s.cursor) this.#send(s, row);
        }
        this.#last = row.id;
      }
      if (rows.length < 1000) return;
    }
  }

  #send(s: Stream, row: EventRow): void {
    s.cursor = row.id;
    if (!s.write(formatEvent(row))) this.#drop(s);
  }

  #drop(s: Stream): void {
    if (!this.#streams.delete(s)) return;
    s.end();
    if (this.#streams.size === 0) this.#stopTimers();
  }

  #startTimers(): void {
    if (this.#heartbeat) return;
    this.#heartbeat = setInterval(() => {
      for (const s of [...this.#streams]) if (!s.write(': heartbeat\n\n')) this.#drop(s);
    }, this.#heartbeatMs);
    this.#poll = setInterval(() => void this.notify(), this.#pollMs);
    this.#heartbeat.unref?.();
    this.#poll.unref?.();
    // Without it (or when it fails) the poll alone brings other processes' events.
    this.#unlisten = this.#listen?.(() => void this.notify()).catch(() => null);
  }

  #stopTimers(): void {
    clearInterval(this.#heartbeat);
    clearInterval(this.#poll);
    this.#heartbeat = undefined;
    this.#poll = undefined;
    const unlisten = this.#unlisten;
    this.#unlisten = undefined;
    void unlisten?.then((stop) => stop?.());
  }

  /**
   * Opens a stream. `resumeFrom` null → live from now; a number → replay after it (the caller
   * has checked it can be replayed, else it sends `event: reset` and passes null).
   */
  open(account: string, filter: StreamFilter, resumeFrom: number | null, prelude: string): Response {
    let stream: Stream | undefined;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        const s: Stream = {
          account, filter, cursor: 0, live: false, queue: [],
          write: (text) => {
            try {
              controller.enqueue(encoder.encode(text));
              return (controller.desiredSize ?? 0) > -MAX_PENDING;
            } catch {
              return false;
            }
          },
          end: () => {
            try {
              controller.close();
            } catch {
              // already closed or cancelled
            }
          },
        };
        stream = s;
        this.#streams.add(s);
        this.#startTimers();
        s.write(prelude);
        void this.#catchUp(s, resumeFrom);
      },
      cancel: () => {
        if (stream) this.#drop(stream);
      },
    }, { highWaterMark: MAX_PENDING, size: (chunk) => chunk.byteLength });
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no', 'X-Content-Type-Options': 'nosniff' },
    });
  }

  async #catchUp(s: Stream, resumeFrom: number | null): Promise<void> {
    try {
      if (this.#last < 0) await this.notify();
      if (resumeFrom === null) {
        const [row] = await this.#db.query<{ id: number | null }>('SELECT max(id) AS id FROM tracing_events');
        s.cursor = Number(row?.id ?? 0);
      } else {
        s.cursor = resumeFrom;
        for (;;) {
          const rows = await this.#db.query<EventRow>(
            `SELECT id, kind, unit_code, province_code, data FROM tracing_events e WHERE id > $1 AND ${s.filter.sql} ORDER BY id LIMIT ${REPLAY_PAGE}`,
            [s.cursor, s.filter.param]);
          for (const row of rows) {
            row.id = Number(row.id);
            if (this.#streams.has(s)) this.#send(s, row);
          }
          if (rows.length < REPLAY_PAGE) break;
        }
      }
      s.live = true;
      for (const row of s.queue.splice(0)) if (row.id > s.cursor && this.#streams.has(s)) this.#send(s, row);
    } catch {
      this.#drop(s);
    }
  }

  /** Ends every stream (server stop); later opens are refused. */
  closeAll(): void {
    this.#closed = true;
    for (const s of [...this.#streams]) this.#drop(s);
    this.#stopTimers();
  }
}
