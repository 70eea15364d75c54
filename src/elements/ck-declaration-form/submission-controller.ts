// The form's submissions: enqueues a validated declaration in the outbox, watches this form's
// outbox entries (here, in another tab, or after a reload), hands each issued pass to the page
// exactly once and shows refusals on their fields. Owns the outbox sender and the live query and
// frees them on disconnect (through their own controllers).

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Declaration } from '../../core/declaration';
import type { CitizenDb, OutboxEntry } from '../../store/citizen-db';
import { toStoreError, type StoreError } from '../../store/errors';
import { cancelDeclaration, enqueueDeclaration, takeIssuedDeclaration, watchFormSubmissions } from '../../store/outbox';
import type { FlushOutcome } from '../../sync/declaration-sender';
import { LiveQueryController } from '../shared/live-query-controller';
import type { FormMessages } from './ck-declaration-form.messages';
import type { DraftController } from './controllers';
import { SenderController } from './controllers';
import type { DeclarationErrorDetail, DeclarationSubmitDetail, PassIssuedDetail } from './form-events';
import { failureKey, issuedNotice, outcomeFailure, sameSubmission, serverFieldErrors, storageFailure, type ServerErrors } from './submission-model';
import { pendingSubmission } from './view-model';

export type Notice = { kind: 'info' | 'error' | 'success'; text: string };

export interface SubmissionControllerOptions {
  db: () => CitizenDb;
  formId: () => string;
  apiBase: () => string;
  msg: () => FormMessages;
  drafts: DraftController;
  /** The declarations to send (the declarant's first), or undefined after showing what is wrong. */
  validate: () => Promise<Declaration[] | undefined>;
  /** A new attempt starts (before the submit event). */
  onAttempt: () => void;
  setNotice: (notice: Notice | undefined) => void;
  /** The pass of this declaration was issued: start afresh (the draft is already gone). */
  onIssued: (declaration: Declaration, notice: Notice) => void;
  /** The server refused some fields. */
  onFieldErrors: (errors: ServerErrors) => void;
}

export class SubmissionController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #options: SubmissionControllerOptions;
  #sender: SenderController;
  #submissions: LiveQueryController<OutboxEntry[]>;
  #delivering = new Set<string>();
  #appliedFailures = new Set<string>();
  #seen: OutboxEntry[] | undefined;
  #key = '';
  #connected = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: SubmissionControllerOptions) {
    this.#host = host;
    this.#options = options;
    this.#sender = new SenderController(host, {
      db: options.db,
      onOutcome: (outcome) => this.#onOutcome(outcome),
      onError: (error) => this.storageFailed(error),
    });
    this.#submissions = new LiveQueryController<OutboxEntry[]>(host);
    host.addController(this);
  }

  /** This form's outbox entries, oldest first (undefined until the first result). */
  get submissions(): OutboxEntry[] | undefined {
    return this.#submissions.value;
  }

  get online(): boolean {
    return this.#sender.online;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#watch();
  }

  hostDisconnected(): void {
    this.#connected = false;
  }

  hostUpdate(): void {
    // Another form id or database: watch its submissions instead (results of the old query are dropped).
    if (this.#connected && this.#target() !== this.#key) this.#watch();
    if (this.#submissions.value !== this.#seen) {
      // The outbox changed (here, in another tab, or after a reload): deliver, apply, re-arm.
      this.#seen = this.#submissions.value;
      for (const entry of this.#seen ?? []) {
        if (entry.state === 'sent') void this.#deliver(entry.id);
        else if (entry.state === 'failed') this.#applyServerFailure(entry);
      }
      void this.#sender.schedule();
    }
  }

  #target(): string {
    return `${this.#options.db().name}\u0000${this.#options.formId()}`;
  }

  #watch(): void {
    const db = this.#options.db();
    const formId = this.#options.formId();
    this.#key = this.#target();
    this.#submissions.setQuery(() => watchFormSubmissions(db, formId));
  }

  /** Validates and submits. Resolves when the attempt is settled. */
  async submit(): Promise<void> {
    const { drafts, msg } = this.#options;
    await drafts.flush();
    const declarations = await this.#options.validate();
    const declaration = declarations?.[0];
    if (!declarations || !declaration) return;
    const group = declarations.length > 1 ? declarations : undefined;
    this.#options.onAttempt();
    const proceed = this.#host.dispatchEvent(
      new CustomEvent<DeclarationSubmitDetail>('ck-declaration-submit', {
        detail: { declaration, formId: this.#options.formId(), ...(group && { group }) },
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
    if (!proceed) return; // the portal took over
    const apiBase = this.#options.apiBase();
    if (!apiBase) {
      this.fail({ code: 'no-api-base', message: msg().noApiBase, retryable: false, queued: false });
      return;
    }
    const db = this.#options.db();
    const pending = pendingSubmission(this.#submissions.value);
    if (pending) {
      // One submission per form in flight. Same declaration: just try again now. A changed one
      // replaces a submission that is only waiting; one being sent must finish first.
      if (sameSubmission(pending, declarations)) return this.#sender.flush({ force: true });
      if (pending.state === 'sending' || !(await cancelDeclaration(db, pending.id).catch(() => false))) {
        this.#options.setNotice({ kind: 'info', text: msg().pendingElsewhere });
        return;
      }
    }
    try {
      await enqueueDeclaration(db, { formId: this.#options.formId(), apiBase, declaration, ...(group && { group }) });
    } catch (error) {
      this.storageFailed(toStoreError(error));
      return;
    }
    this.#options.setNotice(undefined);
    await this.#sender.flush({ force: true });
  }

  /** Sends what waits now (the "send now" button). */
  sendNow(): Promise<void> {
    return this.#sender.flush({ force: true });
  }

  /** Withdraws the submission waiting, if any. */
  async cancelPending(): Promise<void> {
    const pending = pendingSubmission(this.#submissions.value);
    if (pending) await cancelDeclaration(this.#options.db(), pending.id).catch((error: unknown) => this.storageFailed(toStoreError(error)));
  }

  fail(detail: DeclarationErrorDetail): void {
    if (!detail.queued) this.#options.setNotice({ kind: 'error', text: detail.message });
    this.#host.dispatchEvent(new CustomEvent<DeclarationErrorDetail>('ck-declaration-error', { detail, bubbles: true, composed: true }));
  }

  storageFailed(error: StoreError): void {
    this.fail(storageFailure(error, this.#options.msg()));
  }

  #onOutcome(outcome: FlushOutcome): void {
    // Outcomes of another form's submissions (a shared outbox) are not this form's to report.
    if (outcome.entry.formId !== this.#options.formId()) return;
    if (outcome.outcome === 'sent') void this.#deliver(outcome.entry.id);
    else {
      const failure = outcomeFailure(outcome, this.#options.msg());
      if (failure) this.fail(failure);
    }
  }

  /**
   * Hands an issued pass to the page exactly once (another tab may take it first). Once taken
   * from the outbox the pass is delivered even if the form changed meanwhile: it exists nowhere else.
   */
  async #deliver(id: string): Promise<void> {
    if (this.#delivering.has(id)) return;
    this.#delivering.add(id);
    try {
      const entry = await takeIssuedDeclaration(this.#options.db(), id);
      if (!entry?.result) return;
      const { qrText, passId, passes } = entry.result;
      await this.#options.drafts.clear().catch((error: unknown) => this.storageFailed(toStoreError(error)));
      this.#options.onIssued(entry.declaration, { kind: 'success', text: issuedNotice(entry.result, this.#options.msg()) });
      const detail: PassIssuedDetail = { qrText, passId, ...(passes && { passes }) };
      this.#host.dispatchEvent(new CustomEvent<PassIssuedDetail>('ck-pass-issued', { detail, bubbles: true, composed: true }));
    } catch (error) {
      this.storageFailed(toStoreError(error));
    } finally {
      this.#delivering.delete(id);
    }
  }

  #applyServerFailure(entry: OutboxEntry): void {
    const key = failureKey(entry);
    if (this.#appliedFailures.has(key)) return;
    this.#appliedFailures.add(key);
    if (entry.fieldErrors?.length) this.#options.onFieldErrors(serverFieldErrors(entry.fieldErrors));
  }
}
