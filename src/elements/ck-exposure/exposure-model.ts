// What <ck-exposure> shows, without the DOM: contacts in the order a tracer works them
// (co-travellers, then same place and time in the same direction, then the other direction;
// closest in time first), the link that ranks each contact, the CSV rows and the query check.
import { EXPOSURE_WINDOW, type ContactLink, type Exposure, type ExposureContact } from '../../api/exposure';
import { lookupReasonProblem } from '../../api/routes';
import { isPassId } from '../../core/claims';
import type { CsvValue } from '../../core/csv';
import type { QueryProblem } from './ck-exposure.messages';

/** How a contact met the case, in the order they are worked. */
export type ContactGroup = 'co-traveller' | 'same-direction' | 'other-direction';
export const CONTACT_GROUPS: readonly ContactGroup[] = ['co-traveller', 'same-direction', 'other-direction'];

export function linkGroup(link: ContactLink): ContactGroup {
  if (link.kind === 'co-traveller') return 'co-traveller';
  return link.sameDirection ? 'same-direction' : 'other-direction';
}

function linkRank(link: ContactLink): [number, number] {
  return [CONTACT_GROUPS.indexOf(linkGroup(link)), link.minutesApart];
}

function compareRank(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** The link that puts the contact where it is: its closest kind of contact, then closest in time. */
export function primaryLink(contact: ExposureContact): ContactLink | undefined {
  let best: ContactLink | undefined;
  for (const link of contact.links) if (!best || compareRank(linkRank(link), linkRank(best)) < 0) best = link;
  return best;
}

/** The contact's group (a contact without links — a malformed answer — goes last). */
export function contactGroup(contact: ExposureContact): ContactGroup {
  const link = primaryLink(contact);
  return link ? linkGroup(link) : 'other-direction';
}

/**
 * Contacts in working order. The portal sends them so already; a host may hand the element
 * any list, so the order is made here too (stable: ties keep the portal's order).
 */
export function orderedContacts(contacts: readonly ExposureContact[]): ExposureContact[] {
  const ranked = contacts.map((contact, index) => {
    const link = primaryLink(contact);
    return { contact, index, rank: link ? linkRank(link) : ([CONTACT_GROUPS.length, Infinity] as [number, number]) };
  });
  ranked.sort((a, b) => compareRank(a.rank, b.rank) || a.index - b.index);
  return ranked.map((r) => r.contact);
}

/** Counts per group, for the summary line. */
export function groupCounts(contacts: readonly ExposureContact[]): Record<ContactGroup, number> {
  const counts: Record<ContactGroup, number> = { 'co-traveller': 0, 'same-direction': 0, 'other-direction': 0 };
  for (const contact of contacts) counts[contactGroup(contact)] += 1;
  return counts;
}

export interface ExposureCsvWords {
  header: readonly string[];
  group: Record<ContactGroup, string>;
  direction: Record<'in' | 'out', string>;
  /** Ward name by code ('' when unknown). */
  unitName(code: string): string;
  /** Checkpoint name by id ('' when unknown). */
  checkpointName(id: string): string;
  /** Vietnam wall clock of an instant. */
  wallClock(iso: string): string;
}

/**
 * One row per (contact, link), contacts in working order: the contact's identity and wards,
 * then where and when they met the case. The case's own name is not repeated on every row.
 */
export function exposureCsvRows(exposure: Exposure, words: ExposureCsvWords): CsvValue[][] {
  const rows: CsvValue[][] = [[...words.header]];
  for (const contact of orderedContacts(exposure.contacts)) {
    const links = [...contact.links].sort((a, b) => compareRank(linkRank(a), linkRank(b)));
    for (const link of links) {
      rows.push([
        words.group[linkGroup(link)],
        contact.passId ?? '',
        contact.manualCode ?? '',
        contact.person?.fullName ?? '',
        contact.originUnit, words.unitName(contact.originUnit),
        contact.destinationUnit, words.unitName(contact.destinationUnit),
        link.checkpointId, words.checkpointName(link.checkpointId),
        words.wallClock(link.at), link.at,
        words.direction[link.direction],
        link.minutesApart,
        exposure.case.passId,
        exposure.windowMinutes,
      ]);
    }
  }
  return rows;
}

/** What is wrong with a typed query (in field order), and the window it asks for. */
export function checkQuery(passId: string, reason: string, windowText: string): { problems: QueryProblem[]; windowMinutes: number } {
  const problems: QueryProblem[] = [];
  if (!isPassId(passId.trim())) problems.push('pass-id');
  const reasonProblem = lookupReasonProblem(reason);
  if (reasonProblem) problems.push(reasonProblem);
  const text = windowText.trim();
  const windowMinutes = Number(text);
  if (!/^\d{1,3}$/.test(text) || windowMinutes < EXPOSURE_WINDOW.min || windowMinutes > EXPOSURE_WINDOW.max) problems.push('window');
  return { problems, windowMinutes };
}
