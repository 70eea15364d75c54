// The ward inbox's rows, without DOM: one row per passage event and ward side (a `movement`
// with a known id replaces its row: follow-up decisions live inside it, they never add one),
// arrivals vs departures by the direction of travel relative to the ward, a passage that was not
// let through set apart as "turned back", the text filter over person and pass fields only
// (accents folded, keys folded once per row so 50,000 rows filter in a few milliseconds), status
// words instead of codes, health/risk flags, checkpoint names from the registry, and the CSV.
import type { CheckpointInfo } from '../../api/checkpoints';
import type { MovementFlags, WardContact, WardFeedItem } from '../../api/ward-feed';
import { FLAG_NAMES } from '../../api/ward-feed';
import { toCsv, type CsvValue } from '../../core/csv';
import { manualCode } from '../../core/manual-code';
import { vietnamWallClock, type PortalWords } from '../shared/portal-text';
import { foldVietnamese } from '../shared/unit-search';
import type { InboxMessages } from './ck-ward-inbox.messages';

/** What a row is to the ward: someone who came, someone who left, or someone not let through. */
export type RowKind = 'arrival' | 'departure' | 'turned-back';
/** The list shown: every row, or one kind. */
export type InboxView = 'all' | RowKind;

export interface InboxRow {
  readonly item: WardFeedItem;
  readonly kind: RowKind;
  readonly atMs: number;
  /** Folded person and pass fields, the only things the text filter looks at. */
  readonly key: string;
  /** The manual code shown for the row (given, or derived from the pass id). */
  readonly code: string;
}

export function rowKind(item: WardFeedItem): RowKind {
  return item.passed ? item.relation : 'turned-back';
}

/** The manual code of a row: the one typed at the kiosk, or the pass id's own. */
export function rowCode(item: Pick<WardFeedItem, 'manualCode' | 'passId'>): string {
  if (item.manualCode) return item.manualCode;
  if (!item.passId) return '';
  try {
    return manualCode(item.passId);
  } catch {
    return '';
  }
}

function makeRow(item: WardFeedItem): InboxRow {
  const code = rowCode(item);
  const key = foldVietnamese([item.person?.fullName ?? '', item.passId ?? '', code, code.replace(/-/g, '')].join(' '));
  return { item, kind: rowKind(item), atMs: Date.parse(item.at), key, code };
}

/** Newest first; ties by id so the order is stable. */
function newestFirst(a: InboxRow, b: InboxRow): number {
  return b.atMs - a.atMs || (a.item.id < b.item.id ? 1 : a.item.id > b.item.id ? -1 : 0);
}

export interface UpsertResult {
  /** Rows that did not exist before. */
  added: string[];
  /** Rows replaced by a newer version (a follow-up decision, a late field). */
  changed: string[];
}

export class WardInboxModel {
  #rows = new Map<string, InboxRow>();
  #sorted: InboxRow[] | undefined;
  #views = new Map<InboxView, InboxRow[]>();
  #counts: Record<RowKind, number> | undefined;
  /** Last filter result, reused when the next needle only narrows it (typing on). */
  #lastFilter: { view: InboxView; needle: string; source: InboxRow[]; rows: InboxRow[] } | undefined;

  get size(): number {
    return this.#rows.size;
  }

  get(id: string): InboxRow | undefined {
    return this.#rows.get(id);
  }

  clear(): void {
    this.#rows.clear();
    this.#invalidate();
  }

  /** Adds new rows and replaces known ones (same id); identical items change nothing. */
  upsert(items: readonly WardFeedItem[]): UpsertResult {
    const added: string[] = [];
    const changed: string[] = [];
    for (const item of items) {
      const held = this.#rows.get(item.id);
      if (held && sameItem(held.item, item)) continue;
      this.#rows.set(item.id, makeRow(item));
      (held ? changed : added).push(item.id);
    }
    if (added.length || changed.length) this.#invalidate();
    return { added, changed };
  }

  #invalidate(): void {
    this.#sorted = undefined;
    this.#counts = undefined;
    this.#views.clear();
    this.#lastFilter = undefined;
  }

  /** Every row, newest first. */
  all(): readonly InboxRow[] {
    this.#sorted ??= [...this.#rows.values()].sort(newestFirst);
    return this.#sorted;
  }

  counts(): Record<RowKind, number> {
    if (!this.#counts) {
      const counts = { arrival: 0, departure: 0, 'turned-back': 0 };
      for (const row of this.#rows.values()) counts[row.kind] += 1;
      this.#counts = counts;
    }
    return { ...this.#counts };
  }

  #ofView(view: InboxView): InboxRow[] {
    let rows = this.#views.get(view);
    if (!rows) {
      rows = view === 'all' ? [...this.all()] : this.all().filter((r) => r.kind === view);
      this.#views.set(view, rows);
    }
    return rows;
  }

  /**
   * The rows of `view` whose person or pass fields contain every word of `filter` (accents and
   * case ignored; ward names, checkpoints and statuses are not searched). Newest first.
   */
  visible(view: InboxView, filter: string): readonly InboxRow[] {
    const source = this.#ofView(view);
    const needle = foldVietnamese(filter);
    if (!needle) return source;
    const last = this.#lastFilter;
    const narrowing = last && last.view === view && last.source === source && needle.includes(last.needle);
    if (last && last.view === view && last.source === source && last.needle === needle) return last.rows;
    const terms = needle.split(' ');
    const from = narrowing ? last.rows : source;
    const rows = from.filter((r) => terms.every((t) => r.key.includes(t)));
    this.#lastFilter = { view, needle, source, rows };
    return rows;
  }
}

function sameItem(a: WardFeedItem, b: WardFeedItem): boolean {
  return a.decisions.length === b.decisions.length && a.decision === b.decision && a.verdictStatus === b.verdictStatus
    && a.receivedAt === b.receivedAt && a.passed === b.passed && JSON.stringify(a) === JSON.stringify(b);
}

// ---- words ------------------------------------------------------------------------------------

/** The check result in words: the kit's verdict words, the inbox's own for manual entries, never a raw code. */
export function statusText(status: string, words: PortalWords, msg: InboxMessages): string {
  if (Object.hasOwn(words.verdict, status)) return words.verdict[status as keyof PortalWords['verdict']];
  if (Object.hasOwn(msg.statusWords, status)) return msg.statusWords[status] ?? msg.otherStatus;
  return msg.otherStatus;
}

/** Flags raised on a row, most serious first. */
export function raisedFlags(flags: MovementFlags): (keyof MovementFlags)[] {
  return FLAG_NAMES.filter((name) => flags[name]);
}

/** The checkpoint as people call it: the registry name (and road), else the item's own, else its id. */
export function checkpointLabel(
  item: Pick<WardFeedItem, 'checkpointId' | 'checkpoint'>, registry: ReadonlyMap<string, CheckpointInfo>,
): { name: string; road: string | null; known: boolean } {
  const entry = registry.get(item.checkpointId);
  if (entry) return { name: entry.name, road: entry.road, known: true };
  if (item.checkpoint) return { name: item.checkpoint.name, road: item.checkpoint.road, known: true };
  return { name: item.checkpointId, road: null, known: false };
}

export function registryIndex(items: readonly CheckpointInfo[] | undefined): Map<string, CheckpointInfo> {
  return new Map((items ?? []).map((c) => [c.id, c]));
}

export interface CsvContext {
  msg: InboxMessages;
  words: PortalWords;
  unitName: (code: string) => string;
  registry: ReadonlyMap<string, CheckpointInfo>;
}

/** The rows as CSV (what is shown, in the same words as on screen). */
export function inboxCsv(rows: readonly InboxRow[], ctx: CsvContext, options: { bom?: boolean } = {}): string {
  const { msg, words } = ctx;
  const out: CsvValue[][] = [[...msg.csvHeader]];
  for (const { item: m, kind, code } of rows) {
    const cp = checkpointLabel(m, ctx.registry);
    out.push([
      vietnamWallClock(m.at), m.at, msg.kind[kind], words.movementDirection[m.relation], m.person?.fullName ?? '', m.passId ?? '', code,
      m.originUnit, ctx.unitName(m.originUnit), m.destinationUnit, ctx.unitName(m.destinationUnit),
      m.checkpointId, cp.known ? cp.name : '', cp.road ?? '', words.passageDirection[m.checkpointDirection],
      words.decision[m.decision], statusText(m.verdictStatus, words, msg),
      m.decisions.map((d) => `${vietnamWallClock(d.at).slice(11, 16)} ${words.decision[d.decision]} (${statusText(d.verdictStatus, words, msg)})`).join('; '),
      raisedFlags(m.flags).map((f) => msg.flags[f]).join('; '),
      m.idCheck ? msg.idCheck[m.idCheck] : '',
      m.receivedAt, m.id,
    ]);
  }
  return toCsv(out, options);
}

// ---- contacts -----------------------------------------------------------------------------------

/** Contacts by id (a repeated delivery replaces), newest link first. */
export class ContactList {
  #items = new Map<string, WardContact>();
  #sorted: WardContact[] | undefined;

  replaceAll(items: readonly WardContact[]): void {
    this.#items = new Map(items.map((c) => [c.id, c]));
    this.#sorted = undefined;
  }

  upsert(items: readonly WardContact[]): number {
    let added = 0;
    for (const c of items) {
      if (!this.#items.has(c.id)) added += 1;
      this.#items.set(c.id, c);
    }
    this.#sorted = undefined;
    return added;
  }

  get size(): number {
    return this.#items.size;
  }

  all(): readonly WardContact[] {
    this.#sorted ??= [...this.#items.values()].sort((a, b) => Date.parse(b.link.at) - Date.parse(a.link.at) || (a.id < b.id ? -1 : 1));
    return this.#sorted;
  }
}
