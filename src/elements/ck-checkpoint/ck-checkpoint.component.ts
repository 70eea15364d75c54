import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { AdministrativeUnit } from '../../api/units';
import type { OfficerDecision, PassageDirection } from '../../core/passage-record';
import type { PublicJwks } from '../../core/trust-bundle';
import type { VerifyOptions } from '../../core/verify';
import { PROVINCES } from '../../core/vietnam';
import { KIOSK_DB_NAME, type StoredPassage } from '../../store/kiosk/db';
import type { KioskStore } from '../../store/kiosk/kiosk-store';
import type { SyncEngine, SyncStatus } from '../../sync/sync-engine';
import { currentAcknowledgement } from '../../core/trust-acknowledgement';
import { KioskSession, type PassageErrorDetail, type VehicleEntry } from '../../kiosk/session';
import { CkScanner, type CkManualCodeEvent, type CkScanEvent } from '../ck-scanner/ck-scanner.component';
import { CkSyncStatus } from '../ck-sync-status/ck-sync-status.component';
import { SyncStatusController } from '../ck-sync-status/sync-status-controller';
import { TickController } from '../ck-sync-status/tick-controller';
import { LocalizeController } from '../shared/localize';
import { UnitCatalogueController } from '../shared/unit-catalogue-controller';
import { fetchAnchorJwks } from './anchor';
import { KioskController } from './kiosk-controller';
import { problemBanners } from './problems-view';
import { resolveUnit } from './manual-units';
import { ShortcutController } from './shortcut-controller';
import { TimeoutController } from './timeout-controller';
import { announcementText, renderDetails, renderHeader, renderPerson, renderSummary, type View } from './verdict-view';
import { messages, type CheckpointMessages } from './ck-checkpoint.messages';
import styles from './ck-checkpoint.styles';

export type { EntryState, PassageErrorDetail, RouteUnits, VehicleEntry } from '../../kiosk/session';

export interface SyncDetail {
  pending: number;
  quarantined: number;
  lastSyncAt: string | null;
  /** The run's error as the engine reports it ("code: message"), or null after a success. */
  error: string | null;
}

export type CkPassageRecordedEvent = CustomEvent<StoredPassage>;
export type CkPassageErrorEvent = CustomEvent<PassageErrorDetail & { message: string }>;
export type CkSyncEvent = CustomEvent<SyncDetail>;
export type CkDirectionChangeEvent = CustomEvent<{ direction: PassageDirection }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-passage-recorded': CkPassageRecordedEvent;
    'ck-passage-error': CkPassageErrorEvent;
    'ck-sync': CkSyncEvent;
    'ck-direction-change': CkDirectionChangeEvent;
  }
}


/**
 * The officer's screen at a road checkpoint. It renders a `KioskSession` (src/kiosk/session.ts:
 * the vehicle's people, decisions and records) and composes `<ck-scanner>` with a verdict that
 * leads with the recommended action and why (CHO QUA / KIỂM TRA THÊM / KHÔNG CHO ĐI TIẾP — báo y
 * tế / KHÔNG HỢP LỆ, from the trust bundle's decision rules), the pass's validity and the ID-card
 * check (the chip card's QR read by the same camera, compared field by field: match / mismatch /
 * not on card, in words and icons) as supporting lines, then flags, health, route and validity,
 * the people in the vehicle, the decisions with keyboard shortcuts, and `<ck-sync-status>`.
 * Camera, recommendation and card check fit one screen (on a narrow screen the verdict overlays
 * the camera); targets are at least 48 px.
 *
 * Every scan is verified and recorded at once with the rules' decision; a changed decision, or a
 * changed card check, is a follow-up record with `amends`. Every passage of one vehicle carries
 * its random `vehicleGroupId`. A pass recorded by this device here in the same direction within
 * `rescan-seconds` is not recorded again until the officer decides ("already recorded here at
 * hh:mm"). A manual code is recorded only when the officer decides (wards typed by name or code).
 * Validity is judged on the kiosk's trusted clock. Records carry no name, ID number, date of birth
 * or ID-card data (only `idCheck`).
 *
 * Without `store`/`engine` properties it opens its own KioskStore (`store-name`) and, given
 * `api-base` and a trust anchor, runs its own SyncEngine while connected.
 *
 * @fires ck-passage-recorded - A passage was written durably: detail is the stored record.
 * @fires ck-passage-error - A passage could not be written: `{ code, message }` (code storage-full when the device is out of space).
 * @fires ck-sync - A sync run ended: `{ pending, quarantined, lastSyncAt, error }`.
 * @fires ck-direction-change - The officer switched direction: `{ direction }`.
 *
 * @slot scanner-help - Extra instructions shown under the camera view.
 *
 * @csspart base - The whole screen.
 * @csspart header - Checkpoint, officer, direction and "new vehicle".
 * @csspart problem - A configuration or data problem banner.
 * @csspart stale-trust - The stale-trust banner with its "continue with old trust data" action (also a `problem`).
 * @csspart scanner - The `<ck-scanner>`.
 * @csspart vehicle - The list of people in the vehicle.
 * @csspart verdict - The verdict of the selected person: recommendation, ID-card check, record, decisions (over the camera on a narrow screen).
 * @csspart status - The headline: the recommended action (icon and words), why, and the pass validity line.
 * @csspart checks - What the officer must check (risk area, health, earlier passages, trust, clock).
 * @csspart identity - The fields to compare with the ID card, each with the card's outcome (also `card-check`).
 * @csspart card-check - The same section as `identity`.
 * @csspart health - Health answers and test result.
 * @csspart details - Route, purpose, vehicle and validity.
 * @csspart record - Whether and when the passage was saved.
 * @csspart actions - The decision buttons.
 * @csspart decision-button - Each decision button.
 * @csspart shortcuts - The keyboard shortcut legend.
 * @csspart sync - The `<ck-sync-status>`.
 * @csspart scanner-viewport - The scanner's camera box (its `viewport` part; likewise `scanner-video`, `scanner-region`, `scanner-status`, `scanner-error`, `scanner-controls`, `scanner-fallback`).
 * @csspart sync-panel - The sync status box (its `panel` part; likewise `sync-warning`, `sync-button`, `sync-progress`, `sync-quarantine`).
 *
 * @cssprop --ck-color-fg - Text colour.
 * @cssprop --ck-color-bg - Panel background.
 * @cssprop --ck-color-surface - Background of secondary panels.
 * @cssprop --ck-color-border - Borders.
 * @cssprop --ck-color-accent - Buttons and focus.
 * @cssprop --ck-color-success - Valid status.
 * @cssprop --ck-color-danger - Invalid status and serious flags.
 * @cssprop --ck-color-warning - Flags and unverified status.
 * @cssprop --ck-checkpoint-status-size - Font size of the status words (default 2rem).
 * @cssprop --ck-checkpoint-identity-size - Font size of name, ID number and date of birth (default 1.6rem).
 * @cssprop --ck-target-size - Minimum touch target (default 48px, passed to the scanner and sync status).
 * @cssprop --ck-font-family - Font stack.
 */
export class CkCheckpoint extends LitElement {
  static override styles = styles;

  /**
   * Elements rendered inside, defined on first construction (Shoelace's pattern): a bundler
   * that drops side-effect-only imports cannot leave them undefined.
   */
  static readonly dependencies: Readonly<Record<string, CustomElementConstructor>> = { 'ck-scanner': CkScanner, 'ck-sync-status': CkSyncStatus };

  /** Checkpoint identifier written on every passage (letters, digits, `.`, `_`, `:`, `-`). */
  @property({ attribute: 'checkpoint-id', reflect: true }) checkpointId = '';
  /** Officer identifier written on every passage (an id, never a name). */
  @property({ attribute: 'officer-id', reflect: true }) officerId = '';
  /** Direction recorded for new scans. */
  @property({ reflect: true }) direction: PassageDirection = 'in';
  /** Base URL of the portal API; empty keeps passages on the device only. */
  @property({ attribute: 'api-base' }) apiBase = '';
  /** URL of the authority's trust-anchor JWKS (public keys that sign trust bundles). */
  @property({ attribute: 'trust-anchor-src' }) trustAnchorSrc = '';
  /** The trust anchor itself (takes precedence over `trust-anchor-src`). */
  @property({ attribute: false }) trustAnchor: PublicJwks | undefined;
  /** IndexedDB database of the kiosk. */
  @property({ attribute: 'store-name' }) storeName = KIOSK_DB_NAME;
  /** Label shown to portal administrators next to this device. */
  @property({ attribute: 'device-label' }) deviceLabel = '';
  /** A KioskStore managed by the page (then the element opens none). */
  @property({ attribute: false }) store: KioskStore | undefined;
  /** A SyncEngine managed by the page (then the element runs none). */
  @property({ attribute: false }) engine: SyncEngine | undefined;
  /** Administrative units, to show names instead of codes. */
  @property({ attribute: false }) units: AdministrativeUnit[] | undefined;
  /** URL of the administrative units: a catalogue index.json (docs/units.md; provinces load on demand) or a flat JSON array of `{ code, name, parentCode, level }`. */
  @property({ attribute: 'units-src' }) unitsSrc = '';
  /** Trust data older than this is stale (flagged, and `refer` is recorded). */
  @property({ type: Number, attribute: 'trust-max-age-hours' }) trustMaxAgeHours = 48;
  /** The same pass in the same direction here within this many seconds is not recorded again. */
  @property({ type: Number, attribute: 'rescan-seconds' }) rescanSeconds = 120;
  /** A passage of the same pass elsewhere or the other way within this many minutes is flagged. */
  @property({ type: Number, attribute: 'recent-minutes' }) recentMinutes = 10;
  /** The vehicle list is cleared after this many seconds without activity (0: never). */
  @property({ type: Number, attribute: 'vehicle-idle-seconds' }) vehicleIdleSeconds = 120;
  /** Take the keyboard shortcuts from the whole page, not only while focus is inside. */
  @property({ type: Boolean, attribute: 'global-shortcuts' }) globalShortcuts = false;
  /** Do not start the camera on connect. */
  @property({ type: Boolean, attribute: 'no-autostart' }) noAutostart = false;
  /** No beep or vibration on reads. */
  @property({ type: Boolean, reflect: true }) muted = false;

  @state() private _acknowledging = false;

  readonly #l10n = new LocalizeController<CheckpointMessages>(this, messages);
  readonly #kiosk = new KioskController(this, () => this.#session.settled);
  readonly #session: KioskSession = new KioskSession({
    ...this.#kiosk.sessionDeps({ apiBase: () => this.apiBase, online: () => this.#sync.status?.online ?? true }),
    settings: () => ({ checkpointId: this.checkpointId, officerId: this.officerId, direction: this.direction, rescanSeconds: this.rescanSeconds, recentMinutes: this.recentMinutes }),
    changed: () => this.requestUpdate(),
    recorded: (record) => this.dispatchEvent(new CustomEvent('ck-passage-recorded', { detail: record, bubbles: true, composed: true })),
    failed: (detail) => {
      const m = this.#l10n.msg;
      const message = detail.code === 'storage-full' ? m.storageFull : detail.code === 'invalid-passage' ? (detail.message ?? m.saveFailed) : m.saveFailed;
      this.dispatchEvent(new CustomEvent('ck-passage-error', { detail: { ...detail, message }, bubbles: true, composed: true }));
    },
  });
  readonly #sync = new SyncStatusController(this, (status, previous) => this.#onSyncStatus(status, previous));
  readonly #shortcuts = new ShortcutController(this, (key) => this.#onShortcut(key));
  readonly #idle = new TimeoutController(this, () => this.#onIdle());
  readonly #units = new UnitCatalogueController(this);

  readonly #anchorTask = new Task(this, {
    task: async ([src], { signal }) => (src ? fetchAnchorJwks(src, signal) : undefined),
    args: () => [this.trustAnchor ? '' : this.trustAnchorSrc] as const,
  });

  /**
   * Options for the verify worker. `now` is read at each verification (spread by the scanner):
   * validity is judged on the trusted clock (server-anchored, monotonic, never earlier than what
   * this device has seen), not on a device clock anyone can set back.
   */
  readonly #verifyOptions: Omit<VerifyOptions, 'lang'> = Object.defineProperty({}, 'now', {
    enumerable: true,
    get: () => new Date(this.#kiosk.clock.now()),
  });

  constructor() {
    super();
    for (const [tag, element] of Object.entries(CkCheckpoint.dependencies)) {
      if (!customElements.get(tag)) customElements.define(tag, element);
    }
    new TickController(this, 30_000);
  }

  /** The session this element renders: the vehicle's people, their decisions and records. */
  get session(): KioskSession {
    return this.#session;
  }

  /** The people of the vehicle being checked (in memory only). */
  get vehicle(): readonly VehicleEntry[] {
    return this.#session.vehicle;
  }

  /** The selected person (the last scanned, unless the officer picked another). */
  get selected(): VehicleEntry | undefined {
    return this.#session.selected;
  }

  /** The KioskStore in use (the page's or the element's own). */
  get kioskStore(): KioskStore | undefined {
    return this.#kiosk.store;
  }

  /** The SyncEngine in use (the page's or the element's own), if any. */
  get syncEngine(): SyncEngine | undefined {
    return this.#kiosk.engine;
  }

  /** Resolves when every scan and decision so far has been written (or has failed). */
  get settled(): Promise<void> {
    return this.#session.settled;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#shortcuts.global = this.globalShortcuts;
    const anchorPending = !this.trustAnchor && !!this.trustAnchorSrc && this.#anchorTask.value === undefined && this.#anchorTask.error === undefined;
    if (!anchorPending) {
      this.#kiosk.configure({
        storeName: this.storeName, apiBase: this.apiBase, checkpointId: this.checkpointId, deviceLabel: this.deviceLabel,
        trustAnchor: this.trustAnchor ?? this.#anchorTask.value, trustMaxAgeSeconds: this.trustMaxAgeHours * 3600, store: this.store, engine: this.engine,
      });
    }
    this.#sync.source = this.#kiosk.engine;
    if (changed.has('direction') && this.direction !== 'in' && this.direction !== 'out') this.direction = 'in';
  }

  /** Sets the direction for the next scans. */
  setDirection(direction: PassageDirection): void {
    if (direction === this.direction) return;
    this.direction = direction;
    this.dispatchEvent(new CustomEvent('ck-direction-change', { detail: { direction }, bubbles: true, composed: true }));
  }

  /** Clears the vehicle list (and every name and message on screen) to start the next vehicle. */
  newVehicle(): void {
    this.#session.newVehicle();
    for (const input of this.renderRoot.querySelectorAll<HTMLInputElement>('.unit-fields input')) input.value = '';
    this.renderRoot.querySelector<CkScanner>('ck-scanner')?.reset();
    this.#idle.cancel();
  }

  /**
   * The officer's decision for the selected person: records a manual code, records a re-scan
   * anew or changes a recorded decision (a follow-up record that `amends` the first), or retries
   * a failed write. Resolves when it is durable.
   */
  async decide(decision: OfficerDecision): Promise<void> {
    this.#touch();
    const field = (id: string) => this.renderRoot.querySelector<HTMLInputElement>(`#${id}`);
    // Wards by code or by name (the citizen form's search over the wards known here).
    const code = (id: string) => { const text = field(id)?.value ?? ''; return resolveUnit(this.#units.catalogue?.known() ?? this.units ?? [], text) ?? text; };
    const typed = { origin: code('origin-unit'), destination: code('destination-unit') };
    const refused = await this.#session.decide(decision, typed);
    if (refused) field(`${refused}-unit`)?.focus();
  }

  /**
   * The officer's explicit acknowledgement that the held trust bundle is stale: logged in the
   * kiosk store; from then on verdicts on this bundle may be 'valid'. Ends with a fresher bundle.
   */
  async acknowledgeStaleTrust(): Promise<void> {
    if (this._acknowledging || this.#kiosk.staleGate() !== 'needs-ack') return;
    this._acknowledging = true;
    try {
      await this.#kiosk.acknowledgeStaleTrust();
    } catch (error) {
      console.error('ck-checkpoint: the acknowledgement could not be saved', (error as Error).name);
    } finally {
      this._acknowledging = false;
    }
  }

  #onShortcut(key: string): boolean {
    const actions: Record<string, () => unknown> = {
      a: () => this.decide('allow'), d: () => this.decide('deny'), r: () => this.decide('refer'),
      i: () => this.setDirection('in'), o: () => this.setDirection('out'), n: () => this.newVehicle(),
    };
    if (key === 'ArrowUp' || key === 'ArrowDown') return this.#session.step(key === 'ArrowUp' ? -1 : 1);
    const action = actions[key];
    if (!action) return false;
    void action();
    return true;
  }

  #touch(): void {
    this.#idle.restart(this.vehicleIdleSeconds * 1000);
  }

  #onIdle(): void {
    // Never drop a person whose passage is still being written or awaits the officer.
    if (this.#session.busy) this.#touch();
    else this.newVehicle();
  }

  #onSyncStatus(status: SyncStatus, previous: SyncStatus | undefined): void {
    // The portal confirmed the held bundle (a 304 moves no 'trust-updated' event): re-read it, so
    // the verifier's trust age, hence its stale-trust warning, restarts from the confirmation.
    if (status.trustAge !== null && previous?.trustAge != null && status.trustAge + 5 < previous.trustAge) void this.#kiosk.reloadTrust();
    if (previous?.syncing && !status.syncing) {
      const detail: SyncDetail = { pending: status.pending, quarantined: status.quarantined, lastSyncAt: status.lastSyncAt, error: status.lastError };
      this.dispatchEvent(new CustomEvent('ck-sync', { detail, bubbles: true, composed: true }));
    }
  }

  #view(): View {
    return {
      m: this.#l10n.msg, lang: this.#l10n.lang, selected: this.#session.selectedIndex, unitErrors: this.#session.unitErrors,
      unitLabel: (code, province) => this.#unitLabel(code, province),
      knownUnits: () => (this.#units.catalogue?.known() ?? []).filter((u) => u.level !== 'province'),
      select: (index) => { this.#session.select(index); this.#touch(); },
      decide: (decision) => this.decide(decision),
      recommendation: (entry) => this.#session.recommendation(entry), checkpointId: this.checkpointId, officerId: this.officerId, direction: this.direction,
      setDirection: (d) => this.setDirection(d), newVehicle: () => this.newVehicle(),
    };
  }

  #unitLabel(code: string, provinceCode?: string): string {
    const unit = this.#units.unit(code, provinceCode);
    const provinceCodeOf = provinceCode ?? unit?.parentCode ?? this.#units.catalogue?.provinceOf(code);
    const province = provinceCodeOf ? (this.#units.unit(provinceCodeOf)?.name ?? PROVINCES.find((p) => p.code === provinceCodeOf)?.name) : undefined;
    const name = unit?.name ?? this.#l10n.msg.unitCode(code);
    return province ? `${name}, ${province}` : name;
  }

  protected override render() {
    const m = this.#l10n.msg;
    const vehicle = this.#session.vehicle;
    const selected = this.selected;
    const view = this.#view();
    return html`
      <div part="base" class="base">
        ${renderHeader(view)}
        ${problemBanners({
          m, lang: this.#l10n.lang, kiosk: this.#kiosk, officerId: this.officerId, busy: this._acknowledging,
          anchorFailed: this.#anchorTask.error !== undefined && !this.trustAnchor, onAcknowledge: () => void this.acknowledgeStaleTrust(),
        })}
        <div class="layout" data-selected=${selected ? 'true' : 'false'}>
          <ck-scanner
            part="scanner"
            exportparts="viewport: scanner-viewport, video: scanner-video, region: scanner-region, status: scanner-status, error: scanner-error, controls: scanner-controls, fallback: scanner-fallback"
            .trust=${this.#kiosk.trust?.init}
            .verifyOptions=${this.#verifyOptions}
            ?no-autostart=${this.noAutostart}
            ?muted=${this.muted}
            @ck-scan=${(e: CkScanEvent) => { this.#touch(); this.#session.scan(e.detail.text, e.detail.verdict, e.detail.source === 'image' ? 'image' : 'camera'); }}
            @ck-manual-code=${(e: CkManualCodeEvent) => { this.#touch(); this.#session.manualCode(e.detail.code); }}
          ><slot name="scanner-help"></slot></ck-scanner>
          <div class="overlay-frame">
            <section part="verdict" class="verdict" aria-labelledby="verdict-title">${renderSummary(view, selected)}</section>
          </div>
          <section class="verdict-details" aria-label=${m.detailsTitle}>${renderDetails(view, selected)}</section>
          <section part="vehicle" class="vehicle" aria-labelledby="vehicle-title">
            <h2 id="vehicle-title">${m.vehicleTitle}${vehicle.length ? html` <span class="count">(${m.vehicleCount(vehicle.length)})</span>` : nothing}</h2>
            ${vehicle.length === 0
              ? html`<p class="muted">${m.vehicleEmpty}</p>`
              : html`<ol class="people">${vehicle.map((e, i) => renderPerson(view, e, i))}</ol>`}
          </section>
        </div>
        <section part="shortcuts" class="shortcuts" aria-labelledby="shortcuts-title">
          <h2 id="shortcuts-title">${m.shortcutsTitle}</h2>
          <dl>${m.shortcutKeys.map((s) => html`<div><dt><kbd>${s.key}</kbd></dt><dd>${s.action}</dd></div>`)}</dl>
        </section>
        <ck-sync-status part="sync" exportparts="panel: sync-panel, warning: sync-warning, sync-button, progress: sync-progress, quarantine: sync-quarantine" .engine=${this.#kiosk.syncButton()} .store=${this.#kiosk.store}
          .trustAcknowledgement=${this.#kiosk.trust && this.#kiosk.staleGate() === 'acknowledged' ? currentAcknowledgement(this.#kiosk.trustAcks, this.#kiosk.trust.bundle) : undefined}
          trust-max-age-hours=${this.trustMaxAgeHours}></ck-sync-status>
        <p class="visually-hidden" role="status" aria-live="polite">${announcementText(m, this.#l10n.lang, this.#session.announcement)}</p>
      </div>
    `;
  }

}
