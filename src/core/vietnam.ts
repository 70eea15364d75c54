// Reference data for Vietnamese identity and address fields.

/**
 * The 63 provinces and centrally-run cities with their two-digit administrative codes
 * (Decision 124/2004/QĐ-TTg as amended; the list in force in 2021). The same numbers, zero-padded
 * to three digits, open a CCCD number as the province of birth registration (Circular
 * 07/2016/TT-BCA, later 59/2021/TT-BCA).
 */
export const PROVINCES: readonly { readonly code: string; readonly name: string }[] = [
  { code: '01', name: 'Hà Nội' },
  { code: '02', name: 'Hà Giang' },
  { code: '04', name: 'Cao Bằng' },
  { code: '06', name: 'Bắc Kạn' },
  { code: '08', name: 'Tuyên Quang' },
  { code: '10', name: 'Lào Cai' },
  { code: '11', name: 'Điện Biên' },
  { code: '12', name: 'Lai Châu' },
  { code: '14', name: 'Sơn La' },
  { code: '15', name: 'Yên Bái' },
  { code: '17', name: 'Hòa Bình' },
  { code: '19', name: 'Thái Nguyên' },
  { code: '20', name: 'Lạng Sơn' },
  { code: '22', name: 'Quảng Ninh' },
  { code: '24', name: 'Bắc Giang' },
  { code: '25', name: 'Phú Thọ' },
  { code: '26', name: 'Vĩnh Phúc' },
  { code: '27', name: 'Bắc Ninh' },
  { code: '30', name: 'Hải Dương' },
  { code: '31', name: 'Hải Phòng' },
  { code: '33', name: 'Hưng Yên' },
  { code: '34', name: 'Thái Bình' },
  { code: '35', name: 'Hà Nam' },
  { code: '36', name: 'Nam Định' },
  { code: '37', name: 'Ninh Bình' },
  { code: '38', name: 'Thanh Hóa' },
  { code: '40', name: 'Nghệ An' },
  { code: '42', name: 'Hà Tĩnh' },
  { code: '44', name: 'Quảng Bình' },
  { code: '45', name: 'Quảng Trị' },
  { code: '46', name: 'Thừa Thiên Huế' },
  { code: '48', name: 'Đà Nẵng' },
  { code: '49', name: 'Quảng Nam' },
  { code: '51', name: 'Quảng Ngãi' },
  { code: '52', name: 'Bình Định' },
  { code: '54', name: 'Phú Yên' },
  { code: '56', name: 'Khánh Hòa' },
  { code: '58', name: 'Ninh Thuận' },
  { code: '60', name: 'Bình Thuận' },
  { code: '62', name: 'Kon Tum' },
  { code: '64', name: 'Gia Lai' },
  { code: '66', name: 'Đắk Lắk' },
  { code: '67', name: 'Đắk Nông' },
  { code: '68', name: 'Lâm Đồng' },
  { code: '70', name: 'Bình Phước' },
  { code: '72', name: 'Tây Ninh' },
  { code: '74', name: 'Bình Dương' },
  { code: '75', name: 'Đồng Nai' },
  { code: '77', name: 'Bà Rịa - Vũng Tàu' },
  { code: '79', name: 'Hồ Chí Minh' },
  { code: '80', name: 'Long An' },
  { code: '82', name: 'Tiền Giang' },
  { code: '83', name: 'Bến Tre' },
  { code: '84', name: 'Trà Vinh' },
  { code: '86', name: 'Vĩnh Long' },
  { code: '87', name: 'Đồng Tháp' },
  { code: '89', name: 'An Giang' },
  { code: '91', name: 'Kiên Giang' },
  { code: '92', name: 'Cần Thơ' },
  { code: '93', name: 'Hậu Giang' },
  { code: '94', name: 'Sóc Trăng' },
  { code: '95', name: 'Bạc Liêu' },
  { code: '96', name: 'Cà Mau' },
];

export function isProvinceCode(code: string): boolean {
  return PROVINCES.some((p) => p.code === code);
}

/** Vietnamese mobile numbers since the 2018 renumbering: 03x, 05x, 07x, 08x, 09x + 7 digits. */
const MOBILE_NATIONAL = /^0[35789]\d{8}$/;

/** True for a normalised mobile number `0xxxxxxxxx`. */
export function isNormalisedMobile(phone: string): boolean {
  return MOBILE_NATIONAL.test(phone);
}

/**
 * Normalises typed phone input: drops spaces, dots, dashes and parentheses, then accepts
 * `0` + 9 digits or `+84` + 9 digits (mobile prefixes 3/5/7/8/9), returning `0xxxxxxxxx`.
 */
export function normaliseMobile(input: string): string | undefined {
  const compact = input.replace(/[\s.\-()]/g, '');
  const match = /^(?:\+84|0)([35789]\d{8})$/.exec(compact);
  return match ? `0${match[1]}` : undefined;
}

/** Canonical Vietnamese plate: province digits, series, dash, 4 digits or 3.2 digits. */
const PLATE_CANONICAL = /^\d{2}(?:[A-Z]{1,2}|[A-Z]\d)-(?:\d{4}|\d{3}\.\d{2})$/;

export function isCanonicalPlate(plate: string): boolean {
  return PLATE_CANONICAL.test(plate);
}

/**
 * Normalises a typed plate (any case, optional spaces, dash and dot) to the canonical
 * `29A-123.45` / `29A-1234` / `29AB-123.45` / `51F1-234.56` form.
 */
export function normalisePlate(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/\s+/g, '');
  const match = /^(\d{2})-?([A-Z]{1,2}|[A-Z]\d)-?(?:(\d{3})\.?(\d{2})|(\d{4}))$/.exec(compact);
  if (!match) return undefined;
  const [, province, series, head, tail, four] = match;
  return four !== undefined ? `${province}${series}-${four}` : `${province}${series}-${head}.${tail}`;
}
