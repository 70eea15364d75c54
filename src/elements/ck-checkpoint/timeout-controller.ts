// One restartable timeout owned by the host: cleared on disconnect, so a closed kiosk screen
// never runs a late callback.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class TimeoutController implements ReactiveController {
  readonly #callback: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, callback: () => void) {
    this.#callback = callback;
    host.addController(this);
  }

  /** (Re)starts the countdown; a non-positive or infinite delay just cancels it. */
  restart(delayMs: number): void {
    this.cancel();
    if (!(delayMs > 0) || !Number.isFinite(delayMs)) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#callback();
    }, delayMs);
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
  }
}
