// The demo portal's storage behind one interface. In memory here; a real portal backs the same
// operations with its database (each method is async for that reason).
import type { Declaration } from '../../src/core/declaration';
import type { PassageRecord } from '../../src/core/passage-record';
import type { PublicEcJwk } from '../../src/core/trust-bundle';
import type { MovementDirection } from '../../src/api/contract';

export interface StoredDeclaration {
  declarationId: string;
  declaration: Declaration;
  receivedAt: string;
  passId: string;
}

export interface StoredPass {
  passId: string;
  qrText: string;
  manualCode: string;
  declarationId: string;
  issuedAt: string;
  validFrom: string;
  validUntil: string;
  originUnit: string;
  destinationUnit: string;
  /** Held server side only; a kiosk never sends personal data back. */
  fullName: string;
}

export interface StoredDevice {
  deviceId: string;
  publicKeyJwk: PublicEcJwk;
  checkpointId: string;
  label: string | null;
  registeredAt: string;
  updatedAt: string;
}

export interface StoredPassage {
  record: PassageRecord;
  batchId: string;
  receivedAt: string;
  /** The pass this passage belongs to (its passId, or the pass its manual code resolved to). */
  passId: string | null;
}

export interface FeedEntry {
  unitCode: string;
  direction: MovementDirection;
  passageId: string;
  /** Passage time in ms, the feed's sort key (with passageId). */
  atMs: number;
}

export interface IdempotencyRecord {
  scope: string;
  fingerprint: string;
  status: number;
  headers: [string, string][];
  body: string;
  createdAt: string;
}

export interface FeedQuery {
  fromMs: number;
  toMs: number;
  direction?: MovementDirection;
  /** Return entries strictly older than this key (newest-first paging). */
  before?: { atMs: number; passageId: string };
  limit: number;
}

export interface DeviceSummary {
  count: number;
  minSeq: number | null;
  maxSeq: number | null;
  /** Sequence numbers between min and max the portal does not hold. */
  missingSeq: number;
}

export interface DemoCounts {
  declarations: number;
  passes: number;
  devices: number;
  passages: number;
  feedEntries: number;
  wards: Record<string, { arrivals: number; departures: number }>;
  idempotencyRecords: number;
  /** Records committed more than once (must stay 0: exactly-once). */
  duplicateCommits: number;
}

export interface DemoStore {
  putDeclaration(entry: StoredDeclaration, pass: StoredPass): Promise<void>;
  getDeclaration(declarationId: string): Promise<StoredDeclaration | undefined>;
  getPass(passId: string): Promise<StoredPass | undefined>;
  findPassByManualCode(code: string): Promise<StoredPass | undefined>;

  getDevice(deviceId: string): Promise<StoredDevice | undefined>;
  putDevice(device: StoredDevice): Promise<void>;

  getPassage(id: string): Promise<StoredPassage | undefined>;
  getPassageBySeq(deviceId: string, seq: number): Promise<StoredPassage | undefined>;
  /** Stores passages and their feed entries together (all or nothing). */
  commitPassages(passages: readonly StoredPassage[], feed: readonly FeedEntry[]): Promise<void>;
  passagesOfPass(passId: string): Promise<StoredPassage[]>;
  /** Newest first. */
  wardFeed(unitCode: string, query: FeedQuery): Promise<FeedEntry[]>;

  getIdempotency(scope: string): Promise<IdempotencyRecord | undefined>;
  putIdempotency(record: IdempotencyRecord): Promise<void>;

  counts(): Promise<DemoCounts>;
  deviceSummary(deviceId: string): Promise<DeviceSummary>;
  clear(): Promise<void>;
}

function compareFeedDesc(a: FeedEntry, b: FeedEntry): number {
  return b.atMs - a.atMs || (a.passageId < b.passageId ? 1 : a.passageId > b.passageId ? -1 : 0);
}

/** The in-memory DemoStore. */
export function createMemoryStore(): DemoStore {
  let declarations = new Map<string, StoredDeclaration>();
  let passes = new Map<string, StoredPass>();
  let passesByCode = new Map<string, string>();
  let devices = new Map<string, StoredDevice>();
  let passages = new Map<string, StoredPassage>();
  let bySeq = new Map<string, string>();
  let byPass = new Map<string, string[]>();
  let feeds = new Map<string, { entries: FeedEntry[]; sorted: boolean }>();
  let idempotency = new Map<string, IdempotencyRecord>();
  let commitsPerId = new Map<string, number>();

  const seqKey = (deviceId: string, seq: number) => `${deviceId}#${seq}`;

  return {
    async putDeclaration(entry, pass) {
      declarations.set(entry.declarationId, structuredClone(entry));
      passes.set(pass.passId, { ...pass });
      passesByCode.set(pass.manualCode, pass.passId);
    },
    async getDeclaration(id) {
      const entry = declarations.get(id);
      return entry && structuredClone(entry);
    },
    async getPass(passId) {
      const pass = passes.get(passId);
      return pass && { ...pass };
    },
    async findPassByManualCode(code) {
      const passId = passesByCode.get(code);
      const pass = passId === undefined ? undefined : passes.get(passId);
      return pass && { ...pass };
    },
    async getDevice(deviceId) {
      const device = devices.get(deviceId);
      return device && { ...device };
    },
    async putDevice(device) {
      devices.set(device.deviceId, { ...device });
    },
    async getPassage(id) {
      return passages.get(id);
    },
    async getPassageBySeq(deviceId, seq) {
      const id = bySeq.get(seqKey(deviceId, seq));
      return id === undefined ? undefined : passages.get(id);
    },
    async commitPassages(list, feed) {
      // Validate the whole commit first so that it applies entirely or not at all.
      for (const p of list) {
        if (!p.record.id) throw new Error('commitPassages: record without id');
      }
      for (const p of list) {
        const frozen = Object.freeze({ ...p, record: Object.freeze({ ...p.record }) }) as StoredPassage;
        passages.set(p.record.id, frozen);
        bySeq.set(seqKey(p.record.deviceId, p.record.seq), p.record.id);
        commitsPerId.set(p.record.id, (commitsPerId.get(p.record.id) ?? 0) + 1);
        if (p.passId) {
          const ids = byPass.get(p.passId) ?? [];
          ids.push(p.record.id);
          byPass.set(p.passId, ids);
        }
      }
      for (const entry of feed) {
        const ward = feeds.get(entry.unitCode) ?? { entries: [], sorted: true };
        ward.entries.push({ ...entry });
        ward.sorted = false;
        feeds.set(entry.unitCode, ward);
      }
    },
    async passagesOfPass(passId) {
      return (byPass.get(passId) ?? []).map((id) => passages.get(id)).filter((p): p is StoredPassage => p !== undefined);
    },
    async wardFeed(unitCode, query) {
      const ward = feeds.get(unitCode);
      if (!ward) return [];
      if (!ward.sorted) {
        ward.entries.sort(compareFeedDesc);
        ward.sorted = true;
      }
      const out: FeedEntry[] = [];
      for (const entry of ward.entries) {
        if (entry.atMs >= query.toMs) continue;
        if (entry.atMs < query.fromMs) break;
        if (query.direction && entry.direction !== query.direction) continue;
        if (query.before && compareFeedDesc(entry, { ...entry, ...query.before }) <= 0) continue;
        out.push({ ...entry });
        if (out.length >= query.limit) break;
      }
      return out;
    },
    async getIdempotency(scope) {
      return idempotency.get(scope);
    },
    async putIdempotency(record) {
      idempotency.set(record.scope, record);
    },
    async counts() {
      const wards: DemoCounts['wards'] = {};
      let feedEntries = 0;
      for (const [unit, ward] of feeds) {
        const arrivals = ward.entries.filter((e) => e.direction === 'arrival').length;
        wards[unit] = { arrivals, departures: ward.entries.length - arrivals };
        feedEntries += ward.entries.length;
      }
      let duplicateCommits = 0;
      for (const n of commitsPerId.values()) duplicateCommits += n - 1;
      return {
        declarations: declarations.size,
        passes: passes.size,
        devices: devices.size,
        passages: passages.size,
        feedEntries,
        wards,
        idempotencyRecords: idempotency.size,
        duplicateCommits,
      };
    },
    async deviceSummary(deviceId) {
      const seqs: number[] = [];
      for (const p of passages.values()) if (p.record.deviceId === deviceId) seqs.push(p.record.seq);
      if (seqs.length === 0) return { count: 0, minSeq: null, maxSeq: null, missingSeq: 0 };
      let min = Infinity;
      let max = -Infinity;
      for (const s of seqs) {
        if (s < min) min = s;
        if (s > max) max = s;
      }
      return { count: seqs.length, minSeq: min, maxSeq: max, missingSeq: max - min + 1 - new Set(seqs).size };
    },
    async clear() {
      declarations = new Map();
      passes = new Map();
      passesByCode = new Map();
      devices = new Map();
      passages = new Map();
      bySeq = new Map();
      byPass = new Map();
      feeds = new Map();
      idempotency = new Map();
      commitsPerId = new Map();
    },
  };
}
