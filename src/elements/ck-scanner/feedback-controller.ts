import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A short beep (WebAudio) and a vibration for a genuine new read. A valid pass gets one high
 * tone, anything else two low ones, so the officer hears the difference without looking.
 * Owns its AudioContext and closes it when the host disconnects.
 */
export class FeedbackController implements ReactiveController {
  #audio: AudioContext | undefined;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Creating/resuming the context inside a user gesture lets later beeps play. */
  prime(): void {
    try {
      this.#audio ??= new AudioContext();
      if (this.#audio.state === 'suspended') void this.#audio.resume();
    } catch {
      this.#audio = undefined;
    }
  }

  signal(ok: boolean): void {
    if (typeof navigator.vibrate === 'function') navigator.vibrate(ok ? 80 : [60, 60, 60]);
    this.prime();
    const ctx = this.#audio;
    if (!ctx) return;
    const tones = ok ? [{ at: 0, f: 1320 }] : [{ at: 0, f: 440 }, { at: 0.14, f: 440 }];
    for (const { at, f } of tones) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const t = ctx.currentTime + at;
      osc.frequency.value = f;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.2, t + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.1);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.11);
    }
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    void this.#audio?.close().catch(() => undefined);
    this.#audio = undefined;
  }
}
