import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long a download's object URL stays alive after the click (the browser reads it meanwhile). */
const REVOKE_AFTER_MS = 30_000;

/**
 * Saves text as a file through a Blob URL and a transient `a[download]` (no server round trip,
 * works offline and under a strict CSP). Owns the object URLs and their revoke timers; frees
 * both when the host disconnects.
 */
export class DownloadController implements ReactiveController {
  #pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Starts a download of `text` as `filename`. */
  save(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.rel = 'noopener';
    link.click();
    // Revoking at once can cancel the download in some browsers; wait a little.
    this.#pending.set(url, setTimeout(() => this.#revoke(url), REVOKE_AFTER_MS));
  }

  hostDisconnected(): void {
    for (const url of [...this.#pending.keys()]) this.#revoke(url);
  }

  #revoke(url: string): void {
    clearTimeout(this.#pending.get(url));
    this.#pending.delete(url);
    URL.revokeObjectURL(url);
  }
}

/** A file name part made of safe characters only (ids from the server are checked, but be sure). */
export function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64) || 'export';
}
