// Every sentence the core shows to people, in Vietnamese (default) and English.
// Elements display these; they must not write their own copies.

import type { DeclarationErrorCode } from './declaration';
import type { IdCardErrorCode } from './id-card';
import type { IdCardMatch, IdCompareField, IdFieldOutcome } from './id-card-compare';
import type { PassStatus } from './verdict-types';

export type ReasonLang = 'vi' | 'en';

const REASONS: Record<PassStatus, Record<ReasonLang, string>> = {
  valid: {
    vi: 'Mã QR khai báo hợp lệ: chữ ký đúng và còn trong thời hạn. Hãy đối chiếu họ tên, ngày sinh và số giấy tờ với giấy tờ tùy thân.',
    en: 'Valid declaration QR code: the signature is genuine and it is within its validity period. Compare the name, date of birth and ID number with the ID card.',
  },
  expired: {
    vi: 'Mã QR khai báo đã hết hạn.',
    en: 'This declaration QR code has expired.',
  },
  'not-yet-valid': {
    vi: 'Mã QR khai báo chưa đến thời gian có hiệu lực.',
    en: 'This declaration QR code is not valid yet.',
  },
  revoked: {
    vi: 'Mã QR khai báo đã bị cơ quan cấp thu hồi.',
    en: 'This declaration QR code has been revoked by its issuer.',
  },
  'untrusted-issuer': {
    vi: 'Đơn vị cấp mã không có trong danh sách tin cậy của thiết bị.',
    en: 'The issuer of this QR code is not on this device’s trusted list.',
  },
  'unknown-key': {
    vi: 'Khóa ký của đơn vị cấp không có trong danh sách tin cậy (khóa mới hoặc đã bị thu hồi). Hãy cập nhật danh sách tin cậy.',
    en: 'The issuer’s signing key is not on the trusted list (a new key, or one that was withdrawn). Update the trust list.',
  },
  'bad-signature': {
    vi: 'Chữ ký không khớp: mã đã bị sửa đổi hoặc bị giả mạo.',
    en: 'The signature does not match: the QR code was altered or forged.',
  },
  'unsupported-algorithm': {
    vi: 'Mã dùng thuật toán ký không được chấp nhận.',
    en: 'The QR code uses a signature algorithm that is not accepted.',
  },
  malformed: {
    vi: 'Mã không phải mã QR khai báo hợp lệ hoặc đã bị hỏng.',
    en: 'This code is not a valid declaration QR code, or it is damaged.',
  },
  'too-large': {
    vi: 'Mã quá lớn, không thể là mã QR khai báo.',
    en: 'The code is too large to be a declaration QR code.',
  },
  'stale-trust': {
    vi: 'Danh sách tin cậy trên thiết bị đã quá cũ. Hãy cập nhật trước khi chấp nhận mã QR khai báo.',
    en: 'The trust list on this device is out of date. Update it before accepting declaration QR codes.',
  },
};

/** The human sentence for a verdict status (also used for the `stale-trust` warning). */
export function reasonText(status: PassStatus, lang: ReasonLang): string {
  return REASONS[status][lang === 'en' ? 'en' : 'vi'];
}

/** Both languages at once, as `PassVerdict.reasons` carries them. */
export function reasonTexts(status: PassStatus): { vi: string; en: string } {
  const texts = REASONS[status];
  return { vi: texts.vi, en: texts.en };
}

const DECLARATION_ERRORS: Record<DeclarationErrorCode, Record<ReasonLang, string>> = {
  required: { vi: 'Vui lòng nhập thông tin này.', en: 'This field is required.' },
  'invalid-type': { vi: 'Giá trị không đúng kiểu dữ liệu.', en: 'This value has the wrong type.' },
  'too-short': { vi: 'Nội dung quá ngắn.', en: 'This is too short.' },
  'too-long': { vi: 'Nội dung quá dài.', en: 'This is too long.' },
  'invalid-characters': {
    vi: 'Có ký tự không được phép.',
    en: 'This contains characters that are not allowed.',
  },
  'invalid-format': { vi: 'Sai định dạng.', en: 'The format is not valid.' },
  'unknown-value': { vi: 'Giá trị không nằm trong danh sách cho phép.', en: 'This is not one of the allowed values.' },
  'invalid-date': { vi: 'Ngày không hợp lệ (định dạng YYYY-MM-DD).', en: 'Not a valid date (format YYYY-MM-DD).' },
  'future-date': { vi: 'Ngày không được ở tương lai.', en: 'The date cannot be in the future.' },
  'before-1900': { vi: 'Ngày không được trước năm 1900.', en: 'The date cannot be before 1900.' },
  'before-today': { vi: 'Ngày đi không được trước hôm nay.', en: 'The departure date cannot be before today.' },
  'before-departure': { vi: 'Ngày về không được trước ngày đi.', en: 'The return date cannot be before the departure date.' },
  'invalid-phone': {
    vi: 'Số điện thoại di động không hợp lệ (ví dụ 0912345678 hoặc +84912345678).',
    en: 'Not a valid Vietnamese mobile number (e.g. 0912345678 or +84912345678).',
  },
  'invalid-plate': {
    vi: 'Biển số xe không hợp lệ (ví dụ 29A-123.45).',
    en: 'Not a valid Vietnamese number plate (e.g. 29A-123.45).',
  },
  'cccd-province': {
    vi: 'Ba chữ số đầu của số CCCD không phải mã tỉnh hợp lệ.',
    en: 'The first three digits of the CCCD number are not a valid province code.',
  },
  'cccd-century': {
    vi: 'Chữ số thứ tư của số CCCD không khớp với thế kỷ của năm sinh.',
    en: 'The fourth digit of the CCCD number does not match the century of birth.',
  },
  'cccd-gender': {
    vi: 'Chữ số thứ tư của số CCCD không khớp với giới tính.',
    en: 'The fourth digit of the CCCD number does not match the gender.',
  },
  'cccd-birth-year': {
    vi: 'Chữ số thứ năm và sáu của số CCCD không khớp với năm sinh.',
    en: 'The fifth and sixth digits of the CCCD number do not match the year of birth.',
  },
};

/** The message a form shows for a field error code. */
export function declarationErrorText(code: DeclarationErrorCode, lang: ReasonLang): string {
  return DECLARATION_ERRORS[code][lang === 'en' ? 'en' : 'vi'];
}

// ---------------------------------------------------------------------------- the ID card

const ID_CARD_ERRORS: Record<IdCardErrorCode, Record<ReasonLang, string>> = {
  'too-long': { vi: 'Mã quá dài, không phải mã QR trên thẻ CCCD.', en: 'The code is too long to be an ID card QR code.' },
  'not-an-id-card': { vi: 'Đây không phải mã QR trên thẻ CCCD gắn chip.', en: 'This is not the QR code of a chip ID card.' },
  'bad-number': { vi: 'Số CCCD trên thẻ không đủ 12 chữ số.', en: 'The card’s ID number is not 12 digits.' },
  'unknown-province': {
    vi: 'Ba chữ số đầu của số CCCD trên thẻ không phải mã tỉnh.',
    en: 'The first three digits of the card’s ID number are not a province code.',
  },
  'bad-cmnd': { vi: 'Số CMND cũ trên thẻ không đúng 9 chữ số.', en: 'The old CMND number on the card is not 9 digits.' },
  'bad-name': { vi: 'Họ tên trên thẻ không đọc được.', en: 'The name on the card cannot be read.' },
  'bad-date': { vi: 'Ngày sinh trên thẻ không hợp lệ.', en: 'The date of birth on the card is not valid.' },
  'bad-gender': { vi: 'Giới tính trên thẻ không đọc được.', en: 'The gender on the card cannot be read.' },
  'bad-address': { vi: 'Nơi thường trú trên thẻ không đọc được.', en: 'The address on the card cannot be read.' },
  'bad-issue-date': { vi: 'Ngày cấp trên thẻ không hợp lệ.', en: 'The issue date on the card is not valid.' },
  'century-mismatch': {
    vi: 'Chữ số thứ tư của số CCCD không khớp với năm sinh trên thẻ: thẻ có thể bị làm giả.',
    en: 'The fourth digit of the ID number does not match the card’s year of birth: the card may be forged.',
  },
  'gender-digit-mismatch': {
    vi: 'Chữ số thứ tư của số CCCD không khớp với giới tính trên thẻ: thẻ có thể bị làm giả.',
    en: 'The fourth digit of the ID number does not match the card’s gender: the card may be forged.',
  },
  'birth-year-mismatch': {
    vi: 'Chữ số thứ năm và sáu của số CCCD không khớp với năm sinh trên thẻ: thẻ có thể bị làm giả.',
    en: 'The fifth and sixth digits of the ID number do not match the card’s year of birth: the card may be forged.',
  },
};

/** Why a scanned card QR was refused, for the officer. */
export function idCardErrorText(code: IdCardErrorCode, lang: ReasonLang): string {
  return ID_CARD_ERRORS[code][lang === 'en' ? 'en' : 'vi'];
}

const ID_FIELD_LABELS: Record<IdCompareField, Record<ReasonLang, string>> = {
  idNumber: { vi: 'Số giấy tờ', en: 'ID number' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  dateOfBirth: { vi: 'Ngày sinh', en: 'Date of birth' },
  gender: { vi: 'Giới tính', en: 'Gender' },
};

/** The label of a compared field. */
export function idFieldLabel(field: IdCompareField, lang: ReasonLang): string {
  return ID_FIELD_LABELS[field][lang === 'en' ? 'en' : 'vi'];
}

const ID_FIELD_OUTCOMES: Record<IdFieldOutcome, Record<ReasonLang, string>> = {
  match: { vi: 'Khớp với thẻ', en: 'Matches the card' },
  mismatch: { vi: 'KHÔNG khớp với thẻ', en: 'Does NOT match the card' },
  'not-on-card': { vi: 'Không có trên thẻ — kiểm tra bằng mắt', en: 'Not on the card — check by eye' },
  'not-on-pass': { vi: 'Không có trong khai báo', en: 'Not in the declaration' },
};

/** One field's outcome in words (show it with an icon: ✓ match, ✗ mismatch, ? otherwise). */
export function idFieldOutcomeText(outcome: IdFieldOutcome, lang: ReasonLang): string {
  return ID_FIELD_OUTCOMES[outcome][lang === 'en' ? 'en' : 'vi'];
}

/** A field's outcome as one sentence, e.g. "Ngày sinh: Khớp với thẻ". */
export function idFieldText(field: IdCompareField, outcome: IdFieldOutcome, lang: ReasonLang): string {
  return `${idFieldLabel(field, lang)}: ${idFieldOutcomeText(outcome, lang)}`;
}

const ID_CARD_MATCH: Record<IdCardMatch, Record<ReasonLang, string>> = {
  matched: { vi: 'Thẻ CCCD khớp với mã khai báo.', en: 'The ID card matches the declaration.' },
  mismatch: { vi: 'Thẻ CCCD KHÔNG khớp với mã khai báo.', en: 'The ID card does NOT match the declaration.' },
};

/** The card check's overall result in words. */
export function idCardMatchText(result: IdCardMatch, lang: ReasonLang): string {
  return ID_CARD_MATCH[result][lang === 'en' ? 'en' : 'vi'];
}
