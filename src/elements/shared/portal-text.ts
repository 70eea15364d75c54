// Shared by the portal-side views (<ck-route>, <ck-ward-inbox>): the words for directions,
// decisions and verdicts (vi/en, each with an icon so colour is never the only signal), time
// and duration formatting in Vietnam time, and how untrusted text is made safe to show.
import type { MovementDirection } from '../../api/contract';
import { isApiError } from '../../api/http';
import type { AdministrativeUnit } from '../../api/units';
import type { OfficerDecision, PassageDirection } from '../../core/passage-record';
import type { PassStatus } from '../../core/verdict-types';
import type { Catalogs } from './localize';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Visual tone of a decision or verdict; the icon and the words carry the meaning, not the colour. */
export type Tone = 'good' | 'bad' | 'warn' | 'neutral';

export interface PortalWords {
  passageDirection: Record<PassageDirection, string>;
  movementDirection: Record<MovementDirection, string>;
  decision: Record<OfficerDecision, string>;
  verdict: Record<PassStatus, string>;
  /** A status word the kit does not know (a newer kiosk): shown as it is. */
  otherVerdict: (word: string) => string;
  /** A unit not found in the units list. */
  unitCode: (code: string) => string;
  /** A traveller the portal does not know (pass from another issuer). */
  unknownPerson: string;
  duration: (ms: number) => string;
  /** Stands for text that had to be cut short. */
  truncated: string;
}

function parts(ms: number, units: { d: string; h: string; m: string; under: string }): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return units.under;
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const out: string[] = [];
  if (d) out.push(`${d} ${units.d}`);
  if (h) out.push(`${h} ${units.h}`);
  // Minutes matter less once days are involved.
  if (m && !d) out.push(`${m} ${units.m}`);
  return out.join(' ');
}

export const portalWords: Catalogs<PortalWords> = {
  vi: {
    passageDirection: { in: 'Vào', out: 'Ra' },
    movementDirection: { arrival: 'Đến', departure: 'Đi' },
    decision: { allow: 'Cho qua', deny: 'Không cho qua', refer: 'Chuyển kiểm tra thêm' },
    verdict: {
      valid: 'Hợp lệ',
      expired: 'Hết hạn',
      'not-yet-valid': 'Chưa có hiệu lực',
      revoked: 'Đã thu hồi',
      'untrusted-issuer': 'Đơn vị cấp không tin cậy',
      'unknown-key': 'Khóa ký không xác định',
      'bad-signature': 'Sai chữ ký',
      'unsupported-algorithm': 'Thuật toán không được chấp nhận',
      malformed: 'Mã hỏng',
      'too-large': 'Mã quá lớn',
      'stale-trust': 'Danh sách tin cậy quá cũ',
    },
    otherVerdict: (word) => `Trạng thái “${word}”`,
    unitCode: (code) => `Mã đơn vị ${code}`,
    unknownPerson: 'Không rõ (mã do nơi khác cấp)',
    duration: (ms) => parts(ms, { d: 'ngày', h: 'giờ', m: 'phút', under: 'dưới 1 phút' }),
    truncated: '…',
  },
  en: {
    passageDirection: { in: 'In', out: 'Out' },
    movementDirection: { arrival: 'Arrival', departure: 'Departure' },
    decision: { allow: 'Allowed', deny: 'Denied', refer: 'Referred for checks' },
    verdict: {
      valid: 'Valid',
      expired: 'Expired',
      'not-yet-valid': 'Not yet valid',
      revoked: 'Revoked',
      'untrusted-issuer': 'Untrusted issuer',
      'unknown-key': 'Unknown signing key',
      'bad-signature': 'Bad signature',
      'unsupported-algorithm': 'Algorithm not accepted',
      malformed: 'Damaged code',
      'too-large': 'Code too large',
      'stale-trust': 'Trust list out of date',
    },
    otherVerdict: (word) => `Status “${word}”`,
    unitCode: (code) => `Unit code ${code}`,
    unknownPerson: 'Unknown (QR code issued elsewhere)',
    duration: (ms) => parts(ms, { d: 'd', h: 'h', m: 'min', under: 'under 1 min' }),
    truncated: '…',
  },
};

export const DIRECTION_ICONS: Record<PassageDirection, string> = { in: '↘', out: '↗' };
export const MOVEMENT_ICONS: Record<MovementDirection, string> = { arrival: '↓', departure: '↑' };

export const DECISION_LOOK: Record<OfficerDecision, { icon: string; tone: Tone }> = {
  allow: { icon: '✓', tone: 'good' },
  deny: { icon: '✕', tone: 'bad' },
  refer: { icon: '⚑', tone: 'warn' },
};

function isKnownStatus(word: string): word is PassStatus {
  return Object.hasOwn(portalWords.vi.verdict, word);
}

/** Icon, tone and words of a verdict status word (known or not). */
export function verdictLook(word: string, words: PortalWords): { icon: string; tone: Tone; text: string } {
  if (!isKnownStatus(word)) return { icon: '?', tone: 'neutral', text: words.otherVerdict(word) };
  const text = words.verdict[word];
  if (word === 'valid') return { icon: '✓', tone: 'good', text };
  if (word === 'not-yet-valid' || word === 'stale-trust') return { icon: '⚠', tone: 'warn', text };
  if (word === 'revoked') return { icon: '⊘', tone: 'bad', text };
  return { icon: '✕', tone: 'bad', text };
}

// ---- untrusted text ---------------------------------------------------------------------------

/**
 * Bidirectional controls (LRE…RLO, LRI…PDI, marks) and C0/C1 controls. An RLO (U+202E) in a name
 * would otherwise reverse what follows it; they are replaced by U+FFFD so the reader sees that
 * something was there.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Default cap on shown characters: far above any real name, far below a 10 KB attack string. */
export const MAX_SHOWN_CHARS = 160;

/**
 * Untrusted text as it may be shown: bidi and control characters made visible as U+FFFD, line
 * breaks and tabs as spaces, and at most `max` characters (whole code points) plus an ellipsis.
 * Markup needs no treatment: it is always bound as text, never as HTML.
 */
export function shownText(text: string, max = MAX_SHOWN_CHARS, ellipsis = '…'): string {
  const clean = text.replace(/[\t\r\n]+/g, ' ').replace(UNSAFE_CHARS, '\ufffd');
  if (clean.length <= max) return clean;
  const points = Array.from(clean);
  return points.length <= max ? clean : `${points.slice(0, max).join('')}${ellipsis}`;
}

// ---- units ----------------------------------------------------------------------------------

/** Unit name by code, for fast look-ups in long lists. */
export function unitIndex(units: readonly AdministrativeUnit[] | undefined): Map<string, AdministrativeUnit> {
  const index = new Map<string, AdministrativeUnit>();
  for (const unit of units ?? []) if (unit.level !== 'province') index.set(unit.code, unit);
  return index;
}

/** The unit's name, or "Unit code 00070" when unknown. */
export function unitLabel(code: string, index: { get(code: string): AdministrativeUnit | undefined }, words: PortalWords): string {
  const name = index.get(code)?.name;
  return name ? shownText(name) : words.unitCode(code);
}

// ---- time -----------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, kind: 'time' | 'date-time' | 'date'): Intl.DateTimeFormat {
  const key = `${locale}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit' }
        : kind === 'date'
          ? { day: '2-digit', month: '2-digit', year: 'numeric' }
          : { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' };
    f = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hourCycle: 'h23', ...options });
    formatters.set(key, f);
  }
  return f;
}

/** 'HH:mm' in Vietnam time. */
export function formatTime(iso: string, locale: string): string {
  return formatter(locale, 'time').format(new Date(iso));
}

/** Date and time in Vietnam time. */
export function formatDateTime(iso: string, locale: string): string {
  return formatter(locale, 'date-time').format(new Date(iso));
}

/** A 'YYYY-MM-DD' calendar day, written the locale's way. */
export function formatDay(day: string, locale: string): string {
  // Noon UTC is the same calendar day in Vietnam (UTC+7).
  return formatter(locale, 'date').format(new Date(`${day}T12:00:00Z`));
}

/** 'HH:mm:ss' in Vietnam time, for "updated at". */
export function formatClock(ms: number, locale: string): string {
  const key = `${locale}|clock`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(key, f);
  }
  return f.format(new Date(ms));
}

/** `lang`-independent: the Vietnam-time wall clock as 'YYYY-MM-DD HH:mm:ss' (for CSV cells). */
export function vietnamWallClock(iso: string): string {
  const t = Date.parse(iso) + 7 * 3_600_000;
  return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}


// ---- failures -------------------------------------------------------------------------------

/**
 * What a failed request means to the reader (ApiError codes folded into a few sentences):
 * 401 nobody signed in, 403 the role or area may not see this, the transport failures, else other.
 */
export type RequestProblem = 'login-required' | 'forbidden' | 'network' | 'timeout' | 'server' | 'rate-limited' | 'bad-response' | 'other';

export function requestProblem(error: unknown): RequestProblem {
  if (!isApiError(error)) return 'other';
  if (error.status === 401) return 'login-required';
  if (error.status === 403) return 'forbidden';
  switch (error.code) {
    case 'network':
    case 'timeout':
    case 'server':
    case 'rate-limited':
    case 'bad-response':
      return error.code;
    case 'too-large':
      return 'bad-response';
    default:
      return 'other';
  }
}

/** True for a request cancelled on purpose (superseded or disconnected): nothing to report. */
export function isAbort(error: unknown): boolean {
  return (isApiError(error) && error.code === 'aborted') || (error instanceof DOMException && error.name === 'AbortError');
}
