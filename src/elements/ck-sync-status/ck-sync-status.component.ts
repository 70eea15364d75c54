import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { manualCode } from '../../core/manual-code';
import type { TrustAcknowledgement } from '../../core/trust-acknowledgement';
import type { KioskStore } from '../../store/kiosk/kiosk-store';
import type { StoredPassage } from '../../store/kiosk/db';
import type { SyncOutcome, SyncStatus } from '../../sync/sync-engine';
import { LocalizeController } from '../shared/localize';
import { formatAgo, formatDuration, formatTime } from './format';
import { describeSyncError, messages, type SyncStatusMessages } from './ck-sync-status.messages';
import { SyncStatusController, type SyncSource } from './sync-status-controller';
import { TickController } from './tick-controller';
import styles from './ck-sync-status.styles';

/** The part of a KioskStore used to list and resend quarantined passages. */
export type QuarantineSource = Pick<KioskStore, 'quarantined' | 'requeue'>;

const QUARANTINE_LIST_LIMIT = 200;

/**
 * What a kiosk officer needs to know about sync, at a glance: online or offline, passages
 * waiting to be sent, passages the server refused (with its reason, on demand), the last
 * successful sync, how old the trust data is (warning when stale or refused), the device clock
 * against the server's, and a "sync now" button with progress. It shows a SyncEngine it is
 * given and creates nothing itself.
 *
 * @csspart panel - The whole box.
 * @csspart facts - The list of status facts.
 * @csspart connection - Online/offline.
 * @csspart pending - Passages waiting to be sent.
 * @csspart quarantined - Passages refused by the server.
 * @csspart warning - A warning line (stale trust, stale trust acknowledged by the officer, clock skew, last error, chain alarm, missing records).
 * @csspart alarm - A chain alarm: this kiosk's own records missing or changed (also a `warning`).
 * @csspart sync-button - The "sync now" button.
 * @csspart progress - The progress bar of a sync in progress.
 * @csspart quarantine - The list of refused passages.
 *
 * @cssprop --ck-color-surface - Background of the box.
 * @cssprop --ck-color-border - Border of the box and table rules.
 * @cssprop --ck-color-accent - Buttons, progress and focus.
 * @cssprop --ck-color-success - The online mark.
 * @cssprop --ck-color-danger - Offline and refused marks.
 * @cssprop --ck-color-warning - Warning lines.
 * @cssprop --ck-target-size - Minimum touch target (default 44px).
 */
export class CkSyncStatus extends LitElement {
  static override styles = styles;

  /** The SyncEngine to show and drive (or anything with its `subscribe` and `syncNow`). */
  @property({ attribute: false }) engine: SyncSource | undefined;

  /** The kiosk store, to list passages the server refused and send them again. */
  @property({ attribute: false }) store: QuarantineSource | undefined;

  /** The officer's acknowledgement of stale trust in force, shown as a warning (set by `<ck-checkpoint>`). */
  @property({ attribute: false }) trustAcknowledgement: TrustAcknowledgement | undefined;

  /** Trust data older than this many hours is flagged stale (match the engine's setting). */
  @property({ type: Number, attribute: 'trust-max-age-hours' }) trustMaxAgeHours = 48;

  @state() private _open = false;
  @state() private _quarantine: StoredPassage[] | null = null;
  @state() private _outcome: { text: string; failed: boolean } | null = null;
  @state() private _requesting = false;

  readonly #l10n = new LocalizeController<SyncStatusMessages>(this, messages);
  readonly #status = new SyncStatusController(this, (status, previous) => {
    if (this._open && status.quarantined !== previous?.quarantined) void this.#loadQuarantine();
  });
  /** Bumped when the engine or store changes: answers for the old ones are dropped. */
  #generation = 0;

  constructor() {
    super();
    new TickController(this);
  }

  /** The status last received from the engine. */
  get status(): SyncStatus | undefined {
    return this.#status.status;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('engine') || changed.has('store')) {
      this.#generation++;
      this.#status.source = this.engine;
      this._outcome = null;
      this._quarantine = null;
      if (this._open) void this.#loadQuarantine();
    }
  }

  /** Runs a sync now; resolves with the engine's outcome (also shown to the officer). */
  async syncNow(): Promise<SyncOutcome | undefined> {
    const engine = this.engine;
    if (!engine) return undefined;
    const generation = this.#generation;
    this._requesting = true;
    this._outcome = null;
    try {
      const outcome = await engine.syncNow();
      if (generation === this.#generation) this._outcome = this.#describeOutcome(outcome);
      return outcome;
    } finally {
      if (generation === this.#generation) this._requesting = false;
    }
  }

  #describeOutcome(outcome: SyncOutcome): { text: string; failed: boolean } {
    const m = this.#l10n.msg;
    switch (outcome.status) {
      case 'ok':
        return { text: m.outcome.ok(outcome.synced, outcome.quarantined), failed: false };
      case 'locked':
        return { text: m.outcome.locked, failed: false };
      case 'deferred':
        return { text: m.outcome.deferred(formatTime(outcome.until, this.#l10n.lang)), failed: true };
      default:
        return { text: m.outcome.error(describeSyncError(`${outcome.code}: ${outcome.message}`, m)), failed: true };
    }
  }

  async #loadQuarantine(): Promise<void> {
    const store = this.store;
    if (!store) return;
    const generation = this.#generation;
    try {
      const rows = await store.quarantined(QUARANTINE_LIST_LIMIT);
      if (generation === this.#generation) this._quarantine = rows;
    } catch (error) {
      console.error('ck-sync-status: quarantined passages could not be read', (error as Error).name);
    }
  }

  #toggleQuarantine(): void {
    this._open = !this._open;
    if (this._open) void this.#loadQuarantine();
  }

  async #requeue(): Promise<void> {
    const store = this.store;
    const rows = this._quarantine;
    if (!store || !rows?.length) return;
    const generation = this.#generation;
    const n = await store.requeue(rows.map((r) => r.id));
    if (generation !== this.#generation) return;
    this._outcome = { text: this.#l10n.msg.requeued(n), failed: false };
    await this.#loadQuarantine();
    void this.syncNow();
  }

  #clockLine(status: SyncStatus) {
    const m = this.#l10n.msg;
    const lang = this.#l10n.lang;
    if (status.clockSkewMs === null) return html`<li><span class="icon" aria-hidden="true">?</span>${m.clockUnknown}</li>`;
    const amount = formatDuration(status.clockSkewMs, lang);
    // Beyond the threshold the skew is a warning line of its own, not a fact.
    if (status.clockSkewExceeded) return nothing;
    return html`<li class="ok"><span class="icon" aria-hidden="true">✓</span>${m.clockSkewOk(amount)}</li>`;
  }

  protected override render() {
    const m = this.#l10n.msg;
    const lang = this.#l10n.lang;
    const status = this.#status.status;
    if (!this.engine || !status) {
      return html`<section part="panel" aria-label=${m.label}><p>${m.noEngine}</p></section>`;
    }
    const now = Date.now();
    const trustStale = status.trustAge !== null && status.trustAge > this.trustMaxAgeHours * 3600;
    const syncing = status.syncing || this._requesting;
    const progress = status.progress;
    return html`
      <section part="panel" aria-labelledby="title">
        <h2 id="title">${m.label}</h2>
        <ul part="facts">
          <li part="connection" class=${status.online ? 'ok' : 'bad'}>
            <span class="icon" aria-hidden="true">${status.online ? '●' : '○'}</span>${status.online ? m.online : m.offline}
          </li>
          <li part="pending" class=${status.pending > 0 ? 'pending' : 'ok'}>
            <span class="icon" aria-hidden="true">${status.pending > 0 ? '↻' : '✓'}</span><span data-count="pending">${m.pending(status.pending)}</span>
          </li>
          <li part="quarantined" class=${status.quarantined > 0 ? 'bad' : 'ok'}>
            <span class="icon" aria-hidden="true">${status.quarantined > 0 ? '✗' : '✓'}</span><span data-count="quarantined">${m.quarantined(status.quarantined)}</span>
            ${status.quarantined > 0 && this.store
              ? html`<button type="button" class="link" aria-expanded=${this._open ? 'true' : 'false'} aria-controls="quarantine" @click=${this.#toggleQuarantine}>
                  ${this._open ? m.hideQuarantine : m.showQuarantine}
                </button>`
              : nothing}
          </li>
          <li>
            ${status.lastSyncAt
              ? m.lastSync(formatTime(status.lastSyncAt, lang, now), formatAgo(now - Date.parse(status.lastSyncAt), lang))
              : m.neverSynced}
          </li>
          ${status.trustAge !== null && !trustStale
            ? html`<li class="ok"><span class="icon" aria-hidden="true">✓</span>${m.trustAge(formatAgo(status.trustAge * 1000, lang))}</li>`
            : nothing}
          ${this.#clockLine(status)}
        </ul>
        ${status.trustAge === null ? html`<p part="warning" class="warning danger" role="alert"><span class="icon" aria-hidden="true">⚠</span> ${m.trustNone}</p>` : nothing}
        ${trustStale
          ? html`<p part="warning" class="warning danger" role="alert" data-warning="stale-trust">
              <span class="icon" aria-hidden="true">⚠</span> ${m.trustStale(this.trustMaxAgeHours)} ${m.trustAge(formatAgo((status.trustAge ?? 0) * 1000, lang))}.
            </p>`
          : nothing}
        ${this.trustAcknowledgement
          ? html`<p part="warning" class="warning" data-warning="trust-acknowledged">
              <span class="icon" aria-hidden="true">⚠</span> ${m.trustAcknowledged(this.trustAcknowledgement.sequence, formatTime(this.trustAcknowledgement.acknowledgedAt, lang, now))}
            </p>`
          : nothing}
        ${(status.alarms ?? []).map((a) => html`<p part="warning alarm" class="warning danger" role="alert" data-warning="alarm" data-alarm=${a.code}>
            <span class="icon" aria-hidden="true">⚠</span> ${m.alarm(a.fromSeq, a.toSeq, a.reportedAt !== undefined)}
          </p>`)}
        ${status.serverMissing && status.serverMissing.length > 0
          ? html`<p part="warning" class="warning danger" data-warning="server-missing">
              <span class="icon" aria-hidden="true">⚠</span> ${m.serverMissing(status.serverMissing.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`)).join(', '))}
            </p>`
          : nothing}
        ${status.held ? html`<p part="warning" class="warning" data-warning="held"><span class="icon" aria-hidden="true">⚠</span> ${m.held(status.held)}</p>` : nothing}
        ${status.trustError ? html`<p part="warning" class="warning" data-warning="trust-refused"><span class="icon" aria-hidden="true">⚠</span> ${m.trustRefused}</p>` : nothing}
        ${status.clockSkewExceeded && status.clockSkewMs !== null
          ? html`<p part="warning" class="warning danger" role="alert" data-warning="clock-skew">
              <span class="icon" aria-hidden="true">⚠</span> ${m.clockSkew(formatDuration(status.clockSkewMs, lang), status.clockSkewMs < 0 /* server − device < 0: device ahead */)}
            </p>`
          : nothing}
        ${status.lastError && !syncing
          ? html`<p part="warning" class="warning" data-warning="last-error">
              <span class="icon" aria-hidden="true">⚠</span> ${m.lastError(describeSyncError(status.lastError, m))}.
              ${status.nextAttemptAt ? html` ${m.nextAttempt(formatTime(status.nextAttemptAt, lang, now))}.` : nothing}
            </p>`
          : nothing}
        <div class="actions">
          <button part="sync-button" type="button" class="button primary" ?disabled=${syncing} @click=${() => void this.syncNow()}>
            ${syncing ? m.syncing : m.syncNow}
          </button>
          ${syncing && progress && progress.total > 0
            ? html`<progress part="progress" max=${progress.total} .value=${progress.sent} aria-label=${m.progress(progress.sent, progress.total)}></progress>
                <span>${m.progress(progress.sent, progress.total)}</span>`
            : nothing}
          <p class="outcome" role="status">${this._outcome && !syncing ? this._outcome.text : ''}</p>
        </div>
        ${this._open && status.quarantined > 0 ? this.#renderQuarantine(m) : nothing}
      </section>
    `;
  }

  #renderQuarantine(m: SyncStatusMessages) {
    const lang = this.#l10n.lang;
    const rows = this._quarantine;
    return html`
      <div id="quarantine" part="quarantine" class="quarantine" role="region" aria-labelledby="quarantine-title">
        <h3 id="quarantine-title">${m.quarantineTitle}</h3>
        <p>${m.quarantineHint}</p>
        ${rows === null
          ? html`<p>${m.quarantineLoading}</p>`
          : rows.length === 0
            ? html`<p>${m.quarantineEmpty}</p>`
            : html`<div class="table-wrap">
                  <table>
                    <thead>
                      <tr><th scope="col">${m.columns.seq}</th><th scope="col">${m.columns.at}</th><th scope="col">${m.columns.pass}</th><th scope="col">${m.columns.direction}</th><th scope="col">${m.columns.reason}</th></tr>
                    </thead>
                    <tbody>
                      ${rows.map(
                        (r) => html`<tr data-id=${r.id}>
                          <td>${r.seq}</td>
                          <td>${formatTime(r.at, lang)}</td>
                          <td><code>${r.passId !== undefined ? manualCode(r.passId) : m.manual(r.manualCode)}</code></td>
                          <td>${m.direction[r.direction]}</td>
                          <td class="reason">${r.quarantineReason ?? ''}</td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>
                <div><button type="button" class="button" @click=${() => void this.#requeue()}>${m.requeue}</button></div>`}
      </div>
    `;
  }
}
