// Labels and status sentences of <ck-declaration-form>. Validation messages are not here: they
// come from the core (declarationErrorText), the single copy of the rules and their wording.

import type { Gender, IdType, Purpose, Symptom, TestKind, TestResultValue } from '../../core/declaration';
import type { Catalogs } from '../shared/localize';
import type { FieldPath } from './form-model';
import { parseCompanionPath, type ControlPath } from './group-model';

export interface FormMessages {
  formLabel: string;
  requiredMark: string;
  optional: string;
  sectionPerson: string;
  sectionJourney: string;
  sectionHealth: string;
  origin: string;
  destination: string;
  fullName: string;
  idType: string;
  idTypes: Record<IdType, string>;
  idNumber: string;
  idNumberHint: string;
  dateOfBirth: string;
  gender: string;
  genders: Record<Gender, string>;
  phone: string;
  phoneHint: string;
  province: string;
  unit: string;
  address: string;
  addressHint: string;
  departureDate: string;
  returnDate: string;
  purpose: string;
  purposes: Record<Purpose, string>;
  choose: string;
  purposeNote: string;
  vehiclePlate: string;
  vehiclePlateHint: string;
  symptoms: string;
  symptomsHint: string;
  symptomsNone: string;
  symptomsSome: string;
  symptomsWhich: string;
  symptomNames: Record<Symptom, string>;
  contactWithCase: string;
  yes: string;
  no: string;
  testResult: string;
  testResultNone: string;
  testResults: Record<TestResultValue, string>;
  testDate: string;
  testKind: string;
  testKindAny: string;
  testKinds: Record<TestKind, string>;
  doses: string;
  dosesNone: string;
  doseCount: (doses: number) => string;
  lastDoseDate: string;
  /** Legend of the n-th person travelling with the declarant (1-based). */
  companion: (n: number) => string;
  companionPhoneHint: string;
  addCompanion: string;
  addCompanionHint: string;
  removeCompanion: (n: number) => string;
  companionAdded: (n: number) => string;
  companionRemoved: (n: number) => string;
  issuedGroup: (codes: string[]) => string;
  fromPortal: string;
  provinceHint: string;
  unitHint: string;
  unitHintNoList: string;
  unitLoading: string;
  /** Which state of the unit catalogue the list shows (YYYY-MM-DD). */
  unitsAsOf: (date: string) => string;
  notInUnitSet: (date: string) => string;
  unitPickProvinceFirst: string;
  pickFromList: string;
  badDate: string;
  serverRejected: string;
  resultsCount: (shown: number, total: number) => string;
  noResults: string;
  submit: string;
  sendNow: string;
  cancelSending: string;
  errorsSummary: (count: number) => string;
  draftSaved: (time: string) => string;
  draftRestored: string;
  draftFailed: string;
  waitingOffline: string;
  waitingRetry: (time: string, reason: string) => string;
  statusSending: string;
  issued: (passId: string) => string;
  failed: (reason: string) => string;
  fieldsRejected: string;
  storageFull: string;
  storageUnavailable: string;
  noApiBase: string;
  pendingElsewhere: string;
  errorCodes: Record<string, string>;
  errorLabel: string;
}

/** "2021-07-01" → "01/07/2021". */
function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return y && m && d ? `${d}/${m}/${y}` : iso;
}

export const messages: Catalogs<FormMessages> = {
  vi: {
    formLabel: 'Tờ khai di chuyển',
    requiredMark: 'bắt buộc',
    optional: 'không bắt buộc',
    sectionPerson: 'Thông tin cá nhân',
    sectionJourney: 'Hành trình',
    sectionHealth: 'Sức khỏe',
    origin: 'Nơi đi',
    destination: 'Nơi đến',
    fullName: 'Họ và tên',
    idType: 'Loại giấy tờ',
    idTypes: { cccd: 'Căn cước công dân (CCCD)', cmnd: 'Chứng minh nhân dân (CMND)', passport: 'Hộ chiếu' },
    idNumber: 'Số giấy tờ',
    idNumberHint: 'CCCD: 12 chữ số; CMND: 9 hoặc 12 chữ số; hộ chiếu: 6–9 chữ và số.',
    dateOfBirth: 'Ngày sinh',
    gender: 'Giới tính',
    genders: { female: 'Nữ', male: 'Nam', other: 'Khác' },
    phone: 'Số điện thoại di động',
    phoneHint: 'Ví dụ 0912345678 hoặc +84912345678.',
    province: 'Tỉnh/thành phố',
    unit: 'Phường/xã',
    address: 'Địa chỉ (số nhà, đường, thôn/xóm)',
    addressHint: 'Ví dụ: 12 Hàng Bạc.',
    departureDate: 'Ngày đi',
    returnDate: 'Ngày về',
    purpose: 'Mục đích',
    purposes: {
      work: 'Đi làm',
      medical: 'Khám chữa bệnh',
      family: 'Việc gia đình',
      official: 'Công vụ',
      goods: 'Vận chuyển hàng hóa',
      other: 'Khác',
    },
    choose: '— Chọn —',
    purposeNote: 'Mục đích cụ thể',
    vehiclePlate: 'Biển số xe',
    vehiclePlateHint: 'Ví dụ 29A-123.45. Để trống nếu không dùng xe riêng.',
    symptoms: 'Triệu chứng trong 14 ngày qua',
    symptomsHint: 'Sốt, ho, khó thở, mất vị giác, đau họng, mệt mỏi.',
    symptomsNone: 'Không có',
    symptomsSome: 'Có',
    symptomsWhich: 'Đánh dấu mọi triệu chứng đã có',
    symptomNames: {
      fever: 'Sốt',
      cough: 'Ho',
      breath: 'Khó thở',
      taste: 'Mất vị giác hoặc khứu giác',
      'sore-throat': 'Đau họng',
      fatigue: 'Mệt mỏi',
    },
    contactWithCase: 'Trong 14 ngày qua, bạn có tiếp xúc với ca bệnh đã xác định không?',
    yes: 'Có',
    no: 'Không',
    testResult: 'Kết quả xét nghiệm gần nhất',
    testResultNone: 'Không có',
    testResults: { negative: 'Âm tính', positive: 'Dương tính' },
    testDate: 'Ngày xét nghiệm',
    testKind: 'Loại xét nghiệm',
    testKindAny: 'Không rõ',
    testKinds: { pcr: 'RT-PCR', rapid: 'Test nhanh kháng nguyên' },
    doses: 'Số mũi đã tiêm',
    dosesNone: 'Không khai',
    doseCount: (doses) => `${doses} mũi`,
    lastDoseDate: 'Ngày tiêm mũi gần nhất',
    companion: (n) => `Người đi cùng xe ${n}`,
    companionPhoneHint: 'Không bắt buộc: trẻ em, người cao tuổi không có điện thoại dùng số của người khai.',
    addCompanion: 'Khai thêm người đi cùng xe',
    addCompanionHint: 'Trẻ em, người cao tuổi đi cùng: mỗi người một mã QR, cùng lộ trình và ngày đi.',
    removeCompanion: (n) => `Bỏ người đi cùng xe ${n}`,
    companionAdded: (n) => `Đã thêm người đi cùng xe ${n}.`,
    companionRemoved: (n) => `Đã bỏ người đi cùng xe ${n}.`,
    issuedGroup: (codes) => `Đã cấp ${codes.length} mã QR, mỗi người một mã (mã khai báo: ${codes.join(', ')}).`,
    fromPortal: 'Thông tin do cổng dịch vụ cung cấp, không sửa được ở đây.',
    provinceHint: 'Gõ để tìm, không cần dấu (ví dụ "ha noi"), rồi chọn bằng phím mũi tên và Enter.',
    unitHint: 'Gõ để tìm phường/xã trong tỉnh đã chọn, không cần dấu.',
    unitHintNoList: 'Chưa có danh sách phường/xã của tỉnh này: hãy nhập mã 5 chữ số.',
    unitLoading: 'Đang tải danh sách phường/xã của tỉnh này…',
    unitsAsOf: (date) => `Danh mục hành chính ngày ${viDate(date)}.`,
    notInUnitSet: (date) => `Mã này không có trong danh mục hành chính${date ? ` ngày ${viDate(date)}` : ''} của tỉnh/thành phố đã chọn.`,
    unitPickProvinceFirst: 'Chọn tỉnh/thành phố trước.',
    pickFromList: 'Hãy chọn một mục trong danh sách.',
    badDate: 'Ngày chưa đầy đủ hoặc không có thật.',
    serverRejected: 'Máy chủ không chấp nhận giá trị này.',
    resultsCount: (shown, total) =>
      total === 0 ? 'Không tìm thấy kết quả.' : shown < total ? `Hiện ${shown} trên ${total} kết quả, gõ thêm để thu hẹp.` : `${total} kết quả.`,
    noResults: 'Không tìm thấy kết quả.',
    submit: 'Gửi tờ khai',
    sendNow: 'Gửi lại ngay',
    cancelSending: 'Hủy lần gửi này',
    errorsSummary: (count) => `Có ${count} mục cần sửa. Con trỏ đã chuyển tới mục đầu tiên.`,
    draftSaved: (time) => `Bản nháp đã được lưu trên thiết bị lúc ${time}.`,
    draftRestored: 'Đã khôi phục bản nháp lưu trên thiết bị.',
    draftFailed: 'Không lưu được bản nháp trên thiết bị.',
    waitingOffline: 'Đang chờ mạng: tờ khai đã được lưu trên thiết bị và sẽ tự động gửi khi có mạng trở lại.',
    waitingRetry: (time, reason) => `Chưa gửi được (${reason}). Tờ khai đã được lưu và sẽ tự động gửi lại lúc ${time}.`,
    statusSending: 'Đang gửi tờ khai…',
    issued: (code) => `Đã cấp mã QR khai báo di chuyển (mã nhập tay ${code}).`,
    failed: (reason) => `Máy chủ từ chối tờ khai: ${reason}.`,
    fieldsRejected: 'Máy chủ báo có mục cần sửa. Hãy sửa rồi gửi lại.',
    storageFull: 'Thiết bị đã hết dung lượng lưu trữ cho trang này.',
    storageUnavailable: 'Không dùng được bộ nhớ của trình duyệt.',
    noApiBase: 'Chưa cấu hình địa chỉ máy chủ (api-base).',
    pendingElsewhere: 'Một tờ khai từ biểu mẫu này đang chờ gửi.',
    errorCodes: {
      network: 'không kết nối được máy chủ',
      timeout: 'máy chủ không trả lời kịp',
      aborted: 'đã hủy',
      conflict: 'máy chủ đang xử lý',
      'rate-limited': 'máy chủ đang quá tải',
      server: 'lỗi máy chủ',
      client: 'yêu cầu không hợp lệ',
      'too-large': 'phản hồi quá lớn',
      'bad-response': 'phản hồi không đúng định dạng',
      validation: 'có mục không hợp lệ',
    },
    errorLabel: 'Lỗi',
  },
  en: {
    formLabel: 'Movement declaration',
    requiredMark: 'required',
    optional: 'optional',
    sectionPerson: 'Personal details',
    sectionJourney: 'Journey',
    sectionHealth: 'Health',
    origin: 'From',
    destination: 'To',
    fullName: 'Full name',
    idType: 'ID document',
    idTypes: { cccd: 'Citizen ID card (CCCD)', cmnd: 'Old ID card (CMND)', passport: 'Passport' },
    idNumber: 'ID number',
    idNumberHint: 'CCCD: 12 digits; CMND: 9 or 12 digits; passport: 6–9 letters and digits.',
    dateOfBirth: 'Date of birth',
    gender: 'Gender',
    genders: { female: 'Female', male: 'Male', other: 'Other' },
    phone: 'Mobile phone number',
    phoneHint: 'For example 0912345678 or +84912345678.',
    province: 'Province/city',
    unit: 'Ward/commune',
    address: 'Address (house number, street, hamlet)',
    addressHint: 'For example: 12 Hàng Bạc.',
    departureDate: 'Departure date',
    returnDate: 'Return date',
    purpose: 'Purpose',
    purposes: {
      work: 'Work',
      medical: 'Medical care',
      family: 'Family matters',
      official: 'Official duty',
      goods: 'Transport of goods',
      other: 'Other',
    },
    choose: '— Choose —',
    purposeNote: 'Describe the purpose',
    vehiclePlate: 'Vehicle number plate',
    vehiclePlateHint: 'For example 29A-123.45. Leave empty if you do not use your own vehicle.',
    symptoms: 'Symptoms in the last 14 days',
    symptomsHint: 'Fever, cough, shortness of breath, loss of taste, sore throat, fatigue.',
    symptomsNone: 'None',
    symptomsSome: 'Yes',
    symptomsWhich: 'Tick every symptom you had',
    symptomNames: {
      fever: 'Fever',
      cough: 'Cough',
      breath: 'Difficulty breathing',
      taste: 'Loss of taste or smell',
      'sore-throat': 'Sore throat',
      fatigue: 'Fatigue',
    },
    contactWithCase: 'In the last 14 days, were you in contact with a confirmed case?',
    yes: 'Yes',
    no: 'No',
    testResult: 'Most recent test result',
    testResultNone: 'None',
    testResults: { negative: 'Negative', positive: 'Positive' },
    testDate: 'Test date',
    testKind: 'Kind of test',
    testKindAny: 'Not known',
    testKinds: { pcr: 'RT-PCR', rapid: 'Rapid antigen test' },
    doses: 'Doses received',
    dosesNone: 'Not declared',
    doseCount: (doses) => `${doses} ${doses === 1 ? 'dose' : 'doses'}`,
    lastDoseDate: 'Date of the last dose',
    companion: (n) => `Person travelling with you ${n}`,
    companionPhoneHint: "Optional: children and elderly people without a phone use the declarant's number.",
    addCompanion: 'Add a person travelling with you',
    addCompanionHint: 'Children or elderly people in the same car: one QR code each, same route and dates.',
    removeCompanion: (n) => `Remove person travelling with you ${n}`,
    companionAdded: (n) => `Person travelling with you ${n} added.`,
    companionRemoved: (n) => `Person travelling with you ${n} removed.`,
    issuedGroup: (codes) => `${codes.length} QR codes issued, one for each person (declaration codes: ${codes.join(', ')}).`,
    fromPortal: 'Provided by the portal; it cannot be changed here.',
    provinceHint: 'Type to search, accents optional (e.g. "ha noi"), then choose with the arrow keys and Enter.',
    unitHint: 'Type to search the wards/communes of the chosen province, accents optional.',
    unitHintNoList: 'No ward/commune list for this province yet: type its 5-digit code.',
    unitLoading: 'Loading the wards/communes of this province…',
    unitsAsOf: (date) => `Administrative units as of ${date}.`,
    notInUnitSet: (date) => `This code is not in the ${date ? `${date} ` : ''}list of administrative units of the chosen province/city.`,
    unitPickProvinceFirst: 'Choose the province/city first.',
    pickFromList: 'Choose an entry from the list.',
    badDate: 'The date is incomplete or does not exist.',
    serverRejected: 'The server did not accept this value.',
    resultsCount: (shown, total) =>
      total === 0 ? 'No results.' : shown < total ? `Showing ${shown} of ${total} results; type more to narrow down.` : `${total} results.`,
    noResults: 'No results.',
    submit: 'Submit declaration',
    sendNow: 'Send again now',
    cancelSending: 'Cancel this submission',
    errorsSummary: (count) => `${count} ${count === 1 ? 'entry needs' : 'entries need'} correcting. Focus moved to the first one.`,
    draftSaved: (time) => `Draft saved on this device at ${time}.`,
    draftRestored: 'Your draft saved on this device was restored.',
    draftFailed: 'The draft could not be saved on this device.',
    waitingOffline: 'Waiting for network: your declaration is saved on this device and will be sent automatically when the connection is back.',
    waitingRetry: (time, reason) => `Not sent yet (${reason}). Your declaration is saved and will be sent again automatically at ${time}.`,
    statusSending: 'Sending your declaration…',
    issued: (code) => `Your declaration QR code has been issued (manual code ${code}).`,
    failed: (reason) => `The server refused the declaration: ${reason}.`,
    fieldsRejected: 'The server reported entries to correct. Correct them and submit again.',
    storageFull: 'This device has no storage space left for this page.',
    storageUnavailable: 'The browser’s storage cannot be used.',
    noApiBase: 'No server address (api-base) is configured.',
    pendingElsewhere: 'A declaration from this form is already waiting to be sent.',
    errorCodes: {
      network: 'the server could not be reached',
      timeout: 'the server did not answer in time',
      aborted: 'cancelled',
      conflict: 'the server is still processing it',
      'rate-limited': 'the server is busy',
      server: 'server error',
      client: 'the request was not valid',
      'too-large': 'the answer was too large',
      'bad-response': 'the answer was malformed',
      validation: 'some entries are not valid',
    },
    errorLabel: 'Error',
  },
};

/** The label of a control, for announcements ("Origin – Ward", "Person travelling with you 2 – Full name"). */
export function controlLabel(msg: FormMessages, path: ControlPath): string {
  const companion = parseCompanionPath(path);
  if (companion) return `${msg.companion(companion.index + 1)} – ${controlLabel(msg, companion.field)}`;
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (head === 'origin' || head === 'destination') {
    const part = tail === 'provinceCode' ? msg.province : tail === 'unitCode' ? msg.unit : msg.address;
    return `${msg[head]} – ${part}`;
  }
  const labels: Partial<Record<FieldPath, string>> = {
    fullName: msg.fullName,
    idType: msg.idType,
    idNumber: msg.idNumber,
    dateOfBirth: msg.dateOfBirth,
    gender: msg.gender,
    phone: msg.phone,
    departureDate: msg.departureDate,
    returnDate: msg.returnDate,
    purpose: msg.purpose,
    purposeNote: msg.purposeNote,
    vehiclePlate: msg.vehiclePlate,
    'health.symptoms': msg.symptoms,
    'health.contactWithCase': msg.contactWithCase,
    'health.testResult.result': msg.testResult,
    'health.testResult.date': msg.testDate,
    'health.testResult.kind': msg.testKind,
    'vaccination.doses': msg.doses,
    'vaccination.lastDoseDate': msg.lastDoseDate,
  };
  return labels[path as FieldPath] ?? path;
}
