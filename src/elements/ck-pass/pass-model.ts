// What <ck-pass> says about a pass, without a DOM: its state from the verdict and the clock, the
// dates as printed, and the text of the saved card (name, manual code, validity, purpose, plate,
// vaccination, both wards with their codes). Tested in Node.

import { manualCode } from '../../core/manual-code';
import type { PassStatus, PassVerdict, VerifiedPass } from '../../core/verdict-types';
import { reasonText } from '../../core/texts';
import { PROVINCES } from '../../core/vietnam';
import { showsSeconds, splitDuration } from '../shared/countdown-controller';
import type { Lang } from '../shared/localize';
import type { PassMessages } from './ck-pass.messages';
import type { PassCard } from './pass-card';

/** What the element shows about its pass, from the signature check (if any) and the clock. */
export type PassState = 'valid' | 'expired' | 'not-yet-valid' | 'revoked' | 'invalid' | 'unverified';

export interface Reading {
  text: string;
  pass?: VerifiedPass;
  unreadable?: PassStatus;
  verdict?: PassVerdict;
  /** Issuer keys are still loading: the details show, the verdict follows. */
  checking?: boolean;
}

export function stateOf(reading: Reading, now: number): PassState {
  const pass = reading.pass;
  const verdict = reading.verdict;
  if (verdict && verdict.status !== 'valid') {
    if (verdict.status === 'expired' || verdict.status === 'revoked' || verdict.status === 'not-yet-valid') return verdict.status;
    return 'invalid';
  }
  // The clock moves on after verification: a valid pass expires while shown.
  if (pass && now > pass.validUntil.getTime()) return 'expired';
  if (pass && now < pass.validFrom.getTime()) return 'not-yet-valid';
  return verdict ? 'valid' : 'unverified';
}

/** 'YYYY-MM-DD' → 'DD/MM/YYYY'. */
export function formatIsoDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

export function safeManualCode(passId: string): string {
  try {
    return manualCode(passId);
  } catch {
    return passId;
  }
}

/** Date and time in Vietnam time, in the element's locale. */
export function formatDateTime(locale: string, at: Date): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(at);
}

/** A ward with its code and province, as the card prints it ("Phường Hàng Trống (mã 00070), Thành phố Hà Nội"). */
export function placeText(msg: PassMessages, provinceName: string | undefined, unitName: string | undefined, code: string, unitCode: string): string {
  const province = provinceName ?? PROVINCES.find((p) => p.code === code)?.name ?? code;
  return `${unitName ? `${unitName} (${msg.unitCode(unitCode)})` : msg.unitCode(unitCode)}, ${province}`;
}

/** What the saved PNG says under the QR (the screen's summary, as plain text). */
export function passCard(
  pass: VerifiedPass,
  msg: PassMessages,
  locale: string,
  unitName: (provinceCode: string, unitCode: string) => string | undefined,
  provinceName: (provinceCode: string) => string | undefined,
): PassCard {
  const d = pass.declaration;
  const at = (date: Date) => formatDateTime(locale, date);
  const place = (p: { provinceCode: string; unitCode: string }) => placeText(msg, provinceName(p.provinceCode), unitName(p.provinceCode, p.unitCode), p.provinceCode, p.unitCode);
  const rows: [string, string][] = [
    [msg.validity, `${msg.validRange(at(pass.validFrom), at(pass.validUntil))} ${msg.timeZoneNote}`],
    [msg.purpose, `${msg.purposes[d.purpose]}${d.purposeNote ? `: ${d.purposeNote}` : ''}`],
    ...(d.vehiclePlate ? [[msg.vehiclePlate, d.vehiclePlate] as [string, string]] : []),
    ...(d.vaccination ? [[msg.vaccination, msg.vaccinationText(d.vaccination.doses, formatIsoDate(d.vaccination.lastDoseDate))] as [string, string]] : []),
    [msg.routeFrom, place(d.origin)],
    [msg.routeTo, place(d.destination)],
  ];
  return { name: d.fullName, codeLabel: msg.manualCode, code: safeManualCode(pass.passId), rows };
}

const STATE_ICONS: Record<PassState, string> = { valid: '✓', expired: '⌛', 'not-yet-valid': '⏳', revoked: '⊘', invalid: '✕', unverified: '?' };

/** The state line: icon and words, the reason, and a stale-trust warning (empty when none). */
export function stateLine(reading: Reading, state: PassState, msg: PassMessages, lang: Lang): { icon: string; words: string; reason: string; stale: string } {
  const words: Record<PassState, string> = {
    valid: msg.state.valid,
    expired: msg.state.expired,
    'not-yet-valid': msg.state.notYet,
    revoked: msg.state.revoked,
    invalid: msg.state.invalid,
    unverified: msg.state.unverified,
  };
  const verdict = reading.verdict;
  let reason: string;
  if (!verdict) reason = msg.unverifiedNote;
  else if (state === 'expired' && verdict.status === 'valid') reason = reasonText('expired', lang);
  else reason = verdict.reasons[lang];
  const stale = verdict?.warnings.includes('stale-trust') ? reasonText('stale-trust', lang) : '';
  return { icon: STATE_ICONS[state], words: words[state], reason, stale };
}

/** The live part of the validity: when it ended, starts in, or how long it still runs. */
export function validityLive(pass: VerifiedPass, now: number, remainingMs: number, msg: PassMessages, locale: string): string {
  if (now >= pass.validUntil.getTime()) return msg.expiredAt(formatDateTime(locale, pass.validUntil));
  if (now < pass.validFrom.getTime()) return msg.startsIn(splitDuration(remainingMs), showsSeconds(remainingMs));
  return msg.countdown(splitDuration(remainingMs), showsSeconds(remainingMs));
}
