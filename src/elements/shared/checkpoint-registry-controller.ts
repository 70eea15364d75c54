// The checkpoint registry a portal view names checkpoints with: given as a list or loaded once
// from `{api-base}/checkpoints`. A registry that cannot be loaded leaves the ids showing.
import type { ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { fetchCheckpoints, type CheckpointInfo } from '../../api/checkpoints';

export interface RegistryHost extends ReactiveControllerHost {
  apiBase: string;
  checkpoints: CheckpointInfo[] | undefined;
}

export class CheckpointRegistryController {
  readonly #host: RegistryHost;
  readonly #task: Task<readonly [string, boolean], CheckpointInfo[] | undefined>;
  #index = new Map<string, CheckpointInfo>();
  #indexed: readonly CheckpointInfo[] | undefined;

  /** `wanted()` says whether the host needs names now (no request before something is shown). */
  constructor(host: RegistryHost, wanted: () => boolean) {
    this.#host = host;
    this.#task = new Task(host, {
      task: async ([apiBase, want], { signal }) => (apiBase && want ? fetchCheckpoints(apiBase, { signal }) : undefined),
      args: () => [host.checkpoints ? '' : host.apiBase, wanted()] as const,
    });
  }

  /** The registry in use (given or loaded; empty while none). */
  get list(): readonly CheckpointInfo[] {
    return this.#host.checkpoints ?? this.#task.value ?? [];
  }

  get(id: string): CheckpointInfo | undefined {
    const list = this.list;
    if (list !== this.#indexed) {
      this.#indexed = list;
      this.#index = new Map(list.map((c) => [c.id, c]));
    }
    return this.#index.get(id);
  }
}
