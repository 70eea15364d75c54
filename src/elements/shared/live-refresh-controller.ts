// Keeps a portal view fresh without polling: listens to the portal's passage stream
// (src/api/checkpoint-events.ts) and asks the host to reload, debounced, when a passage that
// matters arrives. Falls back to polling while the stream is closed, and reloads once after a
// reconnect or a server `reset` so nothing recorded meanwhile is missed.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { openPassageStream, type PassageEvent, type PassageStream, type StreamState } from '../../api/checkpoint-events';

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
  /** Reload interval while the stream is closed (default 60 s). */
  pollMs?: number;
  /** Opens the stream (tests may provide a scripted one). */
  open?: typeof openPassageStream;
}

export class LiveRefreshController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: LiveRefreshOptions;
  #stream: PassageStream | undefined;
  #streamBase = '';
  #debounce: ReturnType<typeof setTimeout> | undefined;
  #poll: ReturnType<typeof setInterval> | undefined;
  #wasOpen = false;
  /** State of the stream, for a "live" indicator. */
  state: StreamState = 'closed';

  constructor(host: ReactiveControllerHost, options: LiveRefreshOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostUpdated(): void {
    // Open, move or close the stream as the host's base and wishes change.
    const base = this.#options.enabled() ? this.#options.apiBase() : '';
    if (base === this.#streamBase) return;
    this.#close();
    this.#streamBase = base;
    if (!base) return;
    this.state = 'connecting';
    this.#stream = (this.#options.open ?? openPassageStream)(base, {
      passage: (event) => {
        if (this.#options.matters?.(event) ?? true) this.#schedule();
      },
      reset: () => this.#schedule(),
      state: (state) => this.#setState(state),
    });
  }

  hostDisconnected(): void {
    this.#close();
    this.#streamBase = '';
  }

  #setState(state: StreamState): void {
    if (state === this.state) return;
    const reconnected = state === 'open' && this.#wasOpen;
    if (state === 'open') this.#wasOpen = true;
    this.state = state;
    if (state === 'closed') {
      this.#poll ??= setInterval(() => this.#options.refresh(), this.#options.pollMs ?? 60_000);
    } else if (this.#poll !== undefined) {
      clearInterval(this.#poll);
      this.#poll = undefined;
    }
    // What happened while the stream was down is read from the REST endpoint once.
    if (reconnected) this.#schedule();
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
    this.#stream?.close();
    this.#stream = undefined;
    clearTimeout(this.#debounce);
    this.#debounce = undefined;
    if (this.#poll !== undefined) clearInterval(this.#poll);
    this.#poll = undefined;
    this.state = 'closed';
    this.#wasOpen = false;
  }
}
