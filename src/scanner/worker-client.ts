/**
 * Owns one comlink-wrapped module worker: calls pending when it is closed reject with a coded
 * error instead of hanging forever (a terminated worker never answers).
 */
import * as Comlink from 'comlink';
import { ScannerError } from './errors';

export class WorkerClient<T> {
  readonly remote: Comlink.Remote<T>;
  #worker: Worker;
  #closed = false;
  #rejectors = new Set<(error: Error) => void>();

  constructor(worker: Worker) {
    this.#worker = worker;
    this.remote = Comlink.wrap<T>(worker);
    // A worker script that fails to load or throws at top level surfaces here.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#failAll(new ScannerError('decoder-load-failed', `worker failed: ${event.message || 'could not load'}`));
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Runs a call on the worker; rejects with `decoder-closed` if the worker is closed first. */
  call<R>(run: (remote: Comlink.Remote<T>) => Promise<R>): Promise<R> {
    if (this.#closed) return Promise.reject(new ScannerError('decoder-closed', 'the worker was closed'));
    return new Promise<R>((resolve, reject) => {
      const settle = (error: Error) => reject(error);
      this.#rejectors.add(settle);
      run(this.remote).then(
        (value) => {
          this.#rejectors.delete(settle);
          resolve(value);
        },
        (error: unknown) => {
          this.#rejectors.delete(settle);
          reject(error);
        },
      );
    });
  }

  #failAll(error: Error): void {
    for (const reject of this.#rejectors) reject(error);
    this.#rejectors.clear();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.remote[Comlink.releaseProxy]();
    this.#worker.terminate();
    this.#failAll(new ScannerError('decoder-closed', 'the worker was closed'));
  }
}
