// Time and duration wording shared by <ck-sync-status> and <ck-checkpoint>. Times are shown in
// Vietnam time: a checkpoint's records are compared with ward feeds kept in that zone.
import { LOCALES, type Lang } from '../shared/localize';

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 phút trước" / "3 minutes ago" (or "vừa xong" / "just now" under a minute). */
export function formatAgo(ms: number, lang: Lang): string {
  const rtf = new Intl.RelativeTimeFormat(LOCALES[lang], { numeric: 'auto' });
  const abs = Math.abs(ms);
  if (abs < MINUTE) return rtf.format(0, 'second');
  if (abs < HOUR) return rtf.format(-Math.round(ms / MINUTE), 'minute');
  if (abs < DAY) return rtf.format(-Math.round(ms / HOUR), 'hour');
  return rtf.format(-Math.round(ms / DAY), 'day');
}

/** A signed duration as "2 phút 5 giây" / "2 min 5 s" (sign dropped; callers say ahead/behind). */
export function formatDuration(ms: number, lang: Lang): string {
  const total = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const units = lang === 'vi' ? ['ngày', 'giờ', 'phút', 'giây'] : ['d', 'h', 'min', 's'];
  const parts: string[] = [];
  if (d) parts.push(`${d} ${units[0]}`);
  if (h) parts.push(`${h} ${units[1]}`);
  if (m && !d) parts.push(`${m} ${units[2]}`);
  if (!d && !h && (s || parts.length === 0)) parts.push(`${s} ${units[3]}`);
  return parts.join(' ');
}

/** Time of day (Vietnam time), with the date when it is not today there. */
export function formatTime(at: Date | string | number, lang: Lang, now: number = Date.now()): string {
  const date = at instanceof Date ? at : new Date(at);
  if (!Number.isFinite(date.getTime())) return '';
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TIME_ZONE }).format(d);
  const sameDay = day(date) === day(new Date(now));
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: VIETNAM_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: sameDay ? '2-digit' : undefined,
    ...(sameDay ? {} : { day: '2-digit', month: '2-digit', year: 'numeric' }),
  }).format(date);
}

/** A calendar date 'YYYY-MM-DD' as dd/mm/yyyy (vi) or d Mon yyyy (en), without time-zone shifts. */
export function formatIsoDate(iso: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', day: '2-digit', month: lang === 'vi' ? '2-digit' : 'short', year: 'numeric' }).format(date);
}

/** Date and time (Vietnam time) for validity windows. */
export function formatDateTime(at: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: VIETNAM_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(at);
}
