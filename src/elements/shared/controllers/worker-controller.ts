import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Anything that owns a worker and can end it. */
export interface Closable {
  close(): void;
}

/**
 * Owns a worker handle for an element: created on first use, closed (worker terminated) when
 * the host disconnects or `reset()` is called. `generation` grows on every close so callers
 * can drop results that come back from a handle that is gone.
 */
export class WorkerController<T extends Closable> implements ReactiveController {
  #create: () => T;
  #handle: T | undefined;
  #generation = 0;

  constructor(host: ReactiveControllerHost, create: () => T) {
    this.#create = create;
    host.addController(this);
  }

  /** The live handle, created if needed. */
  get value(): T {
    this.#handle ??= this.#create();
    return this.#handle;
  }

  get active(): boolean {
    return this.#handle !== undefined;
  }

  get generation(): number {
    return this.#generation;
  }

  /** Closes the handle; the next `value` creates a fresh one. */
  reset(): void {
    const handle = this.#handle;
    this.#handle = undefined;
    this.#generation++;
    handle?.close();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.reset();
  }
}
