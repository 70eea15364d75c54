// Calendar dates as 'YYYY-MM-DD' strings. Fixed width, so string order is date order.

/** Vietnam (Asia/Ho_Chi_Minh) is UTC+7 all year, without daylight saving time. */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** True for a real calendar date written 'YYYY-MM-DD' (year 0001–9999). */
export function isIsoDate(value: unknown): value is string {
  // Hand-parsed rather than a regex: this runs several times on every verification.
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 0x2d || value.charCodeAt(7) !== 0x2d) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The decimal number in value[start, end), or -1 if any character there is not a digit. */
function digits(value: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = value.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Today's date in Vietnam at the instant `now`, as 'YYYY-MM-DD'. */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** `date` shifted by a whole number of days ('YYYY-MM-DD' in, 'YYYY-MM-DD' out). */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
