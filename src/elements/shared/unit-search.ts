// Search over administrative units by the words of their own name, ignoring Vietnamese
// diacritics and case: "phuc xa" finds "Phường Phúc Xá" and nothing else, "dong da" finds
// "Đống Đa". The unit-type word ("Phường", "Xã", "Thị trấn", "Tỉnh", "Thành phố") counts only
// when the person types it ("xa phuc" still finds "Xã Phúc …" and "Phường Phúc Xá"), and the
// district is never searched (it is shown beside the name to tell same-named wards apart).

import type { AdministrativeUnit } from '../../api/units';

/** Lower case, diacritics removed (đ/Đ → d), whitespace collapsed. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Unit-type words that open official names. */
const TYPE_PREFIX = /^(?:thanh pho trung uong|thanh pho|tinh|phuong|xa|thi tran|thi xa|quan|huyen) /;

export interface SearchableUnit {
  unit: AdministrativeUnit;
  /** Folded full name, and folded name without its type word. */
  folded: string;
  core: string;
  /** The words of `core`, and of the full name. */
  coreWords: string[];
  words: string[];
}

export function makeSearchable(unit: AdministrativeUnit): SearchableUnit {
  const folded = foldVietnamese(unit.name);
  const core = folded.replace(TYPE_PREFIX, '');
  return { unit, folded, core, coreWords: core.split(' '), words: folded.split(' ') };
}

/**
 * Every query word starts a different word of `words`; 0 when they do in order and from the
 * first word, 1 in order, 2 in any order, undefined when some query word starts none.
 */
function wordMatch(query: readonly string[], words: readonly string[]): number | undefined {
  const used = new Set<number>();
  let inOrder = true;
  let last = -1;
  for (const q of query) {
    // Prefer the next word in order, so "ha noi" matches (ha, noi) rather than (ha, …).
    let found = words.findIndex((w, i) => i > last && !used.has(i) && w.startsWith(q));
    if (found < 0) {
      found = words.findIndex((w, i) => !used.has(i) && w.startsWith(q));
      inOrder = false;
    }
    if (found < 0) return undefined;
    used.add(found);
    last = found;
  }
  if (!inOrder) return 2;
  return used.has(0) && words[0]?.startsWith(query[0] ?? '') ? 0 : 1;
}

/**
 * Units matching `query`, best first. A code (digits) matches codes that start with it. Words
 * match word starts of the unit's own name (without its type word): from its first word in
 * order, then in order, then in any order; then the full name from its type word, in order
 * (only a type word typed first gets there); last, the name without spaces ("hanoi"). Ties in alphabetical
 * order of the name without its type word ("Hà Nam" before "Hà Nội").
 */
export function searchUnits(units: readonly SearchableUnit[], query: string): SearchableUnit[] {
  const q = foldVietnamese(query);
  if (q === '') return [...units];
  const scored: { item: SearchableUnit; score: number }[] = [];
  if (/^\d+$/.test(q)) {
    for (const item of units) if (item.unit.code.startsWith(q)) scored.push({ item, score: 0 });
  } else {
    const words = q.split(' ');
    const squashed = q.replace(/ /g, '');
    for (const item of units) {
      let score = wordMatch(words, item.coreWords);
      if (score === undefined) {
        // A type word counts where it is written, first: "xa phuc" → "Xã Phúc …", but the
        // "xa" of "phuc xa" is not the "Xã" of every commune.
        if (wordMatch(words, item.words) === 0) score = 3;
        else if (item.core.replace(/ /g, '').startsWith(squashed)) score = 6;
        else continue;
      }
      scored.push({ item, score });
    }
  }
  return scored
    .sort((a, b) => a.score - b.score || a.item.core.localeCompare(b.item.core, 'vi') || a.item.unit.name.localeCompare(b.item.unit.name, 'vi'))
    .map((s) => s.item);
}

/** The unit whose name (with or without type word) or code equals the query, if exactly one does. */
export function exactUnit(units: readonly SearchableUnit[], query: string): SearchableUnit | undefined {
  const q = foldVietnamese(query);
  if (q === '') return undefined;
  const matches = units.filter((u) => u.folded === q || u.core === q || u.unit.code === q);
  return matches.length === 1 ? matches[0] : undefined;
}
