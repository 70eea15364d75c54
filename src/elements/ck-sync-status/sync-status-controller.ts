// Follows a SyncEngine's status for an element: subscribes while the host is connected, and
// switches cleanly when the engine is replaced (a late status of the old engine is ignored).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SyncEngine, SyncStatus } from '../../sync/sync-engine';

/** The part of a SyncEngine the status elements use. */
export type SyncSource = Pick<SyncEngine, 'subscribe' | 'syncNow'>;

export class SyncStatusController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #onChange: ((status: SyncStatus, previous: SyncStatus | undefined) => void) | undefined;
  #source: SyncSource | undefined;
  #unsubscribe: (() => void) | undefined;
  #connected = false;
  #generation = 0;
  /** Latest status of the current engine (undefined without one). */
  status: SyncStatus | undefined;

  constructor(host: ReactiveControllerHost, onChange?: (status: SyncStatus, previous: SyncStatus | undefined) => void) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  get source(): SyncSource | undefined {
    return this.#source;
  }

  set source(source: SyncSource | undefined) {
    if (source === this.#source) return;
    this.#source = source;
    this.status = undefined;
    if (this.#connected) this.#subscribe();
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #stop(): void {
    this.#generation++;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #subscribe(): void {
    this.#stop();
    const source = this.#source;
    if (!source) return;
    const generation = this.#generation;
    this.#unsubscribe = source.subscribe((status) => {
      if (generation !== this.#generation) return;
      const previous = this.status;
      this.status = status;
      this.#onChange?.(status, previous);
      this.#host.requestUpdate();
    });
  }
}
