/** Per-text debounce of camera reads (pure; used by <ck-scanner>, tested in Node). */

/**
 * Per-text debounce: a text is fresh unless it was seen within `windowMs`. Every sighting
 * extends the window, so a code held in view does not re-fire every few seconds, and codes
 * read together are each let through once.
 */
export class TextDebouncer {
  #seen = new Map<string, number>();

  fresh(texts: readonly string[], now: number, windowMs: number): string[] {
    const out: string[] = [];
    for (const text of texts) {
      const last = this.#seen.get(text);
      if (last === undefined || now - last >= windowMs) out.push(text);
      this.#seen.set(text, now);
    }
    // Forget texts out of the window, so the map stays as small as what is in view.
    for (const [text, at] of this.#seen) if (now - at >= windowMs && !texts.includes(text)) this.#seen.delete(text);
    return out;
  }

  clear(): void {
    this.#seen.clear();
  }
}
