// Controllers the portal views (ck-route, ck-ward-inbox) share: the administrative units they
// name wards with, and a main request that a disconnect cut off and a reconnect makes again.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { TaskStatus, type Task } from '@lit/task';
import { UnitCatalogueController, type UnitLookup, type UnitSourceHost } from './unit-catalogue-controller';

/** What the host offers: units given directly win over the URL of a units file. */
export type UnitsHost = UnitSourceHost;

/**
 * The host's units, given or loaded from `unitsSrc`: a per-province catalogue loads the
 * province of a ward code the first time a row asks for its name.
 */
export class UnitsController {
  readonly #units: UnitCatalogueController;

  constructor(host: UnitsHost) {
    this.#units = new UnitCatalogueController(host);
  }

  /** Units by code (names appear as their provinces load). */
  index(): UnitLookup {
    return this.#units.lookup;
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
