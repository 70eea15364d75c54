// Search over administrative units that ignores Vietnamese diacritics and case, so "ha noi",
// "HA NOI" and "Hà Nội" all find "Thành phố Hà Nội", and "dong da" finds "Đống Đa".

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

/** Unit-type words that open official names; matching at the start of the rest ranks first. */
const TYPE_PREFIX = /^(?:thanh pho|tinh|phuong|xa|thi tran|thi xa|quan|huyen) /;

export interface SearchableUnit {
  unit: AdministrativeUnit;
  /** Folded name, and folded name without its type word. */
  folded: string;
  core: string;
  foldedDistrict: string;
}

export function makeSearchable(unit: AdministrativeUnit): SearchableUnit {
  const folded = foldVietnamese(unit.name);
  return { unit, folded, core: folded.replace(TYPE_PREFIX, ''), foldedDistrict: unit.district ? foldVietnamese(unit.district) : '' };
}

/**
 * Units matching `query`, best first: code or name start; a word of the name starting with the
 * query; the name containing it; the district containing it; every query word starting a word
 * of the name or district (in any order); finally the text without spaces ("hanoi"). Ties in
 * alphabetical order of the name without its type word ("Hà Nam" before "Hà Nội").
 */
export function searchUnits(units: readonly SearchableUnit[], query: string): SearchableUnit[] {
  const q = foldVietnamese(query);
  if (q === '') return [...units];
  const words = q.split(' ');
  const squashed = q.replace(/ /g, '');
  const scored: { item: SearchableUnit; score: number }[] = [];
  for (const item of units) {
    const haystack = ` ${item.folded} ${item.foldedDistrict} `;
    let score: number;
    if (item.unit.code.startsWith(q) || item.core.startsWith(q) || item.folded.startsWith(q)) score = 0;
    else if (` ${item.folded}`.includes(` ${q}`)) score = 1;
    else if (item.folded.includes(q)) score = 2;
    else if (item.foldedDistrict.includes(q)) score = 3;
    else if (words.every((w) => haystack.includes(` ${w}`))) score = 4;
    else if (haystack.replace(/ /g, '').includes(squashed)) score = 5;
    else continue;
    scored.push({ item, score });
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
