/// <reference types="node" />
// Ward/commune code → province code, from the demo's unit list (a portal loads its own register).
import { readFileSync } from 'node:fs';

let map: Map<string, string> | undefined;

export function provinceOf(unitCode: string): string | null {
  if (!map) {
    map = new Map();
    try {
      const units = JSON.parse(readFileSync(new URL('../demo/data/units.json', import.meta.url), 'utf8')) as { code: string; parentCode: string | null }[];
      for (const u of units) if (u.parentCode) map.set(u.code, u.parentCode);
    } catch {
      // No register: tracers are refused ward feeds (null matches no province).
    }
  }
  return map.get(unitCode) ?? null;
}
