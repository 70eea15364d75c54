import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { AdministrativeUnit } from '../../api/units';
import type { OfficerDecision, PassageDirection } from '../../core/passage-record';
import type { PublicJwks } from '../../core/trust-bundle';
import type { PassStatus, PassVerdict, VerifiedPass } from '../../core/verdict-types';
import type { VerifyOptions } from '../../core/verify';
import { PROVINCES } from '../../core/vietnam';
import { KIOSK_DB_NAME, type StoredPassage } from '../../store/kiosk/db';
import type { KioskStore } from '../../store/kiosk/kiosk-store';
import type { PassageInput } from '../../store/kiosk/outbox';
import type { SyncEngine, SyncStatus } from '../../sync/sync-engine';
import { readPassUnverified } from '../../core/read-unverified';
import { currentAcknowledgement, gatedStatus, staleTrustFlagged } from '../../core/trust-acknowledgement';
import { CkScanner, type CkManualCodeEvent, type CkScanEvent } from '../ck-scanner/ck-scanner.component';
import { CkSyncStatus } from '../ck-sync-status/ck-sync-status.component';
import { formatAgo, formatDateTime, formatDuration, formatIsoDate, formatTime } from '../ck-sync-status/format';
import { SyncStatusController } from '../ck-sync-status/sync-status-controller';
import { TickController } from '../ck-sync-status/tick-controller';
import { LocalizeController } from '../shared/localize';
import { UnitCatalogueController } from '../shared/unit-catalogue-controller';
import { fetchAnchorJwks } from './anchor';
import { automaticDecision, checkHistory, MANUAL_VERDICT_STATUS, passFlags, type Flag, type PriorPassage } from './checkpoint-rules';
import { KioskController, type KioskProblem } from './kiosk-controller';
import { localPriorPassages, passKey, portalPriorPassages, unitsForManualCode, type PassKey } from './passage-history';
import { ShortcutController } from './shortcut-controller';
import { staleTrustBanner } from './stale-trust-banner';
import { TimeoutController } from './timeout-controller';
import { messages, type CheckpointMessages } from './ck-checkpoint.messages';
import styles from './ck-checkpoint.styles';

export interface RouteUnits {
  readonly originUnit: string;
  readonly destinationUnit: string;
}

export type EntryState =
  /** Looking at earlier passages before recording. */
  | 'checking'
  | 'saving'
  | 'saved'
  /** A manual code: recorded when the officer decides. */
  | 'awaiting-decision'
  /** Already recorded here moments ago: not recorded again. */
  | 'rescan'
  /** No pass could be read from the code: nothing to record. */
  | 'unreadable'
  /** The write failed (storage full, …): nothing was recorded; the officer can retry. */
  | 'failed';

/** One person of the vehicle being checked. Held in memory only, cleared with the vehicle. */
export interface VehicleEntry {
  readonly n: number;
  readonly key: PassKey | undefined;
  /** The QR text read (undefined for a manual code): only the very same text is a repeat. */
  readonly text: string | undefined;
  readonly source: 'camera' | 'image' | 'manual';
  readonly direction: PassageDirection;
  /** The verifier's answer; null for a manual code. */
  readonly verdict: PassVerdict | null;
  readonly status: PassStatus | 'manual';
  /** Only for a valid pass: the verified details the officer compares with the ID card. */
  readonly pass: VerifiedPass | undefined;
  units: RouteUnits | undefined;
  flags: Flag[];
  state: EntryState;
  decision: OfficerDecision | undefined;
  automatic: boolean;
  amended: boolean;
  records: StoredPassage[];
  rescanOf: PriorPassage | undefined;
  error: 'storage-full' | 'save-failed' | undefined;
  /** The decision a failed write tried to record (the retry records it). */
  failedDecision: OfficerDecision | undefined;
}

export interface PassageErrorDetail {
  code: 'storage-full' | 'invalid-passage' | 'storage';
  message: string;
}

export interface SyncDetail {
  pending: number;
  quarantined: number;
  lastSyncAt: string | null;
  /** The run's error as the engine reports it ("code: message"), or null after a success. */
  error: string | null;
}

export type CkPassageRecordedEvent = CustomEvent<StoredPassage>;
export type CkPassageErrorEvent = CustomEvent<PassageErrorDetail>;
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

const UNIT = /^\d{5}$/;
const PORTAL_ROUTE_TIMEOUT_MS = 1200;
const AMEND_WINDOW_MS = 15 * 60_000;
const SESSION_UNITS_MAX = 2000;

function statusTone(status: PassStatus | 'manual', flags: readonly Flag[]): 'ok' | 'warn' | 'bad' {
  if (status === 'valid') return flags.length ? 'warn' : 'ok';
  if (status === 'manual' || status === 'stale-trust') return 'warn';
  return 'bad';
}

const TONE_ICON = { ok: '✓', warn: '⚠', bad: '✗' } as const;

/**
 * The officer's screen at a road checkpoint. It composes `<ck-scanner>` with a verdict panel
 * (status in words and icon, the plain-language reason, then the fields to compare with the ID
 * card, health answers and test result, risk-area flag, route, purpose, vehicle, validity), the
 * list of people in the vehicle being checked, the officer's decisions with keyboard shortcuts,
 * and `<ck-sync-status>`.
 *
 * Decisions: every scan is verified and recorded at once, so a car's passengers are scanned one
 * after another without a key press in between; the recorded decision is `allow` for a valid
 * pass with no flag, `refer` otherwise. Pressing allow (A), deny (D) or refer (R) changes the
 * decision of the selected person by appending a follow-up record (records are immutable and
 * hash-chained). A manual code is recorded only when the officer decides, with verdict status
 * `unverified-manual`. A pass recorded by this device here in the same direction within
 * `rescan-seconds` is not recorded again (never on account of a passage dated in the future or
 * recorded by another device). Validity is judged on the kiosk's trusted clock. Records carry no
 * name, ID number or date of birth.
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
 * @csspart verdict - The verdict panel of the selected person.
 * @csspart status - The large status (icon and words) with the reason.
 * @csspart checks - What the officer must check (risk area, health, earlier passages, trust, clock).
 * @csspart identity - The fields to compare with the ID card.
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
 * @cssprop --ck-target-size - Minimum touch target (default 44px).
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

  @state() private _vehicle: VehicleEntry[] = [];
  @state() private _selected = -1;
  @state() private _announcement = '';
  @state() private _unitErrors: { origin: boolean; destination: boolean } = { origin: false, destination: false };
  @state() private _acknowledging = false;

  readonly #l10n = new LocalizeController<CheckpointMessages>(this, messages);
  /** Every write (and the history read before it) runs in this chain, in scan order. */
  #work: Promise<unknown> = Promise.resolve();
  readonly #kiosk = new KioskController(this, () => this.#work);
  readonly #sync = new SyncStatusController(this, (status, previous) => this.#onSyncStatus(status, previous));
  readonly #shortcuts = new ShortcutController(this, (key) => this.#onShortcut(key));
  readonly #idle = new TimeoutController(this, () => this.#onIdle());
  /** Units of passes seen this session by manual code, so a typed code finds its route. */
  readonly #sessionUnits = new Map<string, RouteUnits>();
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

  /** The people of the vehicle being checked (in memory only). */
  get vehicle(): readonly VehicleEntry[] {
    return this._vehicle;
  }

  /** The selected person (the last scanned, unless the officer picked another). */
  get selected(): VehicleEntry | undefined {
    return this._vehicle[this._selected];
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
    return this.#work.then(() => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#shortcuts.global = this.globalShortcuts;
    const anchorPending = !this.trustAnchor && !!this.trustAnchorSrc && this.#anchorTask.value === undefined && this.#anchorTask.error === undefined;
    if (!anchorPending) {
      this.#kiosk.configure({
        storeName: this.storeName,
        apiBase: this.apiBase,
        checkpointId: this.checkpointId,
        deviceLabel: this.deviceLabel,
        trustAnchor: this.trustAnchor ?? this.#anchorTask.value,
        trustMaxAgeSeconds: this.trustMaxAgeHours * 3600,
        store: this.store,
        engine: this.engine,
      });
    }
    this.#sync.source = this.#kiosk.engine;
    if (changed.has('direction') && this.direction !== 'in' && this.direction !== 'out') this.direction = 'in';
  }

  // ----------------------------------------------------------------------------- officer input

  /** Sets the direction for the next scans. */
  setDirection(direction: PassageDirection): void {
    if (direction === this.direction) return;
    this.direction = direction;
    this.dispatchEvent(new CustomEvent('ck-direction-change', { detail: { direction }, bubbles: true, composed: true }));
  }

  /** Clears the vehicle list (and every name on screen) to start the next vehicle. */
  newVehicle(): void {
    this._vehicle = [];
    this._selected = -1;
    this._announcement = '';
    this._unitErrors = { origin: false, destination: false };
    this.#idle.cancel();
  }

  /**
   * The officer's decision for the selected person: records a manual code, changes a recorded
   * decision (a follow-up record), or retries a failed write. Resolves when it is durable.
   */
  async decide(decision: OfficerDecision): Promise<void> {
    const entry = this.selected;
    if (!entry) return;
    this.#touch();
    if (entry.state === 'awaiting-decision' || (entry.state === 'rescan' && entry.status === 'manual')) {
      const units = this.#readManualUnits(entry);
      if (!units) return;
      entry.units = units;
    }
    const recordable = entry.state === 'saved' || entry.state === 'awaiting-decision' || entry.state === 'rescan' || entry.state === 'failed';
    if (!recordable || !entry.units || !entry.key) return;
    if (entry.state === 'saved' && entry.decision === decision) {
      this._announcement = this.#l10n.msg.recorded(formatTime(entry.records.at(-1)?.at ?? Date.now(), this.#l10n.lang), this.#l10n.msg.decisions[decision]);
      return;
    }
    const amending = entry.state === 'saved' || entry.state === 'rescan';
    await this.#enqueue(() => this.#record(entry, decision, { automatic: false, amending }));
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
    switch (key) {
      case 'a':
        void this.decide('allow');
        return true;
      case 'd':
        void this.decide('deny');
        return true;
      case 'r':
        void this.decide('refer');
        return true;
      case 'i':
        this.setDirection('in');
        return true;
      case 'o':
        this.setDirection('out');
        return true;
      case 'n':
        this.newVehicle();
        return true;
      case 'ArrowUp':
      case 'ArrowDown': {
        if (this._vehicle.length === 0) return false;
        const step = key === 'ArrowUp' ? -1 : 1;
        this._selected = Math.min(this._vehicle.length - 1, Math.max(0, this._selected + step));
        return true;
      }
      default:
        return false;
    }
  }

  #touch(): void {
    this.#idle.restart(this.vehicleIdleSeconds * 1000);
  }

  #onIdle(): void {
    // Never drop a person whose passage is still being written or awaits the officer.
    if (this._vehicle.some((e) => e.state === 'checking' || e.state === 'saving' || e.state === 'awaiting-decision' || e.state === 'failed')) {
      this.#touch();
      return;
    }
    this.newVehicle();
  }

  // ------------------------------------------------------------------------------------- scans

  #onScan(event: CkScanEvent): void {
    const { text, verdict, source } = event.detail;
    this.#touch();
    const pass = verdict.status === 'valid' ? verdict.pass : undefined;
    // A pass that is not valid is read without trusting it, only for the pass id and the unit
    // codes a record needs (routing); none of its personal details are shown.
    const read = pass ?? (() => {
      const unverified = readPassUnverified(text);
      return unverified.ok ? unverified.pass : undefined;
    })();
    const key = read ? passKey(read.passId) : undefined;
    // The same QR text again (the code still in view, or the clip looping) is the same person.
    // Another text naming the same pass id (a forged copy) is a new event and is recorded.
    const again = this._vehicle.findIndex((e) => e.text === text && e.direction === this.direction);
    if (again >= 0) {
      this._selected = again;
      return;
    }
    const units = read ? { originUnit: read.declaration.origin.unitCode, destinationUnit: read.declaration.destination.unitCode } : undefined;
    const entry = this.#addEntry({
      // On stale trust a valid pass stays 'stale-trust' until the officer acknowledges the bundle.
      key, text, source, verdict, status: gatedStatus(verdict.status, verdict.warnings, this.#kiosk.staleGate() ?? 'fresh'), pass, units,
      state: read ? 'checking' : 'unreadable',
    });
    this.#announce(entry);
    if (!read || !key) return;
    if (pass && units) this.#rememberUnits(key.manualCode, units);
    void this.#enqueue(() => this.#checkAndRecord(entry));
  }

  #onManualCode(event: CkManualCodeEvent): void {
    this.#touch();
    const key: PassKey = { manualCode: event.detail.code };
    if (this.#selectExisting(key)) return;
    const entry = this.#addEntry({ key, text: undefined, source: 'manual', verdict: null, status: 'manual', pass: undefined, units: this.#sessionUnits.get(key.manualCode), state: 'checking' });
    this.#announce(entry);
    void this.#enqueue(async () => {
      const store = this.#kiosk.store;
      if (!entry.units && store) entry.units = await unitsForManualCode(store, key.manualCode).catch(() => undefined);
      const history = await this.#history(key, MANUAL_VERDICT_STATUS);
      entry.rescanOf = history.rescanOf;
      entry.flags = history.flags;
      entry.state = history.rescanOf ? 'rescan' : 'awaiting-decision';
      this.requestUpdate();
    });
  }

  /** A manual code of someone already in this vehicle: select them, record nothing. */
  #selectExisting(key: PassKey): boolean {
    const index = this._vehicle.findIndex(
      (e) => e.direction === this.direction && e.key && (e.key.manualCode === key.manualCode || (key.passId !== undefined && e.key.passId === key.passId)),
    );
    if (index < 0) return false;
    this._selected = index;
    return true;
  }

  #addEntry(init: Pick<VehicleEntry, 'key' | 'text' | 'source' | 'verdict' | 'status' | 'pass' | 'units' | 'state'>): VehicleEntry {
    const entry: VehicleEntry = {
      ...init,
      n: this._vehicle.length + 1,
      direction: this.direction,
      flags: [],
      decision: undefined,
      automatic: false,
      amended: false,
      records: [],
      rescanOf: undefined,
      error: undefined,
      failedDecision: undefined,
    };
    this._vehicle = [...this._vehicle, entry];
    this._selected = this._vehicle.length - 1;
    this._unitErrors = { origin: false, destination: false };
    return entry;
  }

  #enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.#work.then(job).catch((error: unknown) => {
      console.error('ck-checkpoint: a scan could not be processed', (error as Error).name);
    });
    this.#work = run;
    return run;
  }

  async #history(key: PassKey, verdictStatus: string): Promise<{ rescanOf: PriorPassage | undefined; flags: Flag[] }> {
    const store = this.#kiosk.store;
    const status = this.#sync.status;
    const online = typeof navigator === 'object' && navigator.onLine && (status?.online ?? true);
    const [local, portal] = await Promise.all([
      store ? localPriorPassages(store, key).catch(() => []) : Promise.resolve([]),
      this.apiBase && key.passId !== undefined && online
        ? portalPriorPassages(this.apiBase, key.passId, { timeoutMs: PORTAL_ROUTE_TIMEOUT_MS })
        : Promise.resolve([]),
    ]);
    return checkHistory([...local, ...portal], {
      now: this.#kiosk.clock.now(),
      checkpointId: this.checkpointId,
      direction: this.direction,
      verdictStatus,
      rescanWindowMs: this.rescanSeconds * 1000,
      recentWindowMs: this.recentMinutes * 60_000,
      amendWindowMs: AMEND_WINDOW_MS,
    });
  }

  async #checkAndRecord(entry: VehicleEntry): Promise<void> {
    const history = await this.#history(entry.key as PassKey, entry.status);
    entry.rescanOf = history.rescanOf;
    if (history.rescanOf) {
      entry.state = 'rescan';
      entry.decision = history.rescanOf.decision;
      this.#announce(entry);
      return;
    }
    const flags: Flag[] = [];
    // Health and risk flags only from a verified pass: an unverified one's answers mean nothing.
    if (entry.pass) flags.push(...passFlags(entry.pass.declaration, this.#kiosk.trust?.bundle.riskAreas ?? []));
    flags.push(...history.flags);
    if (entry.verdict && staleTrustFlagged(entry.verdict.warnings, this.#kiosk.staleGate() ?? 'fresh')) flags.push({ code: 'stale-trust' });
    // The device clock disagrees with the trusted one: the verdict used the trusted clock; say so.
    const clock = this.#kiosk.clock.read();
    if (clock.exceeded) flags.push({ code: 'clock-skew', skewMs: Math.round(clock.skewMs) });
    entry.flags = flags;
    const status = entry.verdict?.status ?? 'malformed';
    await this.#record(entry, automaticDecision(status, flags), { automatic: true, amending: false });
  }

  async #record(entry: VehicleEntry, decision: OfficerDecision, how: { automatic: boolean; amending: boolean }): Promise<void> {
    const store = this.#kiosk.store;
    const key = entry.key;
    const units = entry.units;
    if (!store || !key || !units) {
      entry.state = 'failed';
      entry.error = 'save-failed';
      entry.failedDecision = decision;
      this.requestUpdate();
      return;
    }
    entry.state = 'saving';
    this.requestUpdate();
    const input: PassageInput = {
      checkpointId: this.checkpointId,
      direction: entry.direction,
      ...(key.passId !== undefined ? { passId: key.passId } : { manualCode: key.manualCode }),
      originUnit: units.originUnit,
      destinationUnit: units.destinationUnit,
      verdictStatus: entry.status === 'manual' ? MANUAL_VERDICT_STATUS : entry.status,
      decision,
      officerId: this.officerId,
      ...this.#clockSkew(),
    };
    let record: StoredPassage;
    try {
      record = await store.recordPassage(input);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const detail: PassageErrorDetail = code === 'storage-full'
        ? { code: 'storage-full', message: this.#l10n.msg.storageFull }
        : code === 'invalid-passage'
          ? { code: 'invalid-passage', message: (error as Error).message }
          : { code: 'storage', message: this.#l10n.msg.saveFailed };
      // Nothing was written: the entry says so until a retry succeeds (earlier records stay).
      entry.state = 'failed';
      entry.error = code === 'storage-full' ? 'storage-full' : 'save-failed';
      entry.failedDecision = decision;
      this.dispatchEvent(new CustomEvent('ck-passage-error', { detail, bubbles: true, composed: true }));
      this._announcement = detail.message;
      this.requestUpdate();
      return;
    }
    entry.records = [...entry.records, record];
    entry.decision = decision;
    entry.automatic = how.automatic;
    entry.amended = entry.amended || how.amending;
    entry.state = 'saved';
    entry.error = undefined;
    entry.failedDecision = undefined;
    this.#rememberUnits(key.manualCode, units);
    this.requestUpdate();
    this.#announce(entry);
    this.dispatchEvent(new CustomEvent('ck-passage-recorded', { detail: record, bubbles: true, composed: true }));
    this.#kiosk.engine?.notifyPassageRecorded();
  }

  /** The record's clockSkewMs (trusted − device), once the clock knows better than the device. */
  #clockSkew(): { clockSkewMs?: number } {
    const reading = this.#kiosk.clock.read();
    this.#kiosk.clock.observe(reading.now);
    return reading.source !== 'device' || reading.exceeded ? { clockSkewMs: Math.round(reading.skewMs) } : {};
  }

  #rememberUnits(code: string, units: RouteUnits): void {
    this.#sessionUnits.delete(code);
    this.#sessionUnits.set(code, units);
    if (this.#sessionUnits.size > SESSION_UNITS_MAX) this.#sessionUnits.delete(this.#sessionUnits.keys().next().value as string);
  }

  #readManualUnits(entry: VehicleEntry): RouteUnits | undefined {
    if (entry.units) return entry.units;
    const origin = this.renderRoot.querySelector<HTMLInputElement>('#origin-unit');
    const destination = this.renderRoot.querySelector<HTMLInputElement>('#destination-unit');
    const o = origin?.value.trim() ?? '';
    const d = destination?.value.trim() ?? '';
    this._unitErrors = { origin: !UNIT.test(o), destination: !UNIT.test(d) };
    if (!UNIT.test(o)) {
      origin?.focus();
      return undefined;
    }
    if (!UNIT.test(d)) {
      destination?.focus();
      return undefined;
    }
    return { originUnit: o, destinationUnit: d };
  }

  #announce(entry: VehicleEntry): void {
    const m = this.#l10n.msg;
    const word = entry.status === 'manual' ? m.manualStatus : m.status[entry.status];
    const decision = entry.state === 'saved' && entry.decision ? m.decisions[entry.decision] : null;
    this._announcement = m.announce(entry.n, word, decision);
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

  // ------------------------------------------------------------------------------------ render

  #unitLabel(code: string, provinceCode?: string): string {
    const unit = this.#units.unit(code, provinceCode);
    const provinceCodeOf = provinceCode ?? unit?.parentCode ?? this.#units.catalogue?.provinceOf(code);
    const province = provinceCodeOf ? (this.#units.unit(provinceCodeOf)?.name ?? PROVINCES.find((p) => p.code === provinceCodeOf)?.name) : undefined;
    const name = unit?.name ?? this.#l10n.msg.unitCode(code);
    return province ? `${name}, ${province}` : name;
  }

  #problems(): TemplateResult[] {
    const m = this.#l10n.msg;
    const out: TemplateResult[] = [];
    const problem = (code: KioskProblem | 'no-trust' | 'anchor-failed' | 'no-officer' | 'clock', text: string, severe = true) =>
      out.push(html`<p part="problem" class="problem ${severe ? 'severe' : ''}" role="alert" data-problem=${code}><span class="icon" aria-hidden="true">⚠</span> ${text}</p>`);
    const kioskProblem = this.#kiosk.problem;
    if (kioskProblem) problem(kioskProblem, m.problems[kioskProblem]);
    if (!this.officerId) problem('no-officer', `${m.officer}: ${m.notSet}`);
    if (this.#anchorTask.error !== undefined && !this.trustAnchor) problem('anchor-failed', m.problems['anchor-failed']);
    const trust = this.#kiosk.trust;
    const clock = this.#kiosk.clock.read();
    if (trust === null) problem('no-trust', m.problems['no-trust']);
    // Age counted from the bundle's signed issuedAt on the trusted clock (never from its receipt).
    const banner = staleTrustBanner({
      gate: this.#kiosk.staleGate(), bundle: trust?.bundle, now: clock.now, busy: this._acknowledging,
      acknowledgement: trust ? currentAcknowledgement(this.#kiosk.trustAcks, trust.bundle) : undefined,
      onAcknowledge: () => void this.acknowledgeStaleTrust(),
    }, m.staleTrust, this.#l10n.lang);
    if (banner !== nothing) out.push(banner);
    if (clock.exceeded) {
      const drift = clock.driftMs !== null && clock.sinceServerMs !== null ? { drift: formatDuration(clock.driftMs, this.#l10n.lang), since: formatDuration(clock.sinceServerMs, this.#l10n.lang) } : null;
      problem('clock', m.clockProblem(formatDuration(Math.abs(clock.skewMs), this.#l10n.lang), clock.skewMs < 0, drift), false);
    }
    return out;
  }

  protected override render() {
    const m = this.#l10n.msg;
    const vehicle = this._vehicle;
    const selected = this.selected;
    return html`
      <div part="base" class="base">
        <header part="header" class="header">
          <dl class="ids">
            <div><dt>${m.checkpoint}</dt><dd data-field="checkpoint">${this.checkpointId || m.notSet}</dd></div>
            <div><dt>${m.officer}</dt><dd data-field="officer">${this.officerId || m.notSet}</dd></div>
          </dl>
          <div class="direction" role="group" aria-labelledby="direction-label">
            <span id="direction-label" class="group-label">${m.direction}</span>
            ${(['in', 'out'] as const).map(
              (d) => html`<button type="button" class="button toggle" data-direction=${d} aria-pressed=${this.direction === d ? 'true' : 'false'}
                aria-keyshortcuts=${d === 'in' ? 'I' : 'O'} @click=${() => this.setDirection(d)}>
                ${m.directions[d]} <kbd aria-hidden="true">${d === 'in' ? 'I' : 'O'}</kbd>
              </button>`,
            )}
          </div>
          <button type="button" class="button" aria-keyshortcuts="N" @click=${() => this.newVehicle()}>
            ${m.newVehicle} <kbd aria-hidden="true">N</kbd>
          </button>
        </header>
        ${this.#problems()}
        <div class="layout">
          <div class="scan-column">
            <ck-scanner
              part="scanner"
              exportparts="viewport: scanner-viewport, video: scanner-video, region: scanner-region, status: scanner-status, error: scanner-error, controls: scanner-controls, fallback: scanner-fallback"
              .trust=${this.#kiosk.trust?.init}
              .verifyOptions=${this.#verifyOptions}
              ?no-autostart=${this.noAutostart}
              ?muted=${this.muted}
              @ck-scan=${this.#onScan}
              @ck-manual-code=${this.#onManualCode}
            ><slot name="scanner-help"></slot></ck-scanner>
            <section part="vehicle" class="vehicle" aria-labelledby="vehicle-title">
              <h2 id="vehicle-title">${m.vehicleTitle}${vehicle.length ? html` <span class="count">(${m.vehicleCount(vehicle.length)})</span>` : nothing}</h2>
              ${vehicle.length === 0
                ? html`<p class="muted">${m.vehicleEmpty}</p>`
                : html`<ol class="people">${vehicle.map((e, i) => this.#renderPerson(e, i))}</ol>`}
            </section>
          </div>
          <section part="verdict" class="verdict" aria-labelledby="verdict-title">
            ${selected ? this.#renderVerdict(selected) : html`<h2 id="verdict-title" class="idle">${m.idle}</h2>`}
          </section>
        </div>
        <section part="shortcuts" class="shortcuts" aria-labelledby="shortcuts-title">
          <h2 id="shortcuts-title">${m.shortcutsTitle}</h2>
          <dl>${m.shortcutKeys.map((s) => html`<div><dt><kbd>${s.key}</kbd></dt><dd>${s.action}</dd></div>`)}</dl>
        </section>
        <ck-sync-status part="sync" exportparts="panel: sync-panel, warning: sync-warning, sync-button, progress: sync-progress, quarantine: sync-quarantine" .engine=${this.#kiosk.engine} .store=${this.#kiosk.store}
          .trustAcknowledgement=${this.#kiosk.trust && this.#kiosk.staleGate() === 'acknowledged' ? currentAcknowledgement(this.#kiosk.trustAcks, this.#kiosk.trust.bundle) : undefined}
          trust-max-age-hours=${this.trustMaxAgeHours}></ck-sync-status>
        <p class="visually-hidden" role="status" aria-live="polite">${this._announcement}</p>
      </div>
    `;
  }

  #renderPerson(entry: VehicleEntry, index: number) {
    const m = this.#l10n.msg;
    const tone = statusTone(entry.status, entry.flags);
    const word = entry.status === 'manual' ? m.manualStatus : m.status[entry.status];
    const who = entry.pass?.declaration.fullName ?? (entry.key?.manualCode ?? '');
    return html`<li>
      <button type="button" class="person tone-${tone}" aria-current=${index === this._selected ? 'true' : 'false'} data-state=${entry.state}
        @click=${() => { this._selected = index; this.#touch(); }}>
        <span class="n">${entry.n}</span>
        <span class="person-status"><span class="icon" aria-hidden="true">${TONE_ICON[tone]}</span> ${word}</span>
        <span class="who">${who}</span>
        <span class="person-decision">${this.#stateWords(entry, true)}</span>
      </button>
    </li>`;
  }

  /** Short words for the record state (list) or the full sentence (panel). */
  #stateWords(entry: VehicleEntry, short: boolean): string {
    const m = this.#l10n.msg;
    const lang = this.#l10n.lang;
    switch (entry.state) {
      case 'checking':
      case 'saving':
        return m.recording;
      case 'saved': {
        const decision = entry.decision ? `${m.decisions[entry.decision]}${entry.automatic ? ` (${m.automatic})` : ''}` : '';
        if (short) return decision;
        const last = entry.records.at(-1);
        return last ? m.recorded(formatTime(last.at, lang), decision) : decision;
      }
      case 'rescan': {
        const prior = entry.rescanOf;
        const decision = prior ? m.decisions[prior.decision] : '';
        return short ? decision : m.rescan(prior ? formatTime(prior.at, lang) : '', decision);
      }
      case 'awaiting-decision':
        return m.manualDecide;
      case 'unreadable':
        return short ? '—' : m.notRecordedUnreadable;
      case 'failed':
        return entry.error === 'storage-full' ? m.storageFull : m.saveFailed;
    }
  }

  #renderVerdict(entry: VehicleEntry) {
    const m = this.#l10n.msg;
    const lang = this.#l10n.lang;
    const tone = statusTone(entry.status, entry.flags);
    const word = entry.status === 'manual' ? m.manualStatus : m.status[entry.status];
    const heldBack = entry.status === 'stale-trust' && entry.verdict?.status === 'valid';
    const reason = heldBack ? m.staleTrust.reason : entry.verdict ? entry.verdict.reasons[lang] : m.manualNote;
    const pass = entry.pass;
    return html`
      <div part="status" class="status tone-${tone}" data-status=${entry.status}>
        <span class="status-icon" aria-hidden="true">${TONE_ICON[tone]}</span>
        <div>
          <h2 id="verdict-title" class="status-word"><span class="visually-hidden">${m.person(entry.n)}: </span>${word}</h2>
          <p class="reason">${reason}</p>
          ${entry.status !== 'valid' && entry.status !== 'manual' && !heldBack ? html`<p class="reason action">${m.invalidAction}</p>` : nothing}
        </div>
      </div>
      ${entry.flags.length ? this.#renderChecks(entry.flags) : nothing}
      ${pass ? this.#renderPass(pass) : nothing}
      ${!pass && entry.status !== 'manual' ? html`<p class="muted">${entry.state === 'unreadable' ? m.unreadable : m.noPersonalData}</p>` : nothing}
      ${entry.status === 'manual' ? this.#renderManual(entry) : nothing}
      ${entry.units && !pass && entry.status !== 'manual'
        ? html`<dl part="details" class="details"><div><dt>${m.routeTitle}</dt><dd>${this.#unitLabel(entry.units.originUnit)} → ${this.#unitLabel(entry.units.destinationUnit)}</dd></div></dl>`
        : nothing}
      <p part="record" class="record state-${entry.state}" data-state=${entry.state} role=${entry.state === 'failed' ? 'alert' : nothing}>
        ${this.#stateWords(entry, false)}
        ${entry.amended && entry.state === 'saved' && entry.decision ? html`<br />${m.amended(m.decisions[entry.decision])}` : nothing}
      </p>
      ${entry.state === 'failed'
        ? html`<button type="button" class="button primary" @click=${() => void this.decide(entry.failedDecision ?? 'refer')}>${m.retry}</button>`
        : nothing}
      ${this.#renderActions(entry)}
    `;
  }

  #renderChecks(flags: readonly Flag[]) {
    const m = this.#l10n.msg;
    const lang = this.#l10n.lang;
    const now = Date.now();
    const item = (flag: Flag): TemplateResult => {
      switch (flag.code) {
        case 'risk-area': {
          const level = m.riskLevels[flag.area.level ?? 'unknown'];
          const since = /^\d{4}-\d{2}-\d{2}$/.test(flag.area.since) ? formatIsoDate(flag.area.since, lang) : formatTime(flag.area.since, lang);
          return html`<li class="severe" data-flag="risk-area"><strong>${m.riskArea(this.#unitLabel(flag.area.unitCode), level, since)}</strong>
            ${flag.area.note ? html` <span class="note">${flag.area.note}</span>` : nothing} ${m.riskCheck}</li>`;
        }
        case 'positive-test':
          return html`<li class="severe" data-flag="positive-test"><strong>${m.positiveTest(formatIsoDate(flag.date, lang))}</strong></li>`;
        case 'symptoms':
          return html`<li class="severe" data-flag="symptoms">${m.symptomsFlag(flag.symptoms.map((s) => m.symptomNames[s]).join(', '))}</li>`;
        case 'contact':
          return html`<li class="severe" data-flag="contact">${m.contactFlag}</li>`;
        case 'double-in':
          return html`<li data-flag="double-in">${m.doubleIn(formatTime(flag.prior.at, lang, now), flag.prior.checkpointId)}</li>`;
        case 'recent-passage':
          return html`<li data-flag="recent-passage">${m.recentPassage(m.directions[flag.prior.direction].toLowerCase(), flag.prior.checkpointId, formatAgo(now - Date.parse(flag.prior.at), lang))}</li>`;
        case 'stale-trust':
          return html`<li data-flag="stale-trust">${m.staleTrustFlag}</li>`;
        case 'clock-skew':
          return html`<li data-flag="clock-skew">${m.clockSkewFlag(formatDuration(flag.skewMs, lang), flag.skewMs < 0)}</li>`;
      }
    };
    return html`<div part="checks" class="checks">
      <h3><span class="icon" aria-hidden="true">⚠</span> ${m.checkTitle}</h3>
      <ul>${flags.map(item)}</ul>
    </div>`;
  }

  #renderPass(pass: VerifiedPass) {
    const m = this.#l10n.msg;
    const lang = this.#l10n.lang;
    const d = pass.declaration;
    const health = d.health;
    const test = health.testResult;
    return html`
      <section part="identity" class="identity" aria-labelledby="identity-title">
        <h3 id="identity-title">${m.compareTitle}</h3>
        <dl>
          <div class="big"><dt>${m.fullName}</dt><dd data-field="full-name">${d.fullName}</dd></div>
          <div class="big"><dt>${m.idNumber} (${m.idTypes[d.idType]})</dt><dd data-field="id-number" class="mono">${d.idNumber}</dd></div>
          <div class="big"><dt>${m.dateOfBirth}</dt><dd data-field="date-of-birth">${formatIsoDate(d.dateOfBirth, lang)}</dd></div>
          <div><dt>${m.gender}</dt><dd>${m.genders[d.gender]}</dd></div>
        </dl>
      </section>
      <section part="health" class="health" aria-labelledby="health-title">
        <h3 id="health-title">${m.healthTitle}</h3>
        <dl>
          <div class=${test?.result === 'positive' ? 'severe' : ''}><dt>${m.test}</dt>
            <dd data-field="test">${test ? m.testResult(test.result === 'positive', test.kind, formatIsoDate(test.date, lang)) : m.noTest}</dd></div>
          <div class=${health.symptoms.length ? 'severe' : ''}><dt>${m.symptoms}</dt>
            <dd data-field="symptoms">${health.symptoms.length ? health.symptoms.map((s) => m.symptomNames[s]).join(', ') : m.noSymptoms}</dd></div>
          <div class=${health.contactWithCase ? 'severe' : ''}><dt>${m.contact}</dt><dd data-field="contact">${health.contactWithCase ? m.yes : m.no}</dd></div>
        </dl>
      </section>
      <dl part="details" class="details">
        <div><dt>${m.routeTitle}</dt><dd data-field="route">
          <span class="leg">${m.from}: ${this.#unitLabel(d.origin.unitCode, d.origin.provinceCode)}${d.origin.address ? html` <span class="muted">— ${d.origin.address}</span>` : nothing}</span>
          <span class="leg">${m.to}: ${this.#unitLabel(d.destination.unitCode, d.destination.provinceCode)}${d.destination.address ? html` <span class="muted">— ${d.destination.address}</span>` : nothing}</span>
        </dd></div>
        <div><dt>${m.purpose}</dt><dd data-field="purpose">${m.purposes[d.purpose]}${d.purposeNote ? ` — ${d.purposeNote}` : ''}</dd></div>
        <div><dt>${m.vehicle}</dt><dd data-field="vehicle" class="mono">${d.vehiclePlate ?? m.noVehicle}</dd></div>
        <div><dt>${m.validity}</dt><dd data-field="validity">${m.validRange(formatDateTime(pass.validFrom, lang), formatDateTime(pass.validUntil, lang))}</dd></div>
      </dl>
    `;
  }

  #renderManual(entry: VehicleEntry) {
    const m = this.#l10n.msg;
    // Suggestions from the wards known on this device (the provinces loaded so far).
    const suggestions = (this.#units.catalogue?.known() ?? []).filter((u) => u.level !== 'province');
    const datalist = suggestions.length > 0;
    const unitInput = (id: string, label: string, error: boolean) => html`
      <div class="field">
        <label for=${id}>${label}</label>
        <span id="${id}-hint" class="muted">${m.unitHint}</span>
        <input id=${id} inputmode="numeric" autocomplete="off" maxlength="5" pattern="[0-9]{5}" list=${datalist ? 'ck-units' : nothing}
          aria-describedby=${error ? `${id}-hint ${id}-error` : `${id}-hint`} aria-invalid=${error ? 'true' : 'false'} />
        ${error ? html`<span id="${id}-error" class="field-error"><span aria-hidden="true">✗ </span>${m.unitError}</span>` : nothing}
      </div>`;
    return html`
      <section class="manual" aria-labelledby="manual-title">
        <h3 id="manual-title">${m.manualTitle}: <span class="mono" data-field="manual-code">${entry.key?.manualCode}</span></h3>
        ${entry.units
          ? html`<dl class="details"><div><dt>${m.routeTitle}</dt><dd>${this.#unitLabel(entry.units.originUnit)} → ${this.#unitLabel(entry.units.destinationUnit)}</dd></div></dl>`
          : entry.state === 'awaiting-decision' || entry.state === 'rescan'
            ? html`<div class="unit-fields">
                ${unitInput('origin-unit', m.originUnit, this._unitErrors.origin)}
                ${unitInput('destination-unit', m.destinationUnit, this._unitErrors.destination)}
                ${datalist
                  ? html`<datalist id="ck-units">${suggestions.map((u) => html`<option value=${u.code}>${this.#unitLabel(u.code)}</option>`)}</datalist>`
                  : nothing}
              </div>`
            : nothing}
      </section>
    `;
  }

  #renderActions(entry: VehicleEntry) {
    const m = this.#l10n.msg;
    const enabled = entry.state === 'saved' || entry.state === 'awaiting-decision' || entry.state === 'rescan' || entry.state === 'failed';
    const keys: Record<OfficerDecision, string> = { allow: 'A', deny: 'D', refer: 'R' };
    return html`
      <div part="actions" class="actions" role="group" aria-labelledby="actions-title">
        <h3 id="actions-title">${m.decisionsTitle}</h3>
        <div class="decision-buttons">
          ${(['allow', 'deny', 'refer'] as const).map(
            (d) => html`<button part="decision-button" type="button" class="button decision decision-${d}" data-decision=${d}
              aria-pressed=${entry.state === 'saved' && entry.decision === d ? 'true' : 'false'} aria-keyshortcuts=${keys[d]}
              ?disabled=${!enabled} @click=${() => void this.decide(d)}>
              ${m.decisions[d]} <kbd aria-hidden="true">${keys[d]}</kbd>
            </button>`,
          )}
        </div>
        <p class="muted hint">${m.decisionsHint}</p>
      </div>
    `;
  }
}
