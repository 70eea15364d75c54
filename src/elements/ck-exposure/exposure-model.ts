// What <ck-exposure> shows, without the DOM: contacts in the order a tracer works them
// (co-travellers, then same place and time in the same direction, then the other direction;
// closest in time first), the link that ranks each contact, the CSV rows and the query check.
import type { RoutePassage } from '../../api/contract';
import { EXPOSURE_WINDOW, type ContactLink, type Exposure, type ExposureContact } from '../../api/exposure';
import { isApiError } from '../../api/http';
import { lookupReasonProblem } from '../../api/routes';
import { isPassId } from '../../core/claims';
import type { CsvValue } from '../../core/csv';
import { requestProblem } from '../shared/portal-text';
import type { ExposureProblem, QueryProblem } from './ck-exposure.messages';

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

/** The window asked for when it is a whole number of minutes in range; the default otherwise. */
export function windowOrDefault(windowMinutes: number): number {
  const w = windowMinutes;
  return Number.isInteger(w) && w >= EXPOSURE_WINDOW.min && w <= EXPOSURE_WINDOW.max ? w : EXPOSURE_WINDOW.default;
}

type ReasonProblem = Exclude<QueryProblem, 'pass-id' | 'window'>;

/** The problem of each field of the query form (undefined: the field is fine). */
export function fieldProblems(problems: readonly QueryProblem[]): {
  passId: 'pass-id' | undefined;
  reason: ReasonProblem | undefined;
  window: 'window' | undefined;
} {
  return {
    passId: problems.includes('pass-id') ? 'pass-id' : undefined,
    reason: problems.find((p): p is ReasonProblem => p !== 'pass-id' && p !== 'window'),
    window: problems.includes('window') ? 'window' : undefined,
  };
}

/** Contacts in working order, split by group (every group present, maybe empty). */
export function contactsByGroup(contacts: readonly ExposureContact[]): Map<ContactGroup, ExposureContact[]> {
  const groups = new Map<ContactGroup, ExposureContact[]>(CONTACT_GROUPS.map((g) => [g, []]));
  for (const contact of orderedContacts(contacts)) groups.get(contactGroup(contact))?.push(contact);
  return groups;
}

/** A contact's route, earliest passage first. */
export function routeInOrder(route: readonly RoutePassage[]): RoutePassage[] {
  return [...route].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The link to a contact's route (`{passId}` replaced, encoded); '' without a template or a pass id. */
export function routeLink(template: string, passId: string | null | undefined): string {
  return template && passId ? template.replaceAll('{passId}', encodeURIComponent(passId)) : '';
}

/** A problem found before any request is made (wrong configuration or input). */
export class ExposureInputError extends Error {
  constructor(readonly problem: ExposureProblem) {
    super(problem);
  }
}

/** The problem to say for a failed query or delivery. */
export function problemOf(error: unknown): ExposureProblem {
  if (error instanceof ExposureInputError) return error.problem;
  if (isApiError(error) && error.status === 400) return error.serverCode === 'reason-required' ? 'reason-required' : 'bad-request';
  return requestProblem(error);
}

/** Whether asking again may help (not for wrong input, a refusal of the role or of the reason). */
export function isRetryable(problem: ExposureProblem): boolean {
  return !['no-api-base', 'invalid-pass-id', 'forbidden', 'reason-required', 'bad-request'].includes(problem);
}
