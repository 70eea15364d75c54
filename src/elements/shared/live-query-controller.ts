import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The Observable subset Dexie's `liveQuery` returns (the store hands these out; no Dexie import here). */
export interface Subscribable<T> {
  subscribe(observer: { next: (value: T) => void; error?: (error: unknown) => void }): { unsubscribe(): void };
}

/**
 * Holds the latest value of a live query (e.g. a store `watch…()` result) and re-renders the host
 * when it changes, also when another tab or worker writes. Subscribes while connected only.
 * `setQuery()` switches to another query (e.g. a new pass id); values of a replaced query are
 * dropped even if they arrive late, because each subscription checks it is still the current one.
 */
export class LiveQueryController<T> implements ReactiveController {
  #host: ReactiveControllerHost;
  #query: (() => Subscribable<T>) | undefined;
  #subscription: { unsubscribe(): void } | undefined;
  #generation = 0;
  #connected = false;
  /** Latest value; undefined until the first result of the current query. */
  value: T | undefined;
  /** Last error of the current query (cleared by the next value). */
  error: unknown;
  /** True once the current query has produced its first value or error. */
  settled = false;

  constructor(host: ReactiveControllerHost, query?: () => Subscribable<T>) {
    this.#host = host;
    this.#query = query;
    host.addController(this);
  }

  /** Replaces the query; undefined stops observing and clears the value. */
  setQuery(query: (() => Subscribable<T>) | undefined): void {
    this.#query = query;
    this.value = undefined;
    this.error = undefined;
    this.settled = false;
    if (this.#connected) this.#subscribe();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe();
  }

  #unsubscribe(): void {
    this.#generation++;
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }

  #subscribe(): void {
    this.#unsubscribe();
    if (!this.#query) return;
    const generation = this.#generation;
    this.#subscription = this.#query().subscribe({
      next: (value) => {
        if (generation !== this.#generation) return;
        this.value = value;
        this.error = undefined;
        this.settled = true;
        this.#host.requestUpdate();
      },
      error: (error) => {
        if (generation !== this.#generation) return;
        this.error = error;
        this.settled = true;
        this.#host.requestUpdate();
      },
    });
  }
}
