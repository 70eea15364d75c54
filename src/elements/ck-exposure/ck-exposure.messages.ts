// Labels and sentences of <ck-exposure>. Direction and decision words are in ../shared/portal-text.ts.
import type { Catalogs } from '../shared/localize';
import type { ContactGroup } from './exposure-model';

/** Why the exposure cannot be shown. */
export type ExposureProblem =
  | 'no-api-base'
  | 'invalid-pass-id'
  | 'network'
  | 'timeout'
  | 'server'
  | 'rate-limited'
  | 'bad-response'
  /** 401: nobody is signed in. */
  | 'login-required'
  /** 403: the role or province may not look up this case. */
  | 'forbidden'
  /** 400 reason-required: the portal refused the lookup reason. */
  | 'reason-required'
  /** Another 400: the portal refused the query (e.g. the window). */
  | 'bad-request'
  | 'other';

/** What is wrong with the query form. */
export type QueryProblem = 'pass-id' | 'too-short' | 'too-long' | 'control-character' | 'window';

export interface ExposureMessages {
  title: string;
  queryLegend: string;
  passIdLabel: string;
  passIdHint: string;
  reasonLabel: string;
  reasonHint: string;
  windowLabel: string;
  windowHint: string;
  submit: string;
  queryProblems: Record<QueryProblem, string>;
  noPass: string;
  loading: string;
  refreshing: string;
  notFound: string;
  problems: Record<ExposureProblem, string>;
  retry: string;
  signIn: string;
  caseHeading: string;
  person: string;
  passId: string;
  declaredRoute: string;
  unknownUnit: string;
  unknownPerson: string;
  casePassages: (n: number) => string;
  summary: (total: number, windowMinutes: number) => string;
  truncated: string;
  groups: Record<ContactGroup, string>;
  groupHint: Record<ContactGroup, string>;
  groupEmpty: string;
  noContacts: string;
  select: string;
  selectContact: (who: string) => string;
  selectAll: string;
  selectNone: string;
  contact: string;
  met: string;
  origin: string;
  destination: string;
  route: string;
  openRoute: string;
  manualCode: string;
  minutesApart: (n: number) => string;
  sameVehicle: string;
  exportCsv: string;
  deliver: (n: number) => string;
  delivering: string;
  deliverNone: string;
  delivered: (people: number, wards: number) => string;
  deliverProblems: Record<ExposureProblem, string>;
  timeZoneNote: string;
  live: string;
  csvHeader: readonly string[];
}

export const messages: Catalogs<ExposureMessages> = {
  vi: {
    title: 'Truy vết tiếp xúc',
    queryLegend: 'Ca bệnh cần truy vết (tra cứu được ghi vào nhật ký)',
    passIdLabel: 'Mã khai báo của ca bệnh',
    passIdHint: 'Mã trong QR khai báo của người dương tính.',
    reasonLabel: 'Lý do tra cứu',
    reasonHint: 'Bắt buộc, 3–300 ký tự, ví dụ: “Ca bệnh số 4471”. Lý do, tên bạn và thời điểm được lưu vào nhật ký tra cứu.',
    windowLabel: 'Khoảng thời gian (phút, trước và sau)',
    windowHint: 'Người qua cùng chốt trong khoảng này trước hoặc sau ca bệnh (1–120, mặc định 15).',
    submit: 'Tìm người tiếp xúc',
    queryProblems: {
      'pass-id': 'Mã khai báo không đúng định dạng.',
      'too-short': 'Hãy ghi lý do, ít nhất 3 ký tự.',
      'too-long': 'Lý do dài quá 300 ký tự.',
      'control-character': 'Lý do có ký tự điều khiển; hãy gõ lại.',
      window: 'Khoảng thời gian phải là số phút từ 1 đến 120.',
    },
    noPass: 'Nhập mã khai báo của ca bệnh và lý do tra cứu để tìm người tiếp xúc.',
    loading: 'Đang tìm người tiếp xúc…',
    refreshing: 'Đang cập nhật…',
    notFound: 'Không có khai báo hay lượt qua chốt nào với mã này.',
    problems: {
      'no-api-base': 'Chưa cấu hình địa chỉ máy chủ (thuộc tính api-base).',
      'invalid-pass-id': 'Mã khai báo không đúng định dạng.',
      network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
      timeout: 'Máy chủ không trả lời kịp. Hãy thử lại.',
      server: 'Máy chủ đang gặp lỗi. Hãy thử lại sau ít phút.',
      'rate-limited': 'Máy chủ đang quá tải. Hãy thử lại sau ít phút.',
      'bad-response': 'Máy chủ trả về dữ liệu không hợp lệ.',
      'login-required': 'Cần đăng nhập để truy vết tiếp xúc.',
      forbidden: 'Tài khoản của bạn không được phép truy vết ca bệnh này (chỉ cán bộ truy vết của tỉnh/thành phố).',
      'reason-required': 'Máy chủ không nhận lý do tra cứu này. Hãy ghi rõ lý do (3–300 ký tự).',
      'bad-request': 'Máy chủ không nhận yêu cầu này. Kiểm tra mã khai báo và khoảng thời gian.',
      other: 'Không tải được danh sách tiếp xúc.',
    },
    retry: 'Thử lại',
    signIn: 'Đăng nhập',
    caseHeading: 'Ca bệnh',
    person: 'Người đi',
    passId: 'Mã khai báo',
    declaredRoute: 'Lộ trình khai báo',
    unknownUnit: 'Không rõ',
    unknownPerson: 'Không rõ (mã do nơi khác cấp)',
    casePassages: (n) => `${n} lượt qua chốt`,
    summary: (total, w) => `${total} người tiếp xúc (cùng xe, hoặc qua cùng chốt trong vòng ${w} phút).`,
    truncated: 'Danh sách bị cắt ở 2000 người; hãy thu hẹp khoảng thời gian.',
    groups: { 'co-traveller': 'Đi cùng xe', 'same-direction': 'Cùng chốt, cùng thời gian, cùng chiều', 'other-direction': 'Cùng chốt, cùng thời gian, ngược chiều' },
    groupHint: {
      'co-traveller': 'Được ghi cùng một xe với ca bệnh ở chốt.',
      'same-direction': 'Qua cùng chốt, cùng chiều, trong khoảng thời gian đã chọn.',
      'other-direction': 'Qua cùng chốt theo chiều ngược lại, trong khoảng thời gian đã chọn.',
    },
    groupEmpty: 'Không có ai.',
    noContacts: 'Không tìm thấy người tiếp xúc nào.',
    select: 'Chọn',
    selectContact: (who) => `Chọn ${who}`,
    selectAll: 'Chọn tất cả',
    selectNone: 'Bỏ chọn',
    contact: 'Người tiếp xúc',
    met: 'Tiếp xúc ở đâu, khi nào',
    origin: 'Nơi đi',
    destination: 'Nơi đến',
    route: 'Hành trình',
    openRoute: 'Xem hành trình',
    manualCode: 'Mã nhập tay',
    minutesApart: (n) => (n < 1 ? 'cùng lúc' : `cách ${Math.round(n)} phút`),
    sameVehicle: 'cùng xe',
    exportCsv: 'Xuất CSV',
    deliver: (n) => `Gửi ${n} người đã chọn về phường/xã của họ`,
    delivering: 'Đang gửi…',
    deliverNone: 'Chưa chọn ai để gửi.',
    delivered: (people, wards) => `Đã gửi ${people} người tiếp xúc đến hộp thư của ${wards} phường/xã.`,
    deliverProblems: {
      'no-api-base': 'Chưa cấu hình địa chỉ máy chủ (thuộc tính api-base).',
      'invalid-pass-id': 'Mã khai báo không đúng định dạng.',
      network: 'Chưa gửi được: không kết nối được máy chủ. Hãy thử lại.',
      timeout: 'Chưa gửi được: máy chủ không trả lời kịp. Gửi lại an toàn, không bị trùng.',
      server: 'Chưa gửi được: máy chủ đang gặp lỗi. Hãy thử lại sau ít phút.',
      'rate-limited': 'Chưa gửi được: máy chủ đang quá tải. Hãy thử lại sau ít phút.',
      'bad-response': 'Máy chủ trả về dữ liệu không hợp lệ; hãy kiểm tra hộp thư phường/xã trước khi gửi lại.',
      'login-required': 'Cần đăng nhập lại để gửi.',
      forbidden: 'Tài khoản của bạn không được phép gửi người tiếp xúc về phường/xã.',
      'reason-required': 'Máy chủ không nhận lý do tra cứu. Hãy tìm lại với lý do rõ ràng.',
      'bad-request': 'Máy chủ không nhận danh sách này.',
      other: 'Chưa gửi được.',
    },
    timeZoneNote: 'Giờ Việt Nam (UTC+7).',
    live: 'Tự cập nhật khi có lượt qua chốt mới.',
    csvHeader: [
      'Nhóm', 'Mã khai báo', 'Mã nhập tay', 'Họ và tên', 'Mã nơi đi', 'Nơi đi', 'Mã nơi đến', 'Nơi đến',
      'Mã chốt', 'Chốt', 'Thời điểm (giờ VN)', 'Thời điểm (UTC)', 'Chiều', 'Cách ca bệnh (phút)', 'Mã khai báo ca bệnh', 'Khoảng (phút)',
    ],
  },
  en: {
    title: 'Contact tracing',
    queryLegend: 'Case to trace (the lookup is recorded)',
    passIdLabel: 'Declaration code of the case',
    passIdHint: 'The code in the QR declaration of the person who tested positive.',
    reasonLabel: 'Reason for this lookup',
    reasonHint: 'Required, 3–300 characters, e.g. “Case 4471”. The reason, your name and the time go into the lookup log.',
    windowLabel: 'Time window (minutes, before and after)',
    windowHint: 'People at the same checkpoint this long before or after the case (1–120, default 15).',
    submit: 'Find contacts',
    queryProblems: {
      'pass-id': 'The declaration code is not in the right format.',
      'too-short': 'Give a reason of at least 3 characters.',
      'too-long': 'The reason is longer than 300 characters.',
      'control-character': 'The reason contains control characters; type it again.',
      window: 'The time window must be a number of minutes from 1 to 120.',
    },
    noPass: 'Enter the case’s declaration code and the reason for the lookup to find contacts.',
    loading: 'Finding contacts…',
    refreshing: 'Updating…',
    notFound: 'There is no declaration and no passage with this code.',
    problems: {
      'no-api-base': 'The server address is not configured (api-base attribute).',
      'invalid-pass-id': 'The declaration code is not in the right format.',
      network: 'Cannot reach the server. Check the network and try again.',
      timeout: 'The server did not answer in time. Try again.',
      server: 'The server has a problem. Try again in a few minutes.',
      'rate-limited': 'The server is busy. Try again in a few minutes.',
      'bad-response': 'The server sent data that is not valid.',
      'login-required': 'Sign in to trace contacts.',
      forbidden: 'Your account may not trace this case (tracers of its province only).',
      'reason-required': 'The server did not accept this reason. Say why you look this case up (3–300 characters).',
      'bad-request': 'The server did not accept this query. Check the declaration code and the time window.',
      other: 'The contacts could not be loaded.',
    },
    retry: 'Try again',
    signIn: 'Sign in',
    caseHeading: 'Case',
    person: 'Traveller',
    passId: 'Declaration code',
    declaredRoute: 'Declared route',
    unknownUnit: 'Unknown',
    unknownPerson: 'Unknown (QR code issued elsewhere)',
    casePassages: (n) => (n === 1 ? '1 checkpoint passage' : `${n} checkpoint passages`),
    summary: (total, w) => `${total} ${total === 1 ? 'contact' : 'contacts'} (same vehicle, or the same checkpoint within ${w} minutes).`,
    truncated: 'The list stops at 2000 people; narrow the time window.',
    groups: { 'co-traveller': 'Same vehicle', 'same-direction': 'Same checkpoint and time, same direction', 'other-direction': 'Same checkpoint and time, other direction' },
    groupHint: {
      'co-traveller': 'Recorded in the same vehicle as the case at a checkpoint.',
      'same-direction': 'Passed the same checkpoint in the same direction within the chosen window.',
      'other-direction': 'Passed the same checkpoint in the other direction within the chosen window.',
    },
    groupEmpty: 'Nobody.',
    noContacts: 'No contacts found.',
    select: 'Select',
    selectContact: (who) => `Select ${who}`,
    selectAll: 'Select all',
    selectNone: 'Select none',
    contact: 'Contact',
    met: 'Where and when',
    origin: 'From',
    destination: 'To',
    route: 'Route',
    openRoute: 'Open route',
    manualCode: 'Manual code',
    minutesApart: (n) => (n < 1 ? 'at the same time' : `${Math.round(n)} min apart`),
    sameVehicle: 'same vehicle',
    exportCsv: 'Export CSV',
    deliver: (n) => `Send the ${n} selected to their wards`,
    delivering: 'Sending…',
    deliverNone: 'Nobody is selected.',
    delivered: (people, wards) => `${people} ${people === 1 ? 'contact' : 'contacts'} sent to the inboxes of ${wards} ${wards === 1 ? 'ward' : 'wards'}.`,
    deliverProblems: {
      'no-api-base': 'The server address is not configured (api-base attribute).',
      'invalid-pass-id': 'The declaration code is not in the right format.',
      network: 'Not sent: cannot reach the server. Try again.',
      timeout: 'Not sent: the server did not answer in time. Sending again is safe, nothing is doubled.',
      server: 'Not sent: the server has a problem. Try again in a few minutes.',
      'rate-limited': 'Not sent: the server is busy. Try again in a few minutes.',
      'bad-response': 'The server sent data that is not valid; check the ward inboxes before sending again.',
      'login-required': 'Sign in again to send.',
      forbidden: 'Your account may not send contacts to wards.',
      'reason-required': 'The server did not accept the reason. Search again with a clear reason.',
      'bad-request': 'The server did not accept this list.',
      other: 'Not sent.',
    },
    timeZoneNote: 'Vietnam time (UTC+7).',
    live: 'Updates by itself when new passages arrive.',
    csvHeader: [
      'Group', 'Declaration code', 'Manual code', 'Full name', 'Origin code', 'Origin', 'Destination code', 'Destination',
      'Checkpoint id', 'Checkpoint', 'Time (Vietnam)', 'Time (UTC)', 'Direction', 'Minutes from the case', 'Case declaration code', 'Window (minutes)',
    ],
  },
};
