// Controllers the portal views (ck-route, ck-ward-inbox) share: the administrative units they
// name wards with, and a main request that a disconnect cut off and a reconnect makes again.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { fetchUnits, type AdministrativeUnit } from '../../api/units';
import { unitIndex } from './portal-text';

/** What the host offers: units given directly win over the URL of a units file. */
export interface UnitsHost extends ReactiveControllerHost {
  units: AdministrativeUnit[] | undefined;
  unitsSrc: string;
}

/**
 * The host's units, given or fetched from `unitsSrc` (the request is dropped on disconnect),
 * indexed by code; the index is rebuilt only when the list changes.
 */
export class UnitsController implements ReactiveController {
  readonly #host: UnitsHost;
  readonly #task: Task<readonly [string], AdministrativeUnit[] | undefined>;
  #indexFor: readonly AdministrativeUnit[] | undefined;
  #index = unitIndex(undefined);

  constructor(host: UnitsHost) {
    this.#host = host;
    host.addController(this);
    this.#task = new Task(host, {
      task: async ([src], { signal }) => (src ? fetchUnits(src, { signal }) : undefined),
      args: () => [host.units ? '' : host.unitsSrc] as const,
    });
  }

  /** Units by code (empty while none are known). */
  index(): Map<string, AdministrativeUnit> {
    const list = this.#host.units ?? this.#task.value;
    if (list !== this.#indexFor) {
      this.#indexFor = list;
      this.#index = unitIndex(list);
    }
    return this.#index;
  }

  hostDisconnected(): void {
    this.#task.abort();
  }
}

/**
 * Makes `task` the host's main request: aborted when the host disconnects mid-request, and run
 * again when it comes back. Returns the task.
 */
export function rerunOnReconnect<A extends ReadonlyArray<unknown>, R>(host: ReactiveControllerHost, task: Task<A, R>): Task<A, R> {
  host.addController(new RerunOnReconnect(task));
  return task;
}

class RerunOnReconnect<A extends ReadonlyArray<unknown>, R> implements ReactiveController {
  #abortedByDisconnect = false;

  constructor(readonly task: Task<A, R>) {}

  hostConnected(): void {
    if (this.#abortedByDisconnect) {
      this.#abortedByDisconnect = false;
      void this.task.run();
    }
  }

  hostDisconnected(): void {
    if (this.task.status === TaskStatus.PENDING) {
      this.#abortedByDisconnect = true;
      this.task.abort();
    }
  }
}
