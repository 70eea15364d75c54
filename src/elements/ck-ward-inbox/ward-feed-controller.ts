// Owns everything <ck-ward-inbox> fetches for one ward and day: the registry (checkpoint
// names), the movements (a small first page so rows show at once, then the rest of the day in
// large pages), the contacts to follow up, and the live feed (SSE, resumed from the first page's
// `lastEventId`, or polling with `since`). Results of a superseded query are dropped; the live
// feed and every request stop when the host disconnects and start again when it comes back.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isApiError } from '../../api/http';
import { LiveFeed, type LiveMode, type StreamEvent } from '../../api/events';
import { fetchCheckpoints, type CheckpointInfo } from '../../api/checkpoints';
import {
  fetchWardContacts, fetchWardFeed, parseWardContact, parseWardFeedItem, MAX_FEED_LIMIT,
  type WardFeedItem, type WardFeedPage,
} from '../../api/ward-feed';
import { ContactList, WardInboxModel } from './ward-inbox-model';

/** Rows of the first request: enough to fill the screen, small enough to arrive at once. */
const FIRST_PAGE = 200;
/** Page size for portals that predate the 2000-row pages. */
const OLD_PORTAL_LIMIT = 200;
/** A day larger than this is cut (the clerk is told); 10× the P10 day. */
const MAX_ROWS = 500_000;
const DAY_MS = 86_400_000;

export interface FeedQuery {
  /** Identity: results of another key are stale. */
  key: string;
  apiBase: string;
  unitCode: string;
  date: string;
}

export type FeedStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface FeedOptions {
  /** Interval of the polling fallback in ms; 0 turns live updates off. */
  pollMs: () => number;
}

export class WardFeedController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: FeedOptions;
  model = new WardInboxModel();
  readonly contacts = new ContactList();
  registry = new Map<string, CheckpointInfo>();
  status: FeedStatus = 'idle';
  error: unknown;
  /** Pages after the first are still loading. */
  loadingRest = false;
  live: LiveMode | 'off' = 'off';
  updatedAt = 0;
  /** The last live update failed at (polling mode), cleared by the next success. */
  refreshFailedAt: number | undefined;
  /** Rows that appeared while the list was open, and the last announcement. */
  readonly fresh = new Set<string>();
  announced: { count: number; total: number } | undefined;
  contactsFailed = false;

  #query: FeedQuery | undefined;
  #loadedKey: string | undefined;
  #registryBase: string | undefined;
  #abort: AbortController | undefined;
  #feed: LiveFeed | undefined;
  #connected = false;
  #pageLimit = MAX_FEED_LIMIT;
  /** Where the live feed resumes after a disconnect. */
  #resumeId: string | null = null;

  constructor(host: ReactiveControllerHost, options: FeedOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get query(): FeedQuery | undefined {
    return this.#query;
  }

  /** Sets the query; a new key starts a new load (when connected). */
  setQuery(query: FeedQuery | undefined): void {
    if (query?.key === this.#query?.key) return;
    this.#query = query;
    if (this.#connected) this.#start();
  }

  /** Loads everything again (after an error, or by hand). */
  reload(): void {
    this.#loadedKey = undefined;
    if (this.#connected) this.#start();
  }

  /** Restarts the live feed after its settings changed. */
  restartLive(): void {
    if (!this.#connected || this.status !== 'ready' || this.loadingRest) return;
    this.#startLive(this.#feed?.lastEventId ?? this.#resumeId);
  }

  hostConnected(): void {
    this.#connected = true;
    if (this.#loadedKey !== this.#query?.key || this.status === 'error' || this.loadingRest) this.#start();
    else this.#startLive(this.#resumeId);
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    if (this.#feed) this.#resumeId = this.#feed.lastEventId;
    this.#feed?.close();
    this.#feed = undefined;
    this.live = 'off';
  }

  #start(): void {
    this.#stop();
    const query = this.#query;
    this.model = new WardInboxModel();
    this.contacts.replaceAll([]);
    this.fresh.clear();
    this.announced = undefined;
    this.refreshFailedAt = undefined;
    this.error = undefined;
    this.loadingRest = false;
    this.#loadedKey = query?.key;
    this.status = query ? 'loading' : 'idle';
    this.#host.requestUpdate();
    if (!query) return;
    const abort = new AbortController();
    this.#abort = abort;
    void this.#load(query, abort.signal);
  }

  #current(query: FeedQuery, signal: AbortSignal): boolean {
    return !signal.aborted && this.#query?.key === query.key;
  }

  async #load(query: FeedQuery, signal: AbortSignal): Promise<void> {
    if (this.#registryBase !== query.apiBase) {
      this.#registryBase = query.apiBase;
      // Names are a courtesy: without the registry rows show the checkpoint's own name or id.
      fetchCheckpoints(query.apiBase, { signal }).then((items) => {
        this.registry = new Map(items.map((c) => [c.id, c]));
        this.#host.requestUpdate();
      }, () => { this.#registryBase = undefined; });
    }
    void this.#loadContacts(query, signal);
    try {
      const first = await fetchWardFeed(query.apiBase, { unitCode: query.unitCode, date: query.date, limit: FIRST_PAGE }, { signal });
      if (!this.#current(query, signal)) return;
      this.model.upsert(first.items);
      this.status = 'ready';
      this.updatedAt = Date.now();
      this.loadingRest = first.nextCursor !== null;
      this.#host.requestUpdate();
      let cursor = first.nextCursor;
      while (cursor && this.model.size < MAX_ROWS) {
        const page = await this.#page(query, { cursor }, signal);
        if (!this.#current(query, signal)) return;
        this.model.upsert(page.items);
        cursor = page.nextCursor;
        this.#host.requestUpdate();
      }
      this.loadingRest = false;
      this.#host.requestUpdate();
      // Events after the first page's snapshot are replayed from its id: none missed while paging.
      this.#startLive(first.lastEventId);
    } catch (error) {
      if (!this.#current(query, signal)) return;
      if (this.status === 'ready') {
        // Rows are shown: keep them, say the rest failed.
        this.loadingRest = false;
        this.refreshFailedAt = Date.now();
      } else {
        this.status = 'error';
        this.error = error;
      }
      this.#host.requestUpdate();
    }
  }

  /** A large page; a portal that refuses 2000-row pages (400) gets 200-row ones from then on. */
  async #page(query: FeedQuery, at: { cursor?: string; since?: string }, signal: AbortSignal): Promise<WardFeedPage> {
    const ask = () => fetchWardFeed(query.apiBase, { unitCode: query.unitCode, date: query.date, limit: this.#pageLimit, ...at }, { signal });
    try {
      return await ask();
    } catch (error) {
      if (!isApiError(error) || error.status !== 400 || this.#pageLimit === OLD_PORTAL_LIMIT) throw error;
      this.#pageLimit = OLD_PORTAL_LIMIT;
      return ask();
    }
  }

  async #loadContacts(query: FeedQuery, signal: AbortSignal): Promise<void> {
    try {
      const page = await fetchWardContacts(query.apiBase, { unitCode: query.unitCode }, { signal });
      if (!this.#current(query, signal)) return;
      this.contacts.upsert(page.items);
      this.contactsFailed = false;
    } catch {
      if (!this.#current(query, signal)) return;
      this.contactsFailed = true;
    }
    this.#host.requestUpdate();
  }

  #startLive(lastEventId: string | null): void {
    const query = this.#query;
    this.#resumeId = lastEventId;
    this.#feed?.close();
    this.#feed = undefined;
    const pollMs = this.#options.pollMs();
    if (!query || !this.#connected || pollMs <= 0) {
      this.live = 'off';
      return;
    }
    const feed = new LiveFeed({
      apiBase: query.apiBase,
      path: `wards/${query.unitCode}/events`,
      lastEventId,
      pollIntervalMs: pollMs,
      onMode: (mode) => {
        this.live = mode;
        this.#host.requestUpdate();
      },
      onEvent: (event) => this.#onEvent(query, event),
      onReset: () => {
        // Too far behind to replay: load the day again (rows stay until the new ones arrive).
        void this.#refreshAll(query);
      },
      poll: (since, signal) => this.#poll(query, since, signal),
    });
    this.#feed = feed;
    feed.start();
  }

  #onEvent(query: FeedQuery, event: StreamEvent): void {
    if (this.#query?.key !== query.key) return;
    try {
      if (event.type === 'movement') this.#apply(query, [parseWardFeedItem(JSON.parse(event.data))]);
      else if (event.type === 'contact') this.contacts.upsert([parseWardContact(JSON.parse(event.data))]);
      else return;
    } catch {
      return; // a malformed event is skipped; the next reload corrects the list
    }
    this.updatedAt = Date.now();
    this.#host.requestUpdate();
  }

  #apply(query: FeedQuery, items: readonly WardFeedItem[]): void {
    const from = Date.parse(`${query.date}T00:00:00+07:00`);
    const ofDay = items.filter((i) => {
      const t = Date.parse(i.at);
      return t >= from && t < from + DAY_MS;
    });
    const { added } = this.model.upsert(ofDay);
    for (const id of added) this.fresh.add(id);
    if (added.length > 0) this.announced = { count: added.length, total: this.model.size };
  }

  /** Polling fallback: what changed after `since` (everything again when the portal gave no id). */
  async #poll(query: FeedQuery, since: string | null, signal: AbortSignal): Promise<string | null> {
    try {
      let cursor: string | undefined;
      let last: string | null = since;
      let first = true;
      const items: WardFeedItem[] = [];
      while (first || cursor) {
        first = false;
        const page = await this.#page(query, { ...(since && { since }), ...(cursor && { cursor }) }, signal);
        items.push(...page.items);
        last = page.lastEventId ?? last;
        cursor = page.nextCursor ?? undefined;
        if (items.length >= MAX_ROWS) break;
      }
      const contacts = await fetchWardContacts(query.apiBase, { unitCode: query.unitCode }, { signal }).catch(() => undefined);
      if (this.#query?.key !== query.key || signal.aborted) return last;
      this.#apply(query, items);
      if (contacts) this.contacts.upsert(contacts.items);
      this.updatedAt = Date.now();
      this.refreshFailedAt = undefined;
      this.#host.requestUpdate();
      return last;
    } catch (error) {
      if (!signal.aborted && this.#query?.key === query.key) {
        this.refreshFailedAt = Date.now();
        this.#host.requestUpdate();
      }
      throw error;
    }
  }

  /** After `event: reset`: the whole day again into a new model, swapped in when complete. */
  async #refreshAll(query: FeedQuery): Promise<void> {
    const abort = new AbortController();
    const signal = AbortSignal.any([abort.signal, this.#abort?.signal ?? abort.signal]);
    const next = new WardInboxModel();
    try {
      let cursor: string | undefined;
      do {
        const page = await this.#page(query, cursor ? { cursor } : {}, signal);
        next.upsert(page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && next.size < MAX_ROWS);
      if (this.#query?.key !== query.key || signal.aborted) return;
      this.model = next;
      this.updatedAt = Date.now();
      this.#host.requestUpdate();
    } catch {
      if (this.#query?.key === query.key) {
        this.refreshFailedAt = Date.now();
        this.#host.requestUpdate();
      }
    }
  }
}
