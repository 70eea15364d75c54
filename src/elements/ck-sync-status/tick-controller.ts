// Re-renders the host every `periodMs` while connected and visible, so "3 minutes ago" and
// trust-age wording stay true without any other trigger.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class TickController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #periodMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #onVisibility = (): void => {
    if (document.visibilityState === 'visible') this.#host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost, periodMs = 15_000) {
    this.#host = host;
    this.#periodMs = periodMs;
    host.addController(this);
  }

  hostConnected(): void {
    this.#timer = setInterval(() => {
      if (document.visibilityState === 'visible') this.#host.requestUpdate();
    }, this.#periodMs);
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }
}
