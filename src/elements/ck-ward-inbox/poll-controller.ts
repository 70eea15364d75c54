import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PollOptions {
  /** Called on every tick. */
  tick: () => void;
  /** Current interval in ms; 0 or less stops polling. Read at every scheduling. */
  intervalMs: () => number;
  now?: () => number;
}

/**
 * Calls `tick` every `intervalMs` while the host is connected and the page is visible. While the
 * page is hidden no timer runs (no requests from a background tab); on return it ticks at once
 * if a tick is overdue, else waits out the rest of the interval. Owns its timer and its
 * visibilitychange listener and frees both on disconnect.
 */
export class PollController implements ReactiveController {
  #options: PollOptions;
  #now: () => number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #connected = false;
  /** When the current interval started (last tick, or restart). */
  #since = 0;
  #onVisibility = (): void => this.#schedule();

  constructor(host: ReactiveControllerHost, options: PollOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    host.addController(this);
  }

  /** True while a timer is waiting (connected, visible, interval > 0). */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** Starts a fresh interval from now (after a manual refresh or a new query). */
  restart(): void {
    this.#since = this.#now();
    this.#schedule();
  }

  /** Re-reads the interval (call when it changed) without resetting the interval start. */
  reschedule(): void {
    this.#schedule();
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.restart();
  }

  hostDisconnected(): void {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#clear();
  }

  #clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    this.#clear();
    const interval = this.#options.intervalMs();
    if (!this.#connected || !(interval > 0) || document.visibilityState === 'hidden') return;
    const wait = Math.max(0, this.#since + interval - this.#now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#since = this.#now();
      this.#options.tick();
      this.#schedule();
    }, wait);
  }
}
