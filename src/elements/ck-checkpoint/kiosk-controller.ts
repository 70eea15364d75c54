// Owns the kiosk's data plane for <ck-checkpoint>: the KioskStore (outbox, device key, trust
// cache) and the SyncEngine (online event, visibility, timer, nudges after each passage), or
// uses the ones a page hands over (then it neither starts nor stops them). It also keeps the
// trust data the scanner verifies with, re-read from the store whenever the engine accepts a
// newer signed bundle.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { staleTrustGate, type StaleTrustGate, type TrustAcknowledgement } from '../../core/trust-acknowledgement';
import { trustStoreInit, type PublicJwks, type TrustBundle } from '../../core/trust-bundle';
import type { TrustStoreInit } from '../../core/trust-store';
import { KioskStore } from '../../store/kiosk/kiosk-store';
import { SyncEngine } from '../../sync/sync-engine';
import { TrustedClock } from '../../sync/trusted-clock';
import type { SyncSource } from '../ck-sync-status/sync-status-controller';
import { portalPriorPassages } from '../../kiosk/passage-history';
import type { KioskSessionDeps } from '../../kiosk/session';
import { decisionRulesOf } from '../../core/recommendation';

export interface KioskConfig {
  readonly storeName: string;
  /** '' = no portal: passages are kept on the device only. */
  readonly apiBase: string;
  readonly checkpointId: string;
  readonly deviceLabel: string;
  readonly trustAnchor: PublicJwks | undefined;
  readonly trustMaxAgeSeconds: number;
  /** Supplied by the page: used as they are and never stopped or closed here. */
  readonly store: KioskStore | undefined;
  readonly engine: SyncEngine | undefined;
}

export interface KioskTrust {
  readonly bundle: TrustBundle;
  /** Trust-store input for the verify worker (its age is counted from the bundle's `issuedAt`). */
  readonly init: TrustStoreInit;
  readonly checkedAt: Date;
  readonly issuedAt: Date;
}

/** Back on screen after at least this long away: the trust data is fetched again. */
export const VISIBLE_REFRESH_MS = 60_000;
/** The portal's route of a pass is asked for at most this long before a record. */
const PORTAL_ROUTE_TIMEOUT_MS = 1200;

export type KioskProblem = 'no-checkpoint' | 'no-anchor' | 'store-failed' | 'storage-blocked';

export class KioskController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  /** Work the host still has in flight (passages being written): closing waits for it. */
  readonly #pending: () => Promise<unknown>;
  #config: KioskConfig | undefined;
  #key = '';
  #connected = false;
  #generation = 0;
  #ownsStore = false;
  #givenStore: KioskStore | undefined;
  #givenEngine: SyncEngine | undefined;
  #ownsEngine = false;
  #offTrust: (() => void) | undefined;
  #offBlocked: (() => void) | undefined;

  store: KioskStore | undefined;
  engine: SyncEngine | undefined;
  /** Without an engine (no portal): device clock run on monotonic time, floored by saved state. */
  #localClock: TrustedClock | undefined;
  /** undefined while loading; null when the device holds no (valid) trust data. */
  trust: KioskTrust | null | undefined;
  /** The officer's stale-trust acknowledgements (the store's log), read with the trust data. */
  trustAcks: readonly TrustAcknowledgement[] = [];
  problem: KioskProblem | undefined;

  constructor(host: ReactiveControllerHost, pending: () => Promise<unknown>) {
    this.#host = host;
    this.#pending = pending;
    host.addController(this);
  }

  /** Applies the host's settings; rebuilds only when something that matters changed. */
  configure(config: KioskConfig): void {
    this.#config = config;
    const key = JSON.stringify([config.storeName, config.apiBase, config.checkpointId, config.deviceLabel, config.trustAnchor ?? null, config.trustMaxAgeSeconds]);
    if (key === this.#key && config.store === this.#givenStore && config.engine === this.#givenEngine) return;
    this.#key = key;
    this.#givenStore = config.store;
    this.#givenEngine = config.engine;
    if (this.#connected) {
      this.#teardown();
      this.#build();
    }
  }

  hostConnected(): void {
    this.#connected = true;
    if (typeof document === 'object') document.addEventListener('visibilitychange', this.#onVisibility);
    this.#build();
  }

  hostDisconnected(): void {
    this.#connected = false;
    if (typeof document === 'object') document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#teardown();
  }

  /** Back on screen after a while away (phone in a pocket, tab switched): fetch the trust data again. */
  readonly #onVisibility = (): void => {
    if (document.visibilityState === 'hidden') {
      this.#hiddenAt = Date.now();
      return;
    }
    const away = this.#hiddenAt === undefined ? 0 : Date.now() - this.#hiddenAt;
    this.#hiddenAt = undefined;
    if (away >= VISIBLE_REFRESH_MS) void this.engine?.refreshTrust().catch(() => undefined);
  };
  #hiddenAt: number | undefined;

  /**
   * What the officer's "Sync now" drives: the trust bundle is fetched first (a revocation reaches
   * the kiosk at once, not at the next periodic refresh), then the passages are sent.
   */
  syncButton(): SyncSource | undefined {
    const engine = this.engine;
    if (!engine) return undefined;
    if (this.#syncSource?.engine !== engine) {
      this.#syncSource = {
        engine,
        source: {
          subscribe: (listener) => engine.subscribe(listener),
          syncNow: async () => {
            await engine.refreshTrust().catch(() => undefined);
            return engine.syncNow();
          },
        },
      };
    }
    return this.#syncSource.source;
  }
  #syncSource: { engine: SyncEngine; source: SyncSource } | undefined;

  /**
   * What the kiosk session needs from the data plane: the store, the trusted clock, the risk
   * areas and stale gate of the held trust, the portal's history of a pass while online. A
   * recorded passage nudges the engine.
   */
  sessionDeps(portal: { apiBase: () => string; online: () => boolean }): Pick<KioskSessionDeps, 'store' | 'clock' | 'riskAreas' | 'rules' | 'staleGate' | 'portalHistory' | 'notify'> {
    return {
      store: () => this.store,
      clock: () => this.clock,
      riskAreas: () => this.trust?.bundle.riskAreas ?? [],
      rules: () => decisionRulesOf(this.trust?.bundle),
      staleGate: () => this.staleGate(),
      portalHistory: (key) => {
        const apiBase = portal.apiBase();
        const online = typeof navigator === 'object' && navigator.onLine && portal.online();
        return apiBase && key.passId !== undefined && online ? portalPriorPassages(apiBase, key.passId, { timeoutMs: PORTAL_ROUTE_TIMEOUT_MS }) : Promise.resolve([]);
      },
      notify: () => this.engine?.notifyPassageRecorded(),
    };
  }

  /** Re-reads the held trust bundle (after the engine stored a new one). */
  async reloadTrust(): Promise<void> {
    const generation = this.#generation;
    const config = this.#config;
    let trust: KioskTrust | null = null;
    let acks: readonly TrustAcknowledgement[] = [];
    try {
      if (this.store) acks = await this.store.trustAcknowledgements();
      if (this.engine) {
        trust = await this.engine.currentTrust();
      } else if (this.store && config?.trustAnchor) {
        const cached = await this.store.loadTrust(config.trustAnchor);
        if (cached) {
          trust = {
            bundle: cached.bundle,
            checkedAt: new Date(cached.meta.checkedAt),
            issuedAt: new Date(cached.bundle.issuedAt),
            init: trustStoreInit(cached.bundle, { maxAgeSeconds: config.trustMaxAgeSeconds }),
          };
        }
      }
    } catch (error) {
      console.error('ck-checkpoint: trust data could not be read', (error as Error).name);
    }
    if (generation !== this.#generation) return;
    this.trust = trust;
    this.trustAcks = acks;
    this.#host.requestUpdate();
  }

  /** The stale-trust gate on the trusted clock; undefined while no trust data is held. */
  staleGate(): StaleTrustGate | undefined {
    const trust = this.trust;
    if (!trust || !this.#config) return undefined;
    return staleTrustGate(trust.bundle, this.trustAcks, this.clock.now(), this.#config.trustMaxAgeSeconds * 1000);
  }

  /** Logs the officer's acknowledgement of the held stale bundle, then re-reads the trust data. */
  async acknowledgeStaleTrust(): Promise<boolean> {
    const trust = this.trust;
    if (!trust || !this.store || !this.#config) return false;
    const ok = await this.store.acknowledgeStaleTrust(trust.bundle, this.clock.now(), this.#config.trustMaxAgeSeconds * 1000);
    await this.reloadTrust();
    return ok;
  }

  #build(): void {
    const config = this.#config;
    this.#generation++;
    this.trust = undefined;
    this.problem = undefined;
    if (!config) return;
    if (!config.checkpointId) this.problem = 'no-checkpoint';
    try {
      this.#ownsStore = !config.store;
      this.store = config.store ?? new KioskStore(config.storeName);
    } catch (error) {
      console.error('ck-checkpoint: the kiosk store could not be opened', (error as Error).name);
      this.problem = 'store-failed';
      this.#host.requestUpdate();
      return;
    }
    // An older tab holding the database blocks its upgrade: every write waits, so say why.
    const store = this.store;
    this.#offBlocked = store.onBlockedChange((blocked) => {
      if (blocked) this.problem = 'storage-blocked';
      else if (this.problem === 'storage-blocked') this.problem = undefined;
      this.#host.requestUpdate();
    });
    if (store.blocked) this.problem = 'storage-blocked';
    if (config.engine) {
      this.engine = config.engine;
      this.#ownsEngine = false;
    } else if (config.apiBase && config.checkpointId && config.trustAnchor) {
      this.engine = new SyncEngine({
        store: this.store,
        apiBase: config.apiBase,
        checkpointId: config.checkpointId,
        trustAnchor: config.trustAnchor,
        trustMaxAgeSeconds: config.trustMaxAgeSeconds,
        ...(config.deviceLabel && { deviceLabel: config.deviceLabel }),
      });
      this.#ownsEngine = true;
      this.engine.start();
    } else if (config.apiBase && !config.trustAnchor) {
      this.problem ??= 'no-anchor';
    }
    const engine = this.engine;
    if (engine) {
      const onTrust = () => void this.reloadTrust();
      engine.addEventListener('trust-updated', onTrust);
      this.#offTrust = () => engine.removeEventListener('trust-updated', onTrust);
    }
    if (!engine) {
      const clock = new TrustedClock();
      this.#localClock = clock;
      void Promise.all([store.clock(), store.recentPassages(1)]).then(([saved, [newest]]) => {
        const floor = Math.max(saved?.floorAt ? Date.parse(saved.floorAt) : 0, newest ? Date.parse(newest.at) + (newest.clockSkewMs ?? 0) : 0);
        clock.restore({ serverMs: null, deviceMs: null, floorMs: Number.isFinite(floor) ? floor : 0 });
      }, () => undefined);
    }
    void this.reloadTrust();
    this.#host.requestUpdate();
  }

  /** The trusted clock passages and verdicts are judged on. */
  get clock(): TrustedClock {
    if (this.engine) return this.engine.clock;
    this.#localClock ??= new TrustedClock();
    return this.#localClock;
  }

  #teardown(): void {
    this.#generation++;
    this.#offTrust?.();
    this.#offTrust = undefined;
    this.#offBlocked?.();
    this.#offBlocked = undefined;
    const engine = this.#ownsEngine ? this.engine : undefined;
    const store = this.#ownsStore ? this.store : undefined;
    engine?.stop();
    // Passages still being written finish first: closing the database under them would lose them.
    if (store) void this.#pending().finally(() => store.close());
    this.engine = undefined;
    this.store = undefined;
    this.#ownsEngine = false;
    this.#ownsStore = false;
    this.trust = undefined;
  }
}
