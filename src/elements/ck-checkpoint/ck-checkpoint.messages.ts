// Labels and sentences of <ck-checkpoint>. Verdict reasons come from the core (verdict.reasons).
import type { IdType, Gender, Purpose, Symptom, TestKind } from '../../core/declaration';
import type { OfficerDecision, PassageDirection } from '../../core/passage-record';
import type { RiskLevel } from '../../core/trust-bundle';
import type { PassStatus } from '../../core/verdict-types';
import type { Catalogs } from '../shared/localize';

/** The stale-trust banner (stale-trust-banner.ts). */
export interface StaleTrustMessages {
  title: string;
  /** Why: the bundle's number, when it was issued, how old it is. */
  body: (sequence: number, issued: string, age: string) => string;
  action: string;
  /** Under the button: what pressing it does. */
  hint: string;
  /** After the acknowledgement: since when. */
  acknowledged: (sequence: number, at: string) => string;
  /** The reason shown for a valid pass held back as 'stale-trust'. */
  reason: string;
}

export interface CheckpointMessages {
  staleTrust: StaleTrustMessages;
  label: string;
  checkpoint: string;
  officer: string;
  notSet: string;
  direction: string;
  directions: Record<PassageDirection, string>;
  newVehicle: string;
  status: Record<PassStatus, string>;
  manualStatus: string;
  unreadable: string;
  decisions: Record<OfficerDecision, string>;
  decisionsTitle: string;
  decisionsHint: string;
  automatic: string;
  compareTitle: string;
  /** Before the headline's supporting line on the pass itself. */
  passLine: string;
  cardWaiting: string;
  cardUnreadable: string;
  cardResult: Record<'matched' | 'mismatch', string>;
  cardOutcomes: Record<'match' | 'mismatch' | 'not-on-card' | 'not-on-pass', string>;
  fullName: string;
  idNumber: string;
  idTypes: Record<IdType, string>;
  dateOfBirth: string;
  gender: string;
  genders: Record<Gender, string>;
  routeTitle: string;
  from: string;
  to: string;
  unitCode: (code: string) => string;
  purpose: string;
  purposes: Record<Purpose, string>;
  vehicle: string;
  noVehicle: string;
  validity: string;
  validRange: (from: string, until: string) => string;
  healthTitle: string;
  symptoms: string;
  noSymptoms: string;
  symptomNames: Record<Symptom, string>;
  contact: string;
  yes: string;
  no: string;
  test: string;
  testResult: (positive: boolean, kind: TestKind | undefined, date: string) => string;
  noTest: string;
  checkTitle: string;
  riskLevels: Record<RiskLevel | 'unknown', string>;
  riskArea: (place: string, level: string, since: string) => string;
  riskCheck: string;
  positiveTest: (date: string) => string;
  symptomsFlag: (list: string) => string;
  contactFlag: string;
  doubleIn: (time: string, checkpoint: string) => string;
  recentPassage: (direction: string, checkpoint: string, ago: string) => string;
  staleTrustFlag: string;
  clockSkewFlag: (amount: string, ahead: boolean) => string;
  /** The device clock disagrees with the trusted clock; `drift`: how far the anchor may be off. */
  clockProblem: (amount: string, ahead: boolean, drift: { drift: string; since: string } | null) => string;
  invalidAction: string;
  noPersonalData: string;
  recording: string;
  recorded: (time: string, decision: string) => string;
  amended: (decision: string) => string;
  /** Already recorded here by this device: the officer may record again (a follow-up). */
  rescan: (time: string, decision: string) => string;
  /** The portal knows a passage here, this way, moments ago from another device. */
  recordedHere: (time: string) => string;
  notRecordedUnreadable: string;
  storageFull: string;
  saveFailed: string;
  retry: string;
  manualTitle: string;
  manualNote: string;
  manualCode: string;
  originUnit: string;
  destinationUnit: string;
  unitHint: string;
  unitError: string;
  manualDecide: string;
  /** The section with checks, health answers, route and validity. */
  detailsTitle: string;
  vehicleTitle: string;
  vehicleCount: (n: number) => string;
  vehicleEmpty: string;
  person: (n: number) => string;
  idle: string;
  shortcutsTitle: string;
  shortcutKeys: { key: string; action: string }[];
  announce: (n: number, status: string, decision: string | null) => string;
  problems: {
    'no-checkpoint': string;
    'no-anchor': string;
    'store-failed': string;
    'storage-blocked': string;
    'no-trust': string;
    'anchor-failed': string;
  };
}

export const messages: Catalogs<CheckpointMessages> = {
  vi: {
    staleTrust: {
      title: 'Dữ liệu tin cậy đã quá cũ',
      body: (sequence, issued, age) => `Bộ dữ liệu tin cậy số ${sequence} được cấp lúc ${issued} (${age}). Mã đã bị thu hồi sau thời điểm đó vẫn có thể hiện hợp lệ. Mọi mã đang hiện "DỮ LIỆU TIN CẬY QUÁ CŨ" và không được tự động cho qua.`,
      action: 'Tôi hiểu, tiếp tục với dữ liệu tin cậy cũ',
      hint: 'Xác nhận được ghi lại trên thiết bị (thời điểm và số bộ dữ liệu) và hết hiệu lực khi có dữ liệu mới hơn. Kết nối mạng để cập nhật nếu có thể.',
      acknowledged: (sequence, at) => `Đang dùng dữ liệu tin cậy cũ (bộ số ${sequence}) theo xác nhận của cán bộ lúc ${at}. Kết nối mạng để cập nhật.`,
      reason: 'Chữ ký đúng, nhưng dữ liệu tin cậy đã quá cũ: chưa thể coi là hợp lệ cho đến khi cán bộ xác nhận hoặc dữ liệu được cập nhật.',
    },
    label: 'Kiểm soát tại chốt',
    checkpoint: 'Chốt',
    officer: 'Cán bộ',
    notSet: 'chưa đặt',
    direction: 'Chiều đi',
    directions: { in: 'Vào', out: 'Ra' },
    newVehicle: 'Xe mới',
    status: {
      valid: 'HỢP LỆ',
      expired: 'HẾT HẠN',
      'not-yet-valid': 'CHƯA CÓ HIỆU LỰC',
      revoked: 'ĐÃ BỊ THU HỒI',
      'untrusted-issuer': 'NƠI CẤP KHÔNG ĐƯỢC TIN CẬY',
      'unknown-key': 'KHÓA KÝ KHÔNG XÁC ĐỊNH',
      'bad-signature': 'CHỮ KÝ KHÔNG ĐÚNG — NGHI GIẢ MẠO',
      'unsupported-algorithm': 'THUẬT TOÁN KÝ KHÔNG HỢP LỆ',
      malformed: 'MÃ KHÔNG HỢP LỆ',
      'too-large': 'MÃ KHÔNG HỢP LỆ',
      'stale-trust': 'DỮ LIỆU TIN CẬY QUÁ CŨ',
    },
    manualStatus: 'CHƯA XÁC MINH — NHẬP MÃ TAY',
    unreadable: 'Mã không chứa thông tin khai báo di chuyển đọc được.',
    decisions: { allow: 'Cho qua', deny: 'Không cho qua', refer: 'Chuyển kiểm tra thêm' },
    decisionsTitle: 'Quyết định của cán bộ',
    decisionsHint: 'Mỗi lượt quét được ghi ngay: “Cho qua” khi mã hợp lệ và không có cảnh báo, còn lại “Chuyển kiểm tra thêm”. Bấm một quyết định để đổi; lần đổi được ghi thành bản ghi mới.',
    automatic: 'tự động',
    compareTitle: 'Đối chiếu với giấy tờ tùy thân',
    passLine: 'Mã QR khai báo',
    cardWaiting: 'Đưa mã QR trên thẻ CCCD vào camera để đối chiếu (hoặc đối chiếu bằng mắt).',
    cardUnreadable: 'Đã thấy mã trên thẻ nhưng không đọc được: đối chiếu bằng mắt.',
    cardResult: { matched: 'Thẻ CCCD khớp với khai báo', mismatch: 'Thẻ CCCD KHÔNG khớp với khai báo' },
    cardOutcomes: { match: 'Khớp', mismatch: 'Không khớp', 'not-on-card': 'Không có trên thẻ', 'not-on-pass': 'Không có trong khai báo' },
    fullName: 'Họ và tên',
    idNumber: 'Số giấy tờ',
    idTypes: { cccd: 'CCCD', cmnd: 'CMND', passport: 'Hộ chiếu' },
    dateOfBirth: 'Ngày sinh',
    gender: 'Giới tính',
    genders: { female: 'Nữ', male: 'Nam', other: 'Khác' },
    routeTitle: 'Hành trình',
    from: 'Từ',
    to: 'Đến',
    unitCode: (code) => `mã ${code}`,
    purpose: 'Mục đích',
    purposes: { work: 'Đi làm', medical: 'Khám, chữa bệnh', family: 'Việc gia đình', official: 'Công vụ', goods: 'Vận chuyển hàng hóa', other: 'Khác' },
    vehicle: 'Phương tiện',
    noVehicle: 'Không khai',
    validity: 'Hiệu lực',
    validRange: (from, until) => `${from} – ${until}`,
    healthTitle: 'Khai báo y tế',
    symptoms: 'Triệu chứng 14 ngày qua',
    noSymptoms: 'Không có',
    symptomNames: { fever: 'Sốt', cough: 'Ho', breath: 'Khó thở', taste: 'Mất vị giác/khứu giác', 'sore-throat': 'Đau họng', fatigue: 'Mệt mỏi' },
    contact: 'Tiếp xúc người bệnh',
    yes: 'Có',
    no: 'Không',
    test: 'Xét nghiệm',
    testResult: (positive, kind, date) => `${positive ? 'DƯƠNG TÍNH' : 'Âm tính'}${kind ? ` (${kind === 'pcr' ? 'PCR' : 'test nhanh'})` : ''}, ngày ${date}`,
    noTest: 'Không có kết quả',
    checkTitle: 'Cần kiểm tra',
    riskLevels: { high: 'nguy cơ cao', medium: 'nguy cơ', low: 'nguy cơ thấp', unknown: 'nguy cơ' },
    riskArea: (place, level, since) => `Đi từ vùng ${level}: ${place} (từ ${since}).`,
    riskCheck: 'Kiểm tra kết quả xét nghiệm âm tính còn hạn và triệu chứng; nhắc khai báo y tế tại nơi đến. Thiếu thì chuyển kiểm tra y tế.',
    positiveTest: (date) => `Khai kết quả xét nghiệm DƯƠNG TÍNH (ngày ${date}): không cho đi tiếp, báo ngay cán bộ y tế.`,
    symptomsFlag: (list) => `Khai có triệu chứng: ${list}. Chuyển kiểm tra y tế.`,
    contactFlag: 'Khai có tiếp xúc người bệnh. Chuyển kiểm tra y tế.',
    doubleIn: (time, checkpoint) => `Đã ghi VÀO tại chốt ${checkpoint} lúc ${time} mà chưa có lượt RA.`,
    recentPassage: (direction, checkpoint, ago) => `Mã này vừa được ghi ${direction} tại chốt ${checkpoint} ${ago}.`,
    staleTrustFlag: 'Dữ liệu tin cậy trên máy đã quá cũ: mã đã bị thu hồi gần đây vẫn có thể hiện hợp lệ.',
    clockSkewFlag: (amount, ahead) => `Đồng hồ thiết bị ${ahead ? 'nhanh' : 'chậm'} ${amount}: thời hạn được tính theo giờ máy chủ.`,
    clockProblem: (amount, ahead, drift) =>
      `Đồng hồ thiết bị ${ahead ? 'nhanh' : 'chậm'} ${amount} so với giờ tin cậy: thời hạn của mã được tính theo giờ tin cậy.`
      + (drift ? ` Lần đối chiếu giờ máy chủ gần nhất cách đây ${drift.since}; giờ tin cậy có thể lệch tới ${drift.drift}.` : ' Chưa đối chiếu được với giờ máy chủ.'),
    invalidAction: 'Không cho qua bằng mã này. Hướng dẫn người di chuyển khai báo lại, hoặc chuyển kiểm tra thêm.',
    noPersonalData: 'Thông tin cá nhân không được hiển thị vì mã không hợp lệ.',
    recording: 'Đang lưu…',
    recorded: (time, decision) => `Đã lưu lúc ${time}: ${decision}`,
    amended: (decision) => `Đã đổi quyết định: ${decision}`,
    rescan: (time, decision) => `Đã ghi tại đây lúc ${time} bởi máy này (${decision}); chưa ghi thêm. Chọn quyết định (A, D, R) để ghi lại.`,
    recordedHere: (time) => `Đã ghi tại đây lúc ${time} bởi máy khác.`,
    notRecordedUnreadable: 'Không ghi lượt qua: không đọc được mã QR khai báo.',
    storageFull: 'BỘ NHỚ THIẾT BỊ ĐÃ ĐẦY — lượt qua này CHƯA được lưu. Các bản ghi cũ vẫn an toàn. Hãy đồng bộ rồi giải phóng dung lượng, sau đó bấm “Lưu lại”.',
    saveFailed: 'Lượt qua này CHƯA được lưu do lỗi bộ nhớ thiết bị. Bấm “Lưu lại”.',
    retry: 'Lưu lại',
    manualTitle: 'Nhập mã tay',
    manualNote: 'Mã tay chỉ dùng để tra cứu, không chứng minh khai báo là thật. Đối chiếu kỹ giấy tờ tùy thân với mã QR khai báo in ra.',
    manualCode: 'Mã tay',
    originUnit: 'Phường/xã nơi đi',
    destinationUnit: 'Phường/xã nơi đến',
    unitHint: 'Gõ tên phường/xã (như in cạnh mã QR khai báo, có thể thêm ", tỉnh") hoặc mã 5 chữ số.',
    unitError: 'Không tìm thấy đúng một phường/xã: gõ đủ tên, thêm tỉnh, hoặc chọn trong danh sách.',
    manualDecide: 'Chọn quyết định bên dưới để ghi lượt qua.',
    detailsTitle: 'Chi tiết',
    vehicleTitle: 'Xe đang kiểm tra',
    vehicleCount: (n) => `${n} người`,
    vehicleEmpty: 'Chưa quét ai. Quét lần lượt mã của từng người trên xe.',
    person: (n) => `Người ${n}`,
    idle: 'Đưa mã QR vào khung quét. Có thể quét liên tiếp từng người trên xe.',
    shortcutsTitle: 'Phím tắt',
    shortcutKeys: [
      { key: 'A', action: 'Cho qua' },
      { key: 'D', action: 'Không cho qua' },
      { key: 'R', action: 'Chuyển kiểm tra thêm' },
      { key: 'I / O', action: 'Chiều vào / ra' },
      { key: 'N', action: 'Xe mới' },
      { key: '↑ / ↓', action: 'Chọn người trước / sau trong xe' },
    ],
    announce: (n, status, decision) => `Người ${n}: ${status}${decision ? `. Đã lưu: ${decision}` : ''}`,
    problems: {
      'no-checkpoint': 'Chưa đặt mã chốt (checkpoint-id): không thể ghi lượt qua.',
      'no-anchor': 'Chưa cấu hình khóa gốc tin cậy: không thể tải dữ liệu tin cậy và đồng bộ.',
      'store-failed': 'Không mở được bộ nhớ thiết bị: không thể ghi lượt qua.',
      'storage-blocked': 'Trang này đang mở ở một cửa sổ khác với phiên bản cũ. Hãy đóng các cửa sổ khác của trang này; dữ liệu không bị mất.',
      'no-trust': 'Thiết bị chưa có dữ liệu tin cậy: chưa kiểm tra được chữ ký. Kết nối mạng một lần để tải.',
      'anchor-failed': 'Không tải được khóa gốc tin cậy.',
    },
  },
  en: {
    staleTrust: {
      title: 'Trust data out of date',
      body: (sequence, issued, age) => `Trust bundle no. ${sequence} was issued ${issued} (${age}). A QR code revoked since then can still show as valid. Every code shows "TRUST DATA OUT OF DATE" and nobody is allowed through automatically.`,
      action: 'I understand, continue with old trust data',
      hint: 'Your acknowledgement is logged on this device (time and bundle number) and ends when fresher trust data arrives. Go online to update if you can.',
      acknowledged: (sequence, at) => `Using old trust data (bundle no. ${sequence}) as acknowledged by the officer at ${at}. Go online to update it.`,
      reason: 'The signature is correct, but the trust data is out of date: not valid until the officer acknowledges it or the trust data is updated.',
    },
    label: 'Checkpoint control',
    checkpoint: 'Checkpoint',
    officer: 'Officer',
    notSet: 'not set',
    direction: 'Direction',
    directions: { in: 'In', out: 'Out' },
    newVehicle: 'New vehicle',
    status: {
      valid: 'VALID',
      expired: 'EXPIRED',
      'not-yet-valid': 'NOT VALID YET',
      revoked: 'REVOKED',
      'untrusted-issuer': 'ISSUER NOT TRUSTED',
      'unknown-key': 'UNKNOWN SIGNING KEY',
      'bad-signature': 'SIGNATURE DOES NOT MATCH — POSSIBLE FORGERY',
      'unsupported-algorithm': 'SIGNATURE ALGORITHM NOT ACCEPTED',
      malformed: 'NOT A VALID CODE',
      'too-large': 'NOT A VALID CODE',
      'stale-trust': 'TRUST DATA OUT OF DATE',
    },
    manualStatus: 'NOT VERIFIED — MANUAL CODE',
    unreadable: 'The code carries no readable declaration.',
    decisions: { allow: 'Allow', deny: 'Deny', refer: 'Refer for checks' },
    decisionsTitle: 'Officer’s decision',
    decisionsHint: 'Each scan is recorded at once: “Allow” for a valid QR code without any warning, otherwise “Refer for checks”. Press a decision to change it; the change is recorded as a new record.',
    automatic: 'automatic',
    compareTitle: 'Compare with the ID card',
    passLine: 'Declaration QR code',
    cardWaiting: 'Hold the QR code of the chip ID card to the camera to compare (or compare by eye).',
    cardUnreadable: 'A card code was seen but could not be read: compare by eye.',
    cardResult: { matched: 'The ID card matches the declaration', mismatch: 'The ID card does NOT match the declaration' },
    cardOutcomes: { match: 'Matches', mismatch: 'Does not match', 'not-on-card': 'Not on the card', 'not-on-pass': 'Not declared' },
    fullName: 'Full name',
    idNumber: 'ID number',
    idTypes: { cccd: 'CCCD', cmnd: 'CMND', passport: 'Passport' },
    dateOfBirth: 'Date of birth',
    gender: 'Gender',
    genders: { female: 'Female', male: 'Male', other: 'Other' },
    routeTitle: 'Route',
    from: 'From',
    to: 'To',
    unitCode: (code) => `code ${code}`,
    purpose: 'Purpose',
    purposes: { work: 'Work', medical: 'Medical care', family: 'Family matters', official: 'Official duty', goods: 'Transport of goods', other: 'Other' },
    vehicle: 'Vehicle',
    noVehicle: 'None declared',
    validity: 'Validity',
    validRange: (from, until) => `${from} – ${until}`,
    healthTitle: 'Health declaration',
    symptoms: 'Symptoms in the last 14 days',
    noSymptoms: 'None',
    symptomNames: { fever: 'Fever', cough: 'Cough', breath: 'Shortness of breath', taste: 'Loss of taste/smell', 'sore-throat': 'Sore throat', fatigue: 'Fatigue' },
    contact: 'Contact with a case',
    yes: 'Yes',
    no: 'No',
    test: 'Test',
    testResult: (positive, kind, date) => `${positive ? 'POSITIVE' : 'Negative'}${kind ? ` (${kind === 'pcr' ? 'PCR' : 'rapid test'})` : ''}, ${date}`,
    noTest: 'No result',
    checkTitle: 'To check',
    riskLevels: { high: 'high-risk area', medium: 'risk area', low: 'low-risk area', unknown: 'risk area' },
    riskArea: (place, level, since) => `Coming from a ${level}: ${place} (listed since ${since}).`,
    riskCheck: 'Check for a recent negative test result and for symptoms; remind them to declare at the destination. If anything is missing, refer for a health check.',
    positiveTest: (date) => `Declared a POSITIVE test result (${date}): do not let them continue; call the health officer now.`,
    symptomsFlag: (list) => `Declared symptoms: ${list}. Refer for a health check.`,
    contactFlag: 'Declared contact with a case. Refer for a health check.',
    doubleIn: (time, checkpoint) => `Already recorded IN at checkpoint ${checkpoint} at ${time} with no OUT since.`,
    recentPassage: (direction, checkpoint, ago) => `This QR code was just recorded ${direction} at checkpoint ${checkpoint} ${ago}.`,
    staleTrustFlag: 'The trust data on this device is out of date: a recently revoked QR code can still show as valid.',
    clockSkewFlag: (amount, ahead) => `The device clock is ${amount} ${ahead ? 'ahead' : 'behind'}: validity is checked against the server time.`,
    clockProblem: (amount, ahead, drift) =>
      `The device clock is ${amount} ${ahead ? 'ahead of' : 'behind'} the trusted time: validity is checked against the trusted time.`
      + (drift ? ` The clock was last checked with the server ${drift.since} ago; it may have drifted by up to ${drift.drift}.` : ' It has not been checked with a server yet.'),
    invalidAction: 'Do not let them through on this QR code. Ask them to declare again, or refer for checks.',
    noPersonalData: 'Personal details are not shown because the QR code is not valid.',
    recording: 'Saving…',
    recorded: (time, decision) => `Saved at ${time}: ${decision}`,
    amended: (decision) => `Decision changed: ${decision}`,
    rescan: (time, decision) => `Already recorded here at ${time} by this device (${decision}); not recorded again. Choose a decision (A, D, R) to record anew.`,
    recordedHere: (time) => `Already recorded here at ${time} by another device.`,
    notRecordedUnreadable: 'No passage recorded: the declaration could not be read from the code.',
    storageFull: 'DEVICE STORAGE IS FULL — this passage was NOT saved. Earlier records are safe. Sync, free some space, then press “Save again”.',
    saveFailed: 'This passage was NOT saved because of a device storage error. Press “Save again”.',
    retry: 'Save again',
    manualTitle: 'Manual code',
    manualNote: 'A manual code only looks a declaration up; it proves nothing. Compare the ID card with the printed QR code carefully.',
    manualCode: 'Manual code',
    originUnit: 'Ward/commune of origin',
    destinationUnit: 'Ward/commune of destination',
    unitHint: 'Type the ward name (as printed beside the QR code, optionally ", province") or the 5-digit code.',
    unitError: 'Not exactly one ward found: type the full name, add the province, or pick from the list.',
    manualDecide: 'Choose a decision below to record the passage.',
    detailsTitle: 'Details',
    vehicleTitle: 'Vehicle being checked',
    vehicleCount: (n) => `${n} ${n === 1 ? 'person' : 'people'}`,
    vehicleEmpty: 'Nobody scanned yet. Scan each person in the vehicle in turn.',
    person: (n) => `Person ${n}`,
    idle: 'Hold the QR code inside the frame. Passengers can be scanned one after another.',
    shortcutsTitle: 'Keyboard shortcuts',
    shortcutKeys: [
      { key: 'A', action: 'Allow' },
      { key: 'D', action: 'Deny' },
      { key: 'R', action: 'Refer for checks' },
      { key: 'I / O', action: 'Direction in / out' },
      { key: 'N', action: 'New vehicle' },
      { key: '↑ / ↓', action: 'Previous / next person in the vehicle' },
    ],
    announce: (n, status, decision) => `Person ${n}: ${status}${decision ? `. Saved: ${decision}` : ''}`,
    problems: {
      'no-checkpoint': 'No checkpoint id (checkpoint-id) is set: passages cannot be recorded.',
      'no-anchor': 'No trust anchor is configured: trust data cannot be downloaded and sync is off.',
      'store-failed': 'The device storage could not be opened: passages cannot be recorded.',
      'storage-blocked': 'This page is open in another window with an older version. Close the other windows of this page; no data is lost.',
      'no-trust': 'This device has no trust data yet: signatures cannot be checked. Go online once to download it.',
      'anchor-failed': 'The trust anchor could not be loaded.',
    },
  },
};
