// Keeps a portal view fresh without polling: follows the portal's passage stream
// (`checkpoints/events`, read by LiveFeed in src/api/events.ts: Last-Event-ID resume, no
// duplicates, backoff, reset, polling fallback) and asks the host to reload, debounced, when a
// passage that matters arrives. While the feed polls, each poll is a reload; after an
// `event: reset`, or a reconnect with nothing to resume from, the host reloads once so nothing
// recorded meanwhile is missed.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parsePassageEvent, type PassageEvent } from '../../api/checkpoints';
import { LiveFeed, type LiveMode } from '../../api/events';

/** The stream as a "live" indicator shows it ('closed' also while the feed polls). */
export type StreamState = 'connecting' | 'open' | 'closed';

export interface LiveRefreshOptions {
  /** The API base; '' means no stream. */
  apiBase(): string;
  /** Whether this passage changes what the host shows (default: every passage does). */
  matters?(event: PassageEvent): boolean;
  /** Reload what the host shows. */
  refresh(): void;
  /** Whether the host wants live updates now (e.g. something is shown). */
  enabled(): boolean;
  /** Quiet time before a reload, so a burst of passages costs one request (default 1500 ms). */
  debounceMs?: number;
  /** Reload interval while the stream is unavailable (default 60 s). */
  pollMs?: number;
}

function streamState(mode: LiveMode): StreamState {
  return mode === 'stream' ? 'open' : mode === 'connecting' ? 'connecting' : 'closed';
}

export class LiveRefreshController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: LiveRefreshOptions;
  #feed: LiveFeed | undefined;
  #feedBase = '';
  #debounce: ReturnType<typeof setTimeout> | undefined;
  #wasOpen = false;
  #polled = false;
  /** State of the stream, for a "live" indicator. */
  state: StreamState = 'closed';

  constructor(host: ReactiveControllerHost, options: LiveRefreshOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostUpdated(): void {
    // Open, move or close the feed as the host's base and wishes change.
    const base = this.#options.enabled() ? this.#options.apiBase() : '';
    if (base === this.#feedBase) return;
    this.#close();
    this.#feedBase = base;
    if (!base) return;
    const feed: LiveFeed = new LiveFeed({
      apiBase: base,
      path: 'checkpoints/events',
      lastEventId: null,
      onEvent: (event) => {
        if (event.type !== 'passage') return;
        const passage = parsePassageEvent(event.data);
        if (passage && (this.#options.matters?.(passage) ?? true)) this.#schedule();
      },
      onReset: () => this.#schedule(),
      // No `since` query on this endpoint: a poll is a reload, and the resume point stays. The
      // host has just loaded when a stream that never opened falls back: no reload at once.
      poll: async () => {
        if (this.#wasOpen || this.#polled) this.#options.refresh();
        this.#polled = true;
        return null;
      },
      onMode: (mode) => this.#setState(streamState(mode), feed),
      pollIntervalMs: this.#options.pollMs ?? 60_000,
    });
    this.#feed = feed;
    feed.start();
  }

  hostDisconnected(): void {
    this.#close();
    this.#feedBase = '';
  }

  #setState(state: StreamState, feed: LiveFeed): void {
    if (feed !== this.#feed || state === this.state) return;
    // A reconnect without a resume id cannot replay the gap: read it from the REST endpoint.
    const unresumed = state === 'open' && this.#wasOpen && feed.lastEventId === null;
    if (state === 'open') this.#wasOpen = true;
    this.state = state;
    if (unresumed) this.#schedule();
    this.#host.requestUpdate();
  }

  #schedule(): void {
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => {
      this.#debounce = undefined;
      this.#options.refresh();
    }, this.#options.debounceMs ?? 1_500);
  }

  #close(): void {
    const feed = this.#feed;
    this.#feed = undefined;
    feed?.close();
    clearTimeout(this.#debounce);
    this.#debounce = undefined;
    this.state = 'closed';
    this.#wasOpen = false;
    this.#polled = false;
  }
}
