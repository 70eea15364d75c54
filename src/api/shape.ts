// Small shape checks for response bodies: each client module states the shape it expects with
// these and throws ApiError 'bad-response' on the first mismatch.
import { badResponse } from './http';

export const MOVEMENT_DIRECTIONS = ['arrival', 'departure'] as const;
export const PASSAGE_DIRECTIONS = ['in', 'out'] as const;
export const DECISIONS = ['allow', 'deny', 'refer'] as const;
export const CONTACT_KINDS = ['co-traveller', 'same-window'] as const;

export type Obj = Record<string, unknown>;

export function object(value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badResponse(`${what} is not an object.`);
  return value as Obj;
}

export function string(value: unknown, what: string, pattern?: RegExp, maxLength = 1024): string {
  if (typeof value !== 'string' || value.length > maxLength || (pattern && !pattern.test(value))) {
    throw badResponse(`${what} is not a valid string.`);
  }
  return value;
}

export function nullableString(value: unknown, what: string, pattern?: RegExp, maxLength = 1024): string | null {
  return value === null || value === undefined ? null : string(value, what, pattern, maxLength);
}

export function isoTime(value: unknown, what: string): string {
  const text = string(value, what, /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/, 40);
  if (!Number.isFinite(Date.parse(text))) throw badResponse(`${what} is not a valid time.`);
  return text;
}

export function nullableIsoTime(value: unknown, what: string): string | null {
  return value === null || value === undefined ? null : isoTime(value, what);
}

export function oneOf<T extends string>(value: unknown, choices: readonly T[], what: string): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) throw badResponse(`${what} is not one of ${choices.join(', ')}.`);
  return value as T;
}

export function array(value: unknown, what: string, maxItems: number): unknown[] {
  if (!Array.isArray(value) || value.length > maxItems) throw badResponse(`${what} is not an array of at most ${maxItems}.`);
  return value;
}

export function integerOrNull(value: unknown, what: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw badResponse(`${what} is not an integer.`);
  return value;
}

export function person(value: unknown, what: string): { fullName: string } | null {
  if (value === null || value === undefined) return null;
  const o = object(value, what);
  return { fullName: string(o.fullName, `${what}.fullName`, undefined, 400) };
}
