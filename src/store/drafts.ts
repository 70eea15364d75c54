// Form drafts: everything typed, saved as typed (never validated), so nothing is lost on a
// reload or a crash. The autosaver debounces keystrokes and can be flushed on page hide.

import type { CitizenDb, DraftRecord, DraftValues } from './citizen-db';
import { guard, toStoreError, type StoreError } from './errors';

export function loadDraft(db: CitizenDb, formId: string): Promise<DraftRecord | undefined> {
  return guard(() => db.drafts.get(formId));
}

export function saveDraft(db: CitizenDb, formId: string, values: DraftValues, now = Date.now()): Promise<void> {
  return guard(async () => {
    await db.drafts.put({ formId, values: structuredClone(values), updatedAt: now });
  });
}

export function deleteDraft(db: CitizenDb, formId: string): Promise<void> {
  return guard(() => db.drafts.delete(formId));
}

export interface DraftAutosaver {
  /** Remembers the latest values and writes them after `delayMs` of quiet. */
  schedule(values: DraftValues): void;
  /** Writes pending values now (page hide, disconnect, before submitting). */
  flush(): Promise<void>;
  /** Drops pending values without writing (after the draft was deliberately cleared). */
  cancel(): void;
  readonly pending: boolean;
}

/**
 * A debounced writer for one form's draft. Writes are serialised (a later flush waits for an
 * earlier write) so an old snapshot can never overwrite a newer one. Failures (e.g. quota) go
 * to `onError` and the values stay pending, to be retried by the next schedule/flush.
 */
export function createDraftAutosaver(
  db: CitizenDb,
  formId: string,
  options: { delayMs?: number; onError?: (error: StoreError) => void; onSaved?: (at: number) => void } = {},
): DraftAutosaver {
  const delayMs = options.delayMs ?? 400;
  let pendingValues: DraftValues | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const write = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    writing = writing.then(async () => {
      const values = pendingValues;
      if (values === undefined) return;
      pendingValues = undefined;
      const at = Date.now();
      try {
        await saveDraft(db, formId, values, at);
        options.onSaved?.(at);
      } catch (error) {
        pendingValues ??= values; // keep for the next attempt unless newer values arrived
        options.onError?.(toStoreError(error));
      }
    });
    return writing;
  };

  return {
    schedule(values) {
      pendingValues = values;
      clearTimeout(timer);
      timer = setTimeout(() => void write(), delayMs);
    },
    flush: write,
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pendingValues = undefined;
    },
    get pending() {
      return pendingValues !== undefined;
    },
  };
}
