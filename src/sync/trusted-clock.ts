// The kiosk's trusted clock. Validity (nbf/exp), trust age and the re-scan window are judged on
// it, never on the bare device clock, which anyone at the checkpoint can set back.
//
// - Anchored to the last server time, then advanced by monotonic elapsed time (performance.now
//   does not move when the device clock is changed), so a clock set back while the page runs
//   changes nothing.
// - Across a reload the monotonic clock restarts: the persisted anchor is applied to the device
//   clock once, and the result is never earlier than the persisted floor (the latest trusted
//   time this device has seen, including its newest recorded passage). A clock set back while
//   the kiosk was closed therefore cannot take validity back past what was already seen.
// - When the device clock and the trusted clock disagree by more than the threshold, the reading
//   says so (the passage is flagged and the officer told).
// No DOM, no storage: the sync engine persists `snapshot()` and feeds `restore()`.

export const DEFAULT_CLOCK_THRESHOLD_MS = 2 * 60_000;
/** Assumed worst drift of a device's quartz clock, parts per million (≈ 8.6 s a day). */
export const DEFAULT_DRIFT_PPM = 100;

export interface ClockSnapshot {
  /** Server time (ms) at the last measurement, or null: never measured. */
  readonly serverMs: number | null;
  /** Device time (ms) at that measurement. */
  readonly deviceMs: number | null;
  /** Latest trusted time (ms) seen on this device. */
  readonly floorMs: number;
}

export interface ClockReading {
  /** Trusted time, ms since the epoch. */
  readonly now: number;
  /** Device clock at the same moment. */
  readonly deviceNow: number;
  /** Trusted minus device time, ms. */
  readonly skewMs: number;
  /** |skewMs| beyond the threshold: the device clock is wrong; validity uses the trusted one. */
  readonly exceeded: boolean;
  /**
   * Where the time comes from: 'server' (anchored to a server time in this session), 'restored'
   * (a saved anchor applied after a reload), 'device' (never measured: device clock, floored).
   */
  readonly source: 'server' | 'restored' | 'device';
  /** Time since the last server measurement (null: never). */
  readonly sinceServerMs: number | null;
  /** How far the anchor may have drifted since, at the assumed drift rate (null: never measured). */
  readonly driftMs: number | null;
}

export interface TrustedClockOptions {
  readonly device?: () => number;
  readonly monotonic?: () => number;
  readonly thresholdMs?: number;
  readonly driftPpm?: number;
}

export class TrustedClock {
  readonly #device: () => number;
  readonly #monotonic: () => number;
  readonly #thresholdMs: number;
  readonly #driftPpm: number;
  /** Trusted time at monotonic instant #baseMono. */
  #baseMs: number;
  #baseMono: number;
  #source: ClockReading['source'] = 'device';
  #serverMs: number | null = null;
  #deviceMs: number | null = null;
  #floorMs = 0;

  constructor(options: TrustedClockOptions = {}) {
    this.#device = options.device ?? Date.now;
    this.#monotonic = options.monotonic ?? (() => performance.now());
    this.#thresholdMs = options.thresholdMs ?? DEFAULT_CLOCK_THRESHOLD_MS;
    this.#driftPpm = options.driftPpm ?? DEFAULT_DRIFT_PPM;
    this.#baseMs = this.#device();
    this.#baseMono = this.#monotonic();
  }

  /** Applies a persisted snapshot (after a reload). A server anchor taken since is kept. */
  restore(snapshot: ClockSnapshot | undefined): void {
    if (!snapshot) return;
    if (Number.isFinite(snapshot.floorMs)) this.#floorMs = Math.max(this.#floorMs, snapshot.floorMs);
    if (this.#source === 'server') return;
    if (snapshot.serverMs !== null && snapshot.deviceMs !== null && Number.isFinite(snapshot.serverMs) && Number.isFinite(snapshot.deviceMs)) {
      this.#serverMs = snapshot.serverMs;
      this.#deviceMs = snapshot.deviceMs;
      this.#rebase(this.#device() + (snapshot.serverMs - snapshot.deviceMs));
      this.#source = 'restored';
    }
  }

  /** A server time measurement (server time now, ms), e.g. from a sync answer. */
  anchor(serverNowMs: number): void {
    if (!Number.isFinite(serverNowMs)) return;
    this.#serverMs = serverNowMs;
    this.#deviceMs = this.#device();
    this.#source = 'server';
    // A server time earlier than the floor is believed: the floor only guards the device clock.
    this.#baseMs = serverNowMs;
    this.#baseMono = this.#monotonic();
    this.#floorMs = Math.min(this.#floorMs, serverNowMs);
  }

  /** Raises the floor (a passage was recorded at this trusted time). */
  observe(trustedMs: number): void {
    if (Number.isFinite(trustedMs)) this.#floorMs = Math.max(this.#floorMs, trustedMs);
  }

  /** Trusted time now (ms). */
  now(): number {
    const t = Math.max(this.#baseMs + (this.#monotonic() - this.#baseMono), this.#floorMs);
    this.#floorMs = t;
    return t;
  }

  read(): ClockReading {
    const now = this.now();
    const deviceNow = this.#device();
    const skewMs = now - deviceNow;
    const sinceServerMs = this.#serverMs === null ? null : Math.max(0, now - this.#serverMs);
    return {
      now,
      deviceNow,
      skewMs,
      exceeded: Math.abs(skewMs) > this.#thresholdMs,
      source: this.#source,
      sinceServerMs,
      driftMs: sinceServerMs === null ? null : Math.round((sinceServerMs * this.#driftPpm) / 1e6),
    };
  }

  snapshot(): ClockSnapshot {
    return { serverMs: this.#serverMs, deviceMs: this.#deviceMs, floorMs: this.now() };
  }

  #rebase(trustedMs: number): void {
    this.#baseMs = Math.max(trustedMs, this.#floorMs);
    this.#baseMono = this.#monotonic();
  }
}
