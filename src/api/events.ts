// A live feed over Server-Sent Events (docs/api.md "Server-Sent Events"), read with fetch
// streaming so the resume point travels as a `Last-Event-ID` header and every line is read
// under a size cap. After a dropped stream it reconnects with the last id it saw (the server
// replays what was missed: no gaps), ignores an id it already delivered (no duplicates), waits
// the server's `retry:` with exponential backoff, reloads on `event: reset`, and falls back to
// polling with `since` where streams are unavailable (no endpoint, a proxy that buffers, or a
// stream that keeps failing), trying the stream again now and then. After a reset it resumes
// from the reset's id (the server's newest) while the caller reloads: nothing falls between.
import { ApiError, apiUrl } from './http';

export interface StreamEvent {
  /** The `event:` field; 'message' when absent. */
  type: string;
  /** The `id:` field of this event (or the last one seen), null before any. */
  id: string | null;
  data: string;
}

/** Largest single event (all its data lines) or line accepted. */
export const MAX_EVENT_CHARS = 512 * 1024;

/**
 * The line protocol of text/event-stream (WHATWG HTML §9.2.6), incrementally: `push` takes
 * decoded text in any chunking and returns the events completed by it.
 */
export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #dataChars = 0;
  #type = '';
  /** Last event id (persists across events, as in EventSource). */
  lastEventId: string | null = null;
  /** Reconnection time the server asked for, ms. */
  retryMs: number | undefined;
  #pendingCr = false;

  push(text: string): StreamEvent[] {
    const out: StreamEvent[] = [];
    let chunk = text;
    if (this.#pendingCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.#pendingCr = false;
    this.#buffer += chunk;
    let start = 0;
    for (;;) {
      const cr = this.#buffer.indexOf('\r', start);
      const lf = this.#buffer.indexOf('\n', start);
      if (cr < 0 && lf < 0) break;
      const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      const line = this.#buffer.slice(start, end);
      start = end + 1;
      if (end === cr) {
        if (start === this.#buffer.length) this.#pendingCr = true;
        else if (this.#buffer[start] === '\n') start += 1;
      }
      const event = this.#line(line);
      if (event) out.push(event);
    }
    this.#buffer = this.#buffer.slice(start);
    if (this.#buffer.length > MAX_EVENT_CHARS) throw new ApiError('too-large', 'An event-stream line is too long.', { retryable: true });
    return out;
  }

  #line(line: string): StreamEvent | undefined {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.#type = value;
        break;
      case 'data':
        this.#dataChars += value.length + 1;
        if (this.#dataChars > MAX_EVENT_CHARS) throw new ApiError('too-large', 'An event is too large.', { retryable: true });
        this.#data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value === '' ? null : value;
        break;
      case 'retry':
        if (/^\d{1,9}$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break;
    }
    return undefined;
  }

  #dispatch(): StreamEvent | undefined {
    const data = this.#data;
    const type = this.#type || 'message';
    this.#data = [];
    this.#dataChars = 0;
    this.#type = '';
    if (data.length === 0) return undefined;
    return { type, id: this.lastEventId, data: data.join('\n') };
  }
}

export type LiveMode = 'connecting' | 'stream' | 'polling' | 'closed';

export interface LiveFeedOptions {
  /** Events URL under the API base, e.g. `wards/00070/events`. */
  apiBase: string;
  path: string;
  /** Where the REST load left off (its `lastEventId`); null starts at "now". */
  lastEventId: string | null;
  /** Each new event, in order, at most once per id. */
  onEvent: (event: StreamEvent) => void;
  /** The server cannot replay from our id (`event: reset`): reload from the REST endpoint. */
  onReset: () => void;
  /**
   * Polling fallback: fetch what changed after `since` (null: nothing seen yet), apply it, and
   * return the new resume id.
   */
  poll: (since: string | null, signal: AbortSignal) => Promise<string | null>;
  onMode?: (mode: LiveMode) => void;
  /** Between polls in fallback mode. Default 15 s. */
  pollIntervalMs?: number;
  /** Stream attempts that fail in a row before polling. Default 3. */
  failuresBeforePolling?: number;
  /** While polling, try the stream again after this long. Default 5 min. */
  streamRetryMs?: number;
  /** Longest wait between reconnects. Default 60 s. */
  maxBackoffMs?: number;
  /** A stream silent this long (the server sends a heartbeat every 15 s) is reopened. Default 45 s. */
  idleTimeoutMs?: number;
}

const DEFAULT_RETRY_MS = 3000;
/** Ids already delivered, remembered to drop replays (a server replays at most this far back). */
const SEEN_IDS = 4096;

/** Answers that mean "no stream here": poll instead of retrying the stream. */
function noStreamHere(response: Response): boolean {
  const type = response.headers.get('Content-Type') ?? '';
  return [404, 405, 406, 501].includes(response.status) || (response.ok && !type.startsWith('text/event-stream')) || (response.ok && !response.body);
}

export class LiveFeed {
  readonly #o: Required<Omit<LiveFeedOptions, 'onMode'>> & Pick<LiveFeedOptions, 'onMode'>;
  #lastEventId: string | null;
  #seen = new Set<string>();
  #mode: LiveMode = 'closed';
  #abort: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #retryMs = DEFAULT_RETRY_MS;
  #pollingSince = 0;
  /** The id a `reset` event carried (the server's newest): the stream resumes from it. */
  #resetId: string | null = null;

  constructor(options: LiveFeedOptions) {
    this.#o = {
      pollIntervalMs: 15_000, failuresBeforePolling: 3, streamRetryMs: 300_000, maxBackoffMs: 60_000, idleTimeoutMs: 45_000,
      ...options,
    };
    this.#lastEventId = options.lastEventId;
  }

  get mode(): LiveMode {
    return this.#mode;
  }

  /** The id the next (re)connection or poll resumes after. */
  get lastEventId(): string | null {
    return this.#lastEventId;
  }

  start(): void {
    if (this.#mode !== 'closed') return;
    this.#connect();
  }

  close(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#setMode('closed');
  }

  #setMode(mode: LiveMode): void {
    if (mode === this.#mode) return;
    this.#mode = mode;
    this.#o.onMode?.(mode);
  }

  #later(ms: number, run: () => void): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      run();
    }, ms);
  }

  #connect(): void {
    this.#setMode('connecting');
    const abort = new AbortController();
    this.#abort = abort;
    void this.#stream(abort).then(
      (outcome) => this.#after(abort, outcome),
      () => this.#after(abort, 'failed'),
    );
  }

  #after(abort: AbortController, outcome: 'failed' | 'ended' | 'no-stream' | 'reset'): void {
    if (abort.signal.aborted && this.#abort !== abort) return; // closed or superseded
    if (this.#mode === 'closed') return;
    if (outcome === 'reset') {
      // Resume from the server's newest id; the reload reads everything up to at least it.
      this.#lastEventId = this.#resetId;
      this.#seen.clear();
      this.#o.onReset();
      this.#failures = 0;
      this.#later(0, () => this.#connect());
      return;
    }
    if (outcome === 'no-stream' || this.#failures >= this.#o.failuresBeforePolling) {
      this.#startPolling();
      return;
    }
    const backoff = Math.min(this.#o.maxBackoffMs, this.#retryMs * 2 ** Math.max(0, this.#failures - 1));
    // Jitter spreads 200 wards' reconnects after a server restart.
    this.#setMode('connecting');
    this.#later(backoff * (0.75 + Math.random() * 0.5), () => this.#connect());
  }

  async #stream(abort: AbortController): Promise<'failed' | 'ended' | 'no-stream' | 'reset'> {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (this.#lastEventId) headers['Last-Event-ID'] = this.#lastEventId;
    let response: Response;
    try {
      response = await fetch(apiUrl(this.#o.apiBase, this.#o.path), {
        headers, signal: abort.signal, credentials: 'same-origin', cache: 'no-store',
      });
    } catch {
      this.#failures += 1;
      return 'failed';
    }
    if (noStreamHere(response)) {
      void response.body?.cancel().catch(() => undefined);
      return 'no-stream';
    }
    if (!response.ok || !response.body) {
      void response.body?.cancel().catch(() => undefined);
      this.#failures += 1;
      return 'failed';
    }
    const parser = new SseParser();
    parser.lastEventId = this.#lastEventId;
    const body = response.body;
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    // Closing must end the read even where the body ignores the fetch's signal.
    const stop = () => {
      void reader.cancel().catch(() => undefined);
      void body.cancel().catch(() => undefined);
    };
    abort.signal.addEventListener('abort', stop, { once: true });
    let idle: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => void reader.cancel().catch(() => undefined), this.#o.idleTimeoutMs);
    };
    arm();
    let delivered = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || abort.signal.aborted) break;
        arm();
        if (!delivered) this.#setMode('stream');
        const events = parser.push(value);
        if (parser.retryMs !== undefined) this.#retryMs = parser.retryMs;
        for (const event of events) {
          if (event.type === 'reset') {
            // Without an id line of its own the reset carries the id we sent: start from now.
            this.#resetId = event.id !== null && event.id !== this.#lastEventId ? event.id : null;
            void reader.cancel().catch(() => undefined);
            return 'reset';
          }
          if (event.id !== null) {
            if (this.#seen.has(event.id)) continue;
            this.#remember(event.id);
            this.#lastEventId = event.id;
          }
          if (abort.signal.aborted) break;
          delivered = true;
          this.#failures = 0;
          this.#o.onEvent(event);
        }
        if (!delivered && this.#mode === 'stream') this.#failures = 0;
      }
    } catch {
      this.#failures += 1;
      return 'failed';
    } finally {
      clearTimeout(idle);
      abort.signal.removeEventListener('abort', stop);
    }
    // A clean end (a proxy cut it, or the server restarts): reconnect after `retry`.
    if (!delivered) this.#failures += 1;
    return 'ended';
  }

  #remember(id: string): void {
    this.#seen.add(id);
    if (this.#seen.size > SEEN_IDS) {
      const first = this.#seen.values().next().value;
      if (first !== undefined) this.#seen.delete(first);
    }
  }

  #startPolling(): void {
    this.#setMode('polling');
    this.#pollingSince = Date.now();
    this.#later(0, () => void this.#pollOnce());
  }

  async #pollOnce(): Promise<void> {
    if (this.#mode !== 'polling') return;
    if (Date.now() - this.#pollingSince >= this.#o.streamRetryMs) {
      this.#failures = 0;
      this.#connect();
      return;
    }
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const next = await this.#o.poll(this.#lastEventId, abort.signal);
      if (this.#abort !== abort || this.#mode !== 'polling') return;
      if (next !== null) this.#lastEventId = next;
    } catch (error) {
      if (this.#abort !== abort || this.#mode !== 'polling') return;
      if (error instanceof ApiError && error.status === 410) {
        // The server no longer knows our id: same as `event: reset`.
        this.#lastEventId = null;
        this.#o.onReset();
      }
    }
    this.#later(this.#o.pollIntervalMs, () => void this.#pollOnce());
  }
}
