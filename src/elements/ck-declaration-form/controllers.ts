// Controllers owning the form's long-lived resources: the draft autosaver with its page-hide
// listeners, and the outbox sender with its online/visibility listeners and back-off timer.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CitizenDb, DraftValues } from '../../store/citizen-db';
import { createDraftAutosaver, loadDraft, deleteDraft, type DraftAutosaver } from '../../store/drafts';
import type { StoreError } from '../../store/errors';
import { toStoreError } from '../../store/errors';
import { nextDeclarationDueAt } from '../../store/outbox';
import { flushDeclarations, type FlushOutcome } from '../../sync/declaration-sender';

export interface DraftControllerOptions {
  db: () => CitizenDb;
  formId: () => string;
  /** Called before switching to another form id or database (after flushing the old draft). */
  onRetarget: () => void;
  /** The draft as stored (undefined when there is none), once per connect / form change. */
  onLoaded: (values: DraftValues | undefined) => void;
  onSaved: (at: number) => void;
  onError: (error: StoreError) => void;
}

/**
 * Loads the draft on connect and saves changes debounced; flushes pending changes when the page
 * is hidden or left (the last moment a write is reliable) and on disconnect.
 */
export class DraftController implements ReactiveController {
  #options: DraftControllerOptions;
  #autosaver: DraftAutosaver | undefined;
  #key = '';
  #generation = 0;
  #flushOnHide = (): void => {
    if (document.visibilityState === 'hidden') void this.flush();
  };
  #flushOnPageHide = (): void => void this.flush();

  constructor(host: ReactiveControllerHost, options: DraftControllerOptions) {
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#flushOnHide);
    window.addEventListener('pagehide', this.#flushOnPageHide);
    this.#open();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#flushOnHide);
    window.removeEventListener('pagehide', this.#flushOnPageHide);
    void this.flush();
    this.#generation++;
  }

  /** Re-targets the draft when the form id or database changed (flushing the old one first). */
  hostUpdate(): void {
    const key = `${this.#options.db().name}\u0000${this.#options.formId()}`;
    if (this.#autosaver && key !== this.#key) {
      void this.flush();
      this.#options.onRetarget();
      this.#open();
    }
  }

  #open(): void {
    const db = this.#options.db();
    const formId = this.#options.formId();
    this.#key = `${db.name}\u0000${formId}`;
    this.#autosaver = createDraftAutosaver(db, formId, { onError: this.#options.onError, onSaved: this.#options.onSaved });
    const generation = ++this.#generation;
    loadDraft(db, formId).then(
      (draft) => {
        if (generation === this.#generation) this.#options.onLoaded(draft?.values);
      },
      (error: unknown) => {
        if (generation !== this.#generation) return;
        this.#options.onError(toStoreError(error));
        this.#options.onLoaded(undefined);
      },
    );
  }

  schedule(values: DraftValues): void {
    this.#autosaver?.schedule(values);
  }

  flush(): Promise<void> {
    return this.#autosaver?.flush() ?? Promise.resolve();
  }

  /** Forgets the draft (after the pass was issued). */
  async clear(): Promise<void> {
    this.#autosaver?.cancel();
    await deleteDraft(this.#options.db(), this.#options.formId());
  }
}

export interface SenderControllerOptions {
  db: () => CitizenDb;
  onOutcome: (outcome: FlushOutcome) => void;
  onError: (error: StoreError) => void;
}

/**
 * Drives the outbox: sends when asked, when the browser comes back online, when the page becomes
 * visible, and when the earliest back-off expires. Flushes are coalesced (one at a time; a
 * request during a flush runs one more afterwards). Disconnect aborts the request in flight —
 * the entry returns to 'waiting' and is resent later with the same idempotency key.
 */
export class SenderController implements ReactiveController {
  #host: ReactiveControllerHost;
  #options: SenderControllerOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;
  #running: Promise<void> | undefined;
  #again: { force: boolean } | undefined;
  #connected = false;
  /** navigator.onLine as last seen (re-rendered on change: the status text depends on it). */
  online = true;

  #onOnline = (): void => {
    this.online = true;
    this.#host.requestUpdate();
    void this.flush({ force: true });
  };
  #onOffline = (): void => {
    this.online = false;
    this.#host.requestUpdate();
  };
  #onVisible = (): void => {
    if (document.visibilityState === 'visible') void this.flush();
  };

  constructor(host: ReactiveControllerHost, options: SenderControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.online = navigator.onLine;
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    document.addEventListener('visibilitychange', this.#onVisible);
    void this.flush(); // submissions left by an earlier visit
  }

  hostDisconnected(): void {
    this.#connected = false;
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    document.removeEventListener('visibilitychange', this.#onVisible);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
  }

  /** Sends what is due (everything with `force`). Offline, it only re-arms the timer. */
  flush(options: { force?: boolean } = {}): Promise<void> {
    if (!this.#connected) return Promise.resolve();
    if (this.#running) {
      this.#again = { force: Boolean(this.#again?.force || options.force) };
      return this.#running;
    }
    this.#running = this.#run(Boolean(options.force)).finally(() => {
      this.#running = undefined;
      const again = this.#again;
      this.#again = undefined;
      if (again && this.#connected) void this.flush(again);
      else void this.schedule();
    });
    return this.#running;
  }

  async #run(force: boolean): Promise<void> {
    if (!navigator.onLine) return;
    this.#abort = new AbortController();
    try {
      await flushDeclarations(this.#options.db(), { force, signal: this.#abort.signal, onOutcome: this.#options.onOutcome });
    } catch (error) {
      this.#options.onError(toStoreError(error));
    } finally {
      this.#abort = undefined;
    }
  }

  /** Arms the timer for the earliest waiting submission's back-off. */
  async schedule(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#connected) return;
    let due: number | undefined;
    try {
      due = await nextDeclarationDueAt(this.#options.db());
    } catch {
      return; // the next trigger (online, visibility, submit) tries again
    }
    if (due === undefined || !this.#connected) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), Math.min(Math.max(0, due - Date.now()), 10 * 60_000));
  }
}
