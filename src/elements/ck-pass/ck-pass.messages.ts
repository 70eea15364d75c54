// Labels and sentences of <ck-pass>. Verdict reasons come from the core (reasonText).

import type { IdType, Purpose } from '../../core/declaration';
import type { DurationParts } from '../shared/countdown-controller';
import type { Catalogs } from '../shared/localize';

export interface PassMessages {
  title: string;
  empty: string;
  loading: string;
  fullName: string;
  idNumber: string;
  idTypes: Record<IdType, string>;
  dateOfBirth: string;
  route: string;
  routeFrom: string;
  routeTo: string;
  validity: string;
  validRange: (from: string, until: string) => string;
  timeZoneNote: string;
  countdown: (parts: DurationParts, withSeconds: boolean) => string;
  startsIn: (parts: DurationParts, withSeconds: boolean) => string;
  expiredAt: (time: string) => string;
  manualCode: string;
  manualCodeHint: string;
  qrLabel: (code: string) => string;
  state: { valid: string; expired: string; notYet: string; revoked: string; invalid: string; unverified: string };
  unverifiedNote: string;
  checking: string;
  keysUnavailable: string;
  download: string;
  print: string;
  keep: string;
  kept: string;
  unkeep: string;
  storageFull: string;
  storageFailed: string;
  downloadFailed: string;
  unitCode: (code: string) => string;
  purpose: string;
  purposes: Record<Purpose, string>;
  vehiclePlate: string;
  vaccination: string;
  vaccinationText: (doses: number, lastDose: string) => string;
}

function duration(parts: DurationParts, withSeconds: boolean, units: [string, string, string, string]): string {
  const out: string[] = [];
  if (parts.days) out.push(`${parts.days} ${units[0]}`);
  if (parts.days || parts.hours) out.push(`${parts.hours} ${units[1]}`);
  out.push(`${parts.minutes} ${units[2]}`);
  if (withSeconds) out.push(`${parts.seconds} ${units[3]}`);
  return out.join(' ');
}

export const messages: Catalogs<PassMessages> = {
  vi: {
    title: 'Mã QR khai báo di chuyển nội địa',
    empty: 'Chưa có mã QR khai báo để hiển thị.',
    loading: 'Đang đọc mã QR khai báo…',
    fullName: 'Họ và tên',
    idNumber: 'Số giấy tờ',
    idTypes: { cccd: 'CCCD', cmnd: 'CMND', passport: 'Hộ chiếu' },
    dateOfBirth: 'Ngày sinh',
    route: 'Hành trình',
    routeFrom: 'Từ',
    routeTo: 'Đến',
    validity: 'Hiệu lực',
    validRange: (from, until) => `Từ ${from} đến ${until}`,
    timeZoneNote: '(giờ Việt Nam)',
    countdown: (p, s) => `Còn ${duration(p, s, ['ngày', 'giờ', 'phút', 'giây'])}`,
    startsIn: (p, s) => `Có hiệu lực sau ${duration(p, s, ['ngày', 'giờ', 'phút', 'giây'])}`,
    expiredAt: (time) => `Đã hết hạn lúc ${time}`,
    manualCode: 'Mã nhập tay',
    manualCodeHint: 'Đọc mã này cho cán bộ khi máy không quét được mã QR.',
    qrLabel: (code) => `Mã QR khai báo di chuyển nội địa, mã nhập tay ${code}`,
    state: {
      valid: 'Hợp lệ',
      expired: 'Đã hết hạn',
      notYet: 'Chưa đến thời gian hiệu lực',
      revoked: 'Đã bị thu hồi',
      invalid: 'Không hợp lệ',
      unverified: 'Chưa xác minh chữ ký',
    },
    unverifiedNote: 'Thiết bị chưa có khóa của đơn vị cấp nên chưa kiểm tra được chữ ký. Thông tin dưới đây chưa được xác minh.',
    checking: 'Đang kiểm tra chữ ký…',
    keysUnavailable: 'Không tải được khóa của đơn vị cấp.',
    download: 'Tải ảnh PNG',
    print: 'In mã QR',
    keep: 'Lưu trên thiết bị',
    kept: 'Đã lưu trên thiết bị, xem được cả khi không có mạng.',
    unkeep: 'Bỏ lưu',
    storageFull: 'Thiết bị đã hết dung lượng lưu trữ cho trang này.',
    storageFailed: 'Không lưu được trên thiết bị.',
    downloadFailed: 'Không tạo được ảnh PNG.',
    unitCode: (code) => `mã ${code}`,
    purpose: 'Mục đích',
    purposes: { work: 'Đi làm', medical: 'Khám chữa bệnh', family: 'Việc gia đình', official: 'Công vụ', goods: 'Vận chuyển hàng hóa', other: 'Khác' },
    vehiclePlate: 'Biển số xe',
    vaccination: 'Tiêm chủng',
    vaccinationText: (doses, lastDose) => `${doses} mũi, mũi cuối ngày ${lastDose}`,
  },
  en: {
    title: 'Domestic movement declaration QR code',
    empty: 'No declaration QR code to show yet.',
    loading: 'Reading the QR code…',
    fullName: 'Full name',
    idNumber: 'ID number',
    idTypes: { cccd: 'CCCD', cmnd: 'CMND', passport: 'Passport' },
    dateOfBirth: 'Date of birth',
    route: 'Route',
    routeFrom: 'From',
    routeTo: 'To',
    validity: 'Validity',
    validRange: (from, until) => `From ${from} until ${until}`,
    timeZoneNote: '(Vietnam time)',
    countdown: (p, s) => `${duration(p, s, ['d', 'h', 'min', 's'])} left`,
    startsIn: (p, s) => `Valid in ${duration(p, s, ['d', 'h', 'min', 's'])}`,
    expiredAt: (time) => `Expired at ${time}`,
    manualCode: 'Manual code',
    manualCodeHint: 'Read this code to the officer when the QR code cannot be scanned.',
    qrLabel: (code) => `Domestic movement declaration QR code, manual code ${code}`,
    state: {
      valid: 'Valid',
      expired: 'Expired',
      notYet: 'Not valid yet',
      revoked: 'Revoked',
      invalid: 'Not valid',
      unverified: 'Signature not checked',
    },
    unverifiedNote: 'This device has no keys of the issuer, so the signature could not be checked. The details below are not verified.',
    checking: 'Checking the signature…',
    keysUnavailable: 'The issuer’s keys could not be loaded.',
    download: 'Download PNG',
    print: 'Print QR code',
    keep: 'Keep on this device',
    kept: 'Kept on this device; it shows even without network.',
    unkeep: 'Remove from device',
    storageFull: 'This device has no storage space left for this page.',
    storageFailed: 'It could not be kept on this device.',
    downloadFailed: 'The PNG image could not be made.',
    unitCode: (code) => `code ${code}`,
    purpose: 'Purpose',
    purposes: { work: 'Work', medical: 'Medical care', family: 'Family matters', official: 'Official duty', goods: 'Transport of goods', other: 'Other' },
    vehiclePlate: 'Vehicle plate',
    vaccination: 'Vaccination',
    vaccinationText: (doses, lastDose) => `${doses} ${doses === 1 ? 'dose' : 'doses'}, last dose on ${lastDose}`,
  },
};
