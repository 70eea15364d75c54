import type { ReactiveController, ReactiveControllerHost } from 'lit';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Splits a non-negative duration into whole days, hours, minutes and seconds (rounded down). */
export function splitDuration(ms: number): DurationParts {
  const total = Math.max(0, Math.floor(ms / SECOND));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/** True when a countdown of this length is shown to the second (else to the minute). */
export function showsSeconds(remainingMs: number): boolean {
  return remainingMs < HOUR;
}

/**
 * Counts down to `target` (epoch ms) and re-renders the host each time the displayed value
 * changes: every minute while more than an hour is left, every second in the last hour, and
 * once more exactly at expiry. Owns its timer and a visibility listener (timers in hidden tabs
 * are throttled, so it re-syncs on return); both are freed on disconnect.
 */
export class CountdownController implements ReactiveController {
  #host: ReactiveControllerHost;
  #now: () => number;
  #target: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #connected = false;
  #onVisibility = (): void => {
    if (document.visibilityState === 'visible') this.#tick();
  };

  constructor(host: ReactiveControllerHost, options: { now?: () => number } = {}) {
    this.#host = host;
    this.#now = options.now ?? Date.now;
    host.addController(this);
  }

  /** The moment counted down to, in epoch ms; undefined stops the countdown. */
  get target(): number | undefined {
    return this.#target;
  }

  set target(value: number | undefined) {
    if (value === this.#target) return;
    this.#target = value;
    if (this.#connected) this.#schedule();
  }

  /** Milliseconds left (never negative), or undefined without a target. */
  get remainingMs(): number | undefined {
    return this.#target === undefined ? undefined : Math.max(0, this.#target - this.#now());
  }

  get expired(): boolean {
    return this.#target !== undefined && this.#now() >= this.#target;
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#schedule();
  }

  hostDisconnected(): void {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    this.#host.requestUpdate();
    this.#schedule();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const remaining = this.remainingMs;
    if (remaining === undefined || remaining <= 0) return;
    // Wake when the shown value changes: at the next whole minute/second of the remaining time.
    // The shown value is rounded down, so it changes just after the remaining time crosses a
    // whole second (minute); minute steps never overshoot the switch to seconds at one hour.
    const delay = showsSeconds(remaining)
      ? (remaining % SECOND) + 1
      : Math.min((remaining % MINUTE) + 1, remaining - HOUR + 1);
    // delay ≤ remaining + 1, so the last wake-up lands just past the target: one render shows expiry.
    this.#timer = setTimeout(() => this.#tick(), delay);
  }
}
