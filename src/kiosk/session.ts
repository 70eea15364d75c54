// The kiosk's session rules, free of DOM and storage engines so they run in Node: the people of
// the vehicle being checked, what each scan or manual code does (history, flags, the automatic
// decision), the officer's decisions and amendments, and the vehicle's group id. The element
// (<ck-checkpoint>) renders a KioskSession and forwards the officer's input; the store, the
// clock and the trust data are injected.
import type { IdCheckResult, OfficerDecision, PassageDirection } from '../core/passage-record';
import { compareIdCard, type IdCardComparison } from '../core/id-card-compare';
import { looksLikeIdCard, parseIdCard } from '../core/id-card';
import { DEFAULT_DECISION_RULES, recommend, type DecisionRule, type Recommendation } from '../core/recommendation';
import type { RiskArea } from '../core/trust-bundle';
import { gatedStatus, staleTrustFlagged, type StaleTrustGate } from '../core/trust-acknowledgement';
import type { PassStatus, PassVerdict, VerifiedPass } from '../core/verdict-types';
import { readPassUnverified } from '../core/read-unverified';
import type { StoredPassage } from '../store/kiosk/db';
import type { PassageInput } from '../store/kiosk/outbox';
import type { ClockReading } from '../sync/trusted-clock';
import { checkHistory, MANUAL_VERDICT_STATUS, passFlags, type Flag, type HistoryCheck, type PriorPassage } from './checkpoint-rules';
import { localPriorPassages, passKey, unitsForManualCode, type HistoryStore, type PassKey } from './passage-history';

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
  /** Already recorded here moments ago by this device: not recorded again unless the officer decides. */
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
  /**
   * The chip ID card compared with the pass, field by field: outcomes only (match, mismatch,
   * not on card), never the card's values. undefined until a card is read for this person.
   */
  card: IdCardComparison | undefined;
  /** A card QR was read for this person but could not be parsed (an error code, no data). */
  cardUnreadable: boolean;
  records: StoredPassage[];
  rescanOf: PriorPassage | undefined;
  error: 'storage-full' | 'save-failed' | undefined;
  /** The decision a failed write tried to record (the retry records it). */
  failedDecision: OfficerDecision | undefined;
}

/** What the screen reader hears next; words are chosen by the element in the current language. */
export type Announcement =
  | { readonly kind: 'entry'; readonly entry: VehicleEntry }
  | { readonly kind: 'unchanged'; readonly entry: VehicleEntry }
  | { readonly kind: 'error'; readonly code: 'storage-full' | 'save-failed' }
  | { readonly kind: 'card'; readonly entry: VehicleEntry };

export interface PassageErrorDetail {
  code: 'storage-full' | 'invalid-passage' | 'storage';
  /** The store's message for invalid-passage (a programming error, no personal data). */
  message?: string;
}

export interface SessionSettings {
  readonly checkpointId: string;
  readonly officerId: string;
  readonly direction: PassageDirection;
  /** The same pass in the same direction here within this many seconds is not recorded again. */
  readonly rescanSeconds: number;
  /** A passage of the same pass elsewhere or the other way within this many minutes is flagged. */
  readonly recentMinutes: number;
}

export interface SessionClock {
  now(): number;
  read(): ClockReading;
  observe(trustedMs: number): void;
}

export type SessionStore = HistoryStore & { recordPassage(input: PassageInput): Promise<StoredPassage> };

export interface KioskSessionDeps {
  settings(): SessionSettings;
  /** undefined while the store is opening (or failed): records then fail visibly. */
  store(): SessionStore | undefined;
  clock(): SessionClock;
  riskAreas(): readonly RiskArea[];
  /** The decision rules of the held trust bundle (default: the kit's). */
  rules?(): readonly DecisionRule[];
  /** undefined while no trust data is held. */
  staleGate(): StaleTrustGate | undefined;
  /** The portal's passages of a pass (best effort; [] offline). */
  portalHistory(key: PassKey): Promise<PriorPassage[]>;
  /** Something on screen changed. */
  changed(): void;
  recorded?(record: StoredPassage): void;
  /** A passage was written (the sync engine's nudge). */
  notify?(): void;
  failed?(detail: PassageErrorDetail): void;
  /** Random bytes for the vehicle group id (default: crypto.getRandomValues). */
  randomBytes?(length: number): Uint8Array;
}

const UNIT = /^\d{5}$/;
const AMEND_WINDOW_MS = 15 * 60_000;
const SESSION_UNITS_MAX = 2000;

/** 16 random bytes, base64url without padding (22 characters): one vehicle at this kiosk. */
export function vehicleGroupIdOf(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError('a vehicle group id is 16 bytes');
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The tone of a status: what colour and icon the screen gives it. */
export function statusTone(status: PassStatus | 'manual', flags: readonly Flag[]): 'ok' | 'warn' | 'bad' {
  if (status === 'valid') return flags.length ? 'warn' : 'ok';
  if (status === 'manual' || status === 'stale-trust') return 'warn';
  return 'bad';
}

/** What the passage records of the ID-card check (never the card's data). */
export function idCheckOf(entry: Pick<VehicleEntry, 'card' | 'status'>): IdCheckResult {
  if (entry.card) return entry.card.result;
  return entry.status === 'manual' ? 'manual' : 'none';
}

export class KioskSession {
  readonly #deps: KioskSessionDeps;
  #vehicle: VehicleEntry[] = [];
  #selected = -1;
  #groupId: string | undefined;
  #announcement: Announcement | undefined;
  #unitErrors = { origin: false, destination: false };
  /** Every write (and the history read before it) runs in this chain, in scan order. */
  #work: Promise<unknown> = Promise.resolve();
  /** Units of passes seen this session by manual code, so a typed code finds its route. */
  readonly #sessionUnits = new Map<string, RouteUnits>();

  constructor(deps: KioskSessionDeps) {
    this.#deps = deps;
  }

  get vehicle(): readonly VehicleEntry[] {
    return this.#vehicle;
  }

  get selectedIndex(): number {
    return this.#selected;
  }

  get selected(): VehicleEntry | undefined {
    return this.#vehicle[this.#selected];
  }

  /** The current vehicle's group id (undefined until its first passage is recorded). */
  get vehicleGroupId(): string | undefined {
    return this.#groupId;
  }

  get announcement(): Announcement | undefined {
    return this.#announcement;
  }

  /** Which typed ward of a manual code was refused. */
  get unitErrors(): { readonly origin: boolean; readonly destination: boolean } {
    return this.#unitErrors;
  }

  /** Resolves when every scan and decision so far has been written (or has failed). */
  get settled(): Promise<void> {
    return this.#work.then(() => undefined);
  }

  /** Someone is being written, or waits for the officer: the vehicle must not be dropped. */
  get busy(): boolean {
    return this.#vehicle.some((e) => e.state === 'checking' || e.state === 'saving' || e.state === 'awaiting-decision' || e.state === 'failed');
  }

  /** Starts the next vehicle: a new group id, no people, no message, no field error. */
  newVehicle(): void {
    this.#vehicle = [];
    this.#selected = -1;
    this.#groupId = undefined;
    this.#announcement = undefined;
    this.#unitErrors = { origin: false, destination: false };
    this.#deps.changed();
  }

  select(index: number): void {
    if (index < 0 || index >= this.#vehicle.length) return;
    this.#selected = index;
    this.#deps.changed();
  }

  /** Moves the selection up (-1) or down (+1); false when the vehicle is empty. */
  step(delta: -1 | 1): boolean {
    if (this.#vehicle.length === 0) return false;
    this.select(Math.min(this.#vehicle.length - 1, Math.max(0, this.#selected + delta)));
    return true;
  }

  /**
   * The recommendation for a person: the action and why, from the trust bundle's decision rules
   * (status, health answers, risk area, ID card, earlier passages, trust and clock).
   */
  recommendation(entry: VehicleEntry): Recommendation {
    const flag = <C extends Flag['code']>(code: C) => entry.flags.find((f): f is Extract<Flag, { code: C }> => f.code === code);
    return recommend({
      status: entry.status,
      ...(entry.pass && { health: entry.pass.declaration.health }),
      ...(flag('risk-area') && { originRisk: { level: flag('risk-area')?.area.level } }),
      card: entry.card?.result ?? 'none',
      doubleIn: flag('double-in') !== undefined,
      recentPassage: flag('recent-passage') !== undefined || flag('recorded-here') !== undefined,
      staleTrust: flag('stale-trust') !== undefined,
      clockSkew: flag('clock-skew') !== undefined,
    }, this.#deps.rules?.() ?? DEFAULT_DECISION_RULES);
  }

  // ------------------------------------------------------------------------------------- scans

  /**
   * A code read by the camera or from an image, with the verifier's answer. A chip ID card's QR
   * is compared with the person it belongs to (see `card`), never added as a person.
   */
  scan(text: string, verdict: PassVerdict, source: 'camera' | 'image'): VehicleEntry | undefined {
    if (looksLikeIdCard(text)) return this.card(text);
    const direction = this.#deps.settings().direction;
    // The same QR text again (the code still in view, or the clip looping) is the same person.
    // Another text naming the same pass id (a forged copy) is a new event and is recorded.
    const again = this.#vehicle.findIndex((e) => e.text === text && e.direction === direction);
    if (again >= 0) {
      this.select(again);
      return this.#vehicle[again] as VehicleEntry;
    }
    const pass = verdict.status === 'valid' ? verdict.pass : undefined;
    // A pass that is not valid is read without trusting it, only for the pass id and the unit
    // codes a record needs (routing); none of its personal details are shown.
    const read = pass ?? (() => {
      const unverified = readPassUnverified(text);
      return unverified.ok ? unverified.pass : undefined;
    })();
    const key = read ? passKey(read.passId) : undefined;
    const units = read ? { originUnit: read.declaration.origin.unitCode, destinationUnit: read.declaration.destination.unitCode } : undefined;
    const entry = this.#addEntry({
      // On stale trust a valid pass stays 'stale-trust' until the officer acknowledges the bundle.
      key, text, source, verdict, status: gatedStatus(verdict.status, verdict.warnings, this.#deps.staleGate() ?? 'fresh'), pass, units,
      state: read ? 'checking' : 'unreadable',
    });
    if (!read || !key) return entry;
    if (pass && units) this.#rememberUnits(key.manualCode, units);
    void this.#enqueue(entry, () => this.#checkAndRecord(entry));
    return entry;
  }

  /** A manual code typed by the officer: recorded only on the officer's decision. */
  manualCode(code: string): VehicleEntry {
    const direction = this.#deps.settings().direction;
    const existing = this.#vehicle.findIndex((e) => e.direction === direction && e.key?.manualCode === code);
    if (existing >= 0) {
      this.select(existing);
      return this.#vehicle[existing] as VehicleEntry;
    }
    const key: PassKey = { manualCode: code };
    const entry = this.#addEntry({ key, text: undefined, source: 'manual', verdict: null, status: 'manual', pass: undefined, units: this.#sessionUnits.get(code), state: 'checking' });
    void this.#enqueue(entry, async () => {
      const store = this.#deps.store();
      if (!entry.units && store) entry.units = await unitsForManualCode(store, code).catch(() => undefined);
      const history = await this.#history(key, MANUAL_VERDICT_STATUS);
      entry.rescanOf = history.rescanOf;
      entry.flags = history.flags;
      entry.state = history.rescanOf ? 'rescan' : 'awaiting-decision';
      this.#deps.changed();
    });
    return entry;
  }

  /**
   * A chip ID card's QR: compared field by field with the selected person's verified pass (or
   * the newest one still without a card). Only the outcomes are kept; the text and the parsed
   * card are dropped here. A recorded passage whose card check changes gets a follow-up record
   * (`amends`) with the new `idCheck`, and the decision the rules now give (a mismatch never
   * stays allowed automatically).
   */
  card(text: string): VehicleEntry | undefined {
    const selected = this.selected;
    const entry = selected?.pass ? selected : this.#vehicle.findLast((e) => e.pass !== undefined && e.card === undefined);
    if (!entry?.pass) return undefined;
    const parsed = parseIdCard(text, { now: new Date(this.#deps.clock().now()) });
    if (!parsed.ok) {
      entry.cardUnreadable = true;
      this.#deps.changed();
      return entry;
    }
    const comparison = compareIdCard(parsed.card, entry.pass.declaration);
    entry.cardUnreadable = false;
    if (entry.card && JSON.stringify(entry.card) === JSON.stringify(comparison)) return entry;
    entry.card = comparison;
    this.#selected = this.#vehicle.indexOf(entry);
    this.#announcement = { kind: 'card', entry };
    this.#deps.changed();
    void this.#enqueue(entry, async () => {
      const last = entry.records.at(-1);
      if (entry.state !== 'saved' || !last || last.idCheck === idCheckOf(entry)) return;
      const auto = this.recommendation(entry).autoDecision;
      const decision = entry.automatic ? (auto ?? 'refer') : (entry.decision ?? 'refer');
      await this.#record(entry, decision, { automatic: entry.automatic, amending: true });
    });
    return entry;
  }

  // --------------------------------------------------------------------------------- decisions

  /**
   * The officer's decision for the selected person: records a manual code (with the wards
   * typed, as 5-digit codes), records a re-scan anew as a follow-up of the earlier record,
   * changes a recorded decision (a follow-up record with `amends`), or retries a failed write.
   * Resolves when it is durable; returns the typed field that was refused, if any.
   */
  async decide(decision: OfficerDecision, typed?: { origin: string; destination: string }): Promise<'origin' | 'destination' | undefined> {
    const entry = this.selected;
    if (!entry) return undefined;
    if (!entry.units && (entry.state === 'awaiting-decision' || (entry.state === 'rescan' && entry.status === 'manual'))) {
      const o = typed?.origin.trim() ?? '';
      const d = typed?.destination.trim() ?? '';
      this.#unitErrors = { origin: !UNIT.test(o), destination: !UNIT.test(d) };
      this.#deps.changed();
      if (!UNIT.test(o)) return 'origin';
      if (!UNIT.test(d)) return 'destination';
      entry.units = { originUnit: o, destinationUnit: d };
    }
    const recordable = entry.state === 'saved' || entry.state === 'awaiting-decision' || entry.state === 'rescan' || entry.state === 'failed';
    if (!recordable || !entry.units || !entry.key) return undefined;
    if (entry.state === 'saved' && entry.decision === decision) {
      this.#announcement = { kind: 'unchanged', entry };
      this.#deps.changed();
      return undefined;
    }
    const amending = entry.state === 'saved' || entry.state === 'rescan' || (entry.state === 'failed' && (entry.records.length > 0 || entry.rescanOf !== undefined));
    await this.#enqueue(entry, () => this.#record(entry, decision, { automatic: false, amending }));
    return undefined;
  }

  // ---------------------------------------------------------------------------------- internal

  #addEntry(init: Pick<VehicleEntry, 'key' | 'text' | 'source' | 'verdict' | 'status' | 'pass' | 'units' | 'state'>): VehicleEntry {
    const entry: VehicleEntry = {
      ...init,
      n: this.#vehicle.length + 1,
      direction: this.#deps.settings().direction,
      flags: [],
      decision: undefined,
      automatic: false,
      amended: false,
      card: undefined,
      cardUnreadable: false,
      records: [],
      rescanOf: undefined,
      error: undefined,
      failedDecision: undefined,
    };
    this.#vehicle = [...this.#vehicle, entry];
    this.#selected = this.#vehicle.length - 1;
    this.#unitErrors = { origin: false, destination: false };
    this.#announcement = { kind: 'entry', entry };
    this.#deps.changed();
    return entry;
  }

  /** Runs a job in scan order; a job that throws leaves its entry failed, never stuck "saving". */
  #enqueue(entry: VehicleEntry, job: () => Promise<void>): Promise<void> {
    const run = this.#work.then(job).catch((error: unknown) => {
      console.error('ck-checkpoint: a scan could not be processed', (error as Error).name);
      if (entry.state === 'checking' || entry.state === 'saving') {
        entry.state = 'failed';
        entry.error = 'save-failed';
        entry.failedDecision ??= entry.decision ?? 'refer';
        this.#deps.changed();
      }
    });
    this.#work = run;
    return run;
  }

  async #history(key: PassKey, verdictStatus: string): Promise<HistoryCheck> {
    const store = this.#deps.store();
    const settings = this.#deps.settings();
    const [local, portal] = await Promise.all([
      store ? localPriorPassages(store, key).catch(() => []) : Promise.resolve([]),
      key.passId !== undefined ? this.#deps.portalHistory(key).catch(() => []) : Promise.resolve([]),
    ]);
    return checkHistory([...local, ...portal], {
      now: this.#deps.clock().now(),
      checkpointId: settings.checkpointId,
      direction: settings.direction,
      verdictStatus,
      rescanWindowMs: settings.rescanSeconds * 1000,
      recentWindowMs: settings.recentMinutes * 60_000,
      amendWindowMs: AMEND_WINDOW_MS,
    });
  }

  async #checkAndRecord(entry: VehicleEntry): Promise<void> {
    const history = await this.#history(entry.key as PassKey, entry.status);
    entry.rescanOf = history.rescanOf;
    if (history.rescanOf) {
      // Already recorded here by this device: say when, and let the officer record anew.
      entry.state = 'rescan';
      entry.decision = history.rescanOf.decision;
      this.#announcement = { kind: 'entry', entry };
      this.#deps.changed();
      return;
    }
    const flags: Flag[] = [];
    // Health and risk flags only from a verified pass: an unverified one's answers mean nothing.
    if (entry.pass) flags.push(...passFlags(entry.pass.declaration, this.#deps.riskAreas()));
    flags.push(...history.flags);
    const gate = this.#deps.staleGate() ?? 'fresh';
    if (entry.verdict && staleTrustFlagged(entry.verdict.warnings, gate)) flags.push({ code: 'stale-trust' });
    // The device clock disagrees with the trusted one: the verdict used the trusted clock; say so.
    const clock = this.#deps.clock().read();
    if (clock.exceeded) flags.push({ code: 'clock-skew', skewMs: Math.round(clock.skewMs) });
    entry.flags = flags;
    const decision = this.recommendation(entry).autoDecision;
    if (decision === undefined) {
      // The rules leave it to the officer: nothing is recorded until they decide.
      entry.state = 'awaiting-decision';
      this.#deps.changed();
      return;
    }
    await this.#record(entry, decision, { automatic: true, amending: false });
  }

  /** The id of the passage a follow-up of this entry amends (the first record, or the re-scanned one). */
  #amends(entry: VehicleEntry): string | undefined {
    const first = entry.records[0];
    if (first) return first.amends ?? first.id;
    const prior = entry.rescanOf;
    return prior?.source === 'local' ? (prior.amends ?? prior.id) : undefined;
  }

  #vehicleGroup(): string {
    if (this.#groupId === undefined) {
      const bytes = this.#deps.randomBytes?.(16) ?? crypto.getRandomValues(new Uint8Array(16));
      this.#groupId = vehicleGroupIdOf(bytes);
    }
    return this.#groupId;
  }

  async #record(entry: VehicleEntry, decision: OfficerDecision, how: { automatic: boolean; amending: boolean }): Promise<void> {
    const store = this.#deps.store();
    const key = entry.key;
    const units = entry.units;
    if (!store || !key || !units) {
      entry.state = 'failed';
      entry.error = 'save-failed';
      entry.failedDecision = decision;
      this.#deps.changed();
      return;
    }
    const settings = this.#deps.settings();
    entry.state = 'saving';
    this.#deps.changed();
    const amends = how.amending ? this.#amends(entry) : undefined;
    const input: PassageInput = {
      checkpointId: settings.checkpointId,
      direction: entry.direction,
      ...(key.passId !== undefined ? { passId: key.passId } : { manualCode: key.manualCode }),
      originUnit: units.originUnit,
      destinationUnit: units.destinationUnit,
      verdictStatus: entry.status === 'manual' ? MANUAL_VERDICT_STATUS : entry.status,
      decision,
      officerId: settings.officerId,
      vehicleGroupId: this.#vehicleGroup(),
      idCheck: idCheckOf(entry),
      ...(amends !== undefined && { amends }),
      ...this.#clockSkew(),
    };
    let record: StoredPassage;
    try {
      record = await store.recordPassage(input);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const detail: PassageErrorDetail = code === 'storage-full'
        ? { code: 'storage-full' }
        : code === 'invalid-passage'
          ? { code: 'invalid-passage', message: (error as Error).message }
          : { code: 'storage' };
      // Nothing was written: the entry says so until a retry succeeds (earlier records stay).
      entry.state = 'failed';
      entry.error = code === 'storage-full' ? 'storage-full' : 'save-failed';
      entry.failedDecision = decision;
      this.#announcement = { kind: 'error', code: entry.error };
      this.#deps.failed?.(detail);
      this.#deps.changed();
      return;
    }
    entry.records = [...entry.records, record];
    // "Decision changed" only when it did (a card check's follow-up may keep the decision).
    const changed = entry.records.length > 1 ? entry.decision !== decision : how.amending;
    entry.decision = decision;
    entry.automatic = how.automatic;
    entry.amended = entry.amended || (how.amending && changed);
    entry.state = 'saved';
    entry.error = undefined;
    entry.failedDecision = undefined;
    this.#rememberUnits(key.manualCode, units);
    this.#announcement = { kind: 'entry', entry };
    this.#deps.changed();
    this.#deps.recorded?.(record);
    this.#deps.notify?.();
  }

  /** The record's clockSkewMs (trusted − device), once the clock knows better than the device. */
  #clockSkew(): { clockSkewMs?: number } {
    const clock = this.#deps.clock();
    const reading = clock.read();
    clock.observe(reading.now);
    return reading.source !== 'device' || reading.exceeded ? { clockSkewMs: Math.round(reading.skewMs) } : {};
  }

  #rememberUnits(code: string, units: RouteUnits): void {
    this.#sessionUnits.delete(code);
    this.#sessionUnits.set(code, units);
    if (this.#sessionUnits.size > SESSION_UNITS_MAX) this.#sessionUnits.delete(this.#sessionUnits.keys().next().value as string);
  }
}
