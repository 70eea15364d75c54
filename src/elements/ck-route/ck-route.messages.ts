// Labels and sentences of <ck-route>. Direction, decision and verdict words are in shared/portal-text.ts.
import type { Catalogs } from '../shared/localize';

/** Why the route cannot be shown. */
export type RouteProblem =
  | 'no-api-base'
  | 'invalid-pass-id'
  | 'network'
  | 'timeout'
  | 'server'
  | 'rate-limited'
  | 'bad-response'
  /** 401: nobody is signed in. */
  | 'login-required'
  /** 403: the signed-in role may not look up routes. */
  | 'forbidden'
  /** 400: the portal refused the lookup reason. */
  | 'reason-required'
  | 'other';

/** Why a typed lookup reason is not sent. */
export type ReasonProblem = 'too-short' | 'too-long' | 'control-character';

export interface RouteMessages {
  title: string;
  noPass: string;
  loading: string;
  notFound: string;
  empty: string;
  problems: Record<RouteProblem, string>;
  retry: string;
  signIn: string;
  reasonLegend: string;
  reasonLabel: string;
  reasonHint: string;
  reasonSubmit: string;
  reasonProblems: Record<ReasonProblem, string>;
  person: string;
  passId: string;
  manualCode: string;
  validity: string;
  validRange: (from: string, until: string) => string;
  notIssuedHere: string;
  declaredRoute: string;
  unknownUnit: string;
  timeline: string;
  passageCount: (n: number) => string;
  origin: string;
  destination: string;
  time: string;
  checkpoint: string;
  direction: string;
  decision: string;
  verdict: string;
  officer: string;
  gapAfter: (duration: string) => string;
  clockSkew: (duration: string) => string;
  receivedLater: (time: string) => string;
  timeZoneNote: string;
  exportCsv: string;
  csvHeader: readonly string[];
}

export const messages: Catalogs<RouteMessages> = {
  vi: {
    title: 'Hành trình',
    noPass: 'Chưa chọn mã khai báo để xem hành trình.',
    loading: 'Đang tải hành trình…',
    notFound: 'Không có khai báo hay lượt qua chốt nào với mã này.',
    empty: 'Chưa ghi nhận lượt qua chốt nào của mã khai báo này.',
    problems: {
      'no-api-base': 'Chưa cấu hình địa chỉ máy chủ (thuộc tính api-base).',
      'invalid-pass-id': 'Mã khai báo không đúng định dạng.',
      network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
      timeout: 'Máy chủ không trả lời kịp. Hãy thử lại.',
      server: 'Máy chủ đang gặp lỗi. Hãy thử lại sau ít phút.',
      'rate-limited': 'Máy chủ đang quá tải. Hãy thử lại sau ít phút.',
      'bad-response': 'Máy chủ trả về dữ liệu không hợp lệ.',
      'login-required': 'Cần đăng nhập để tra cứu hành trình.',
      forbidden: 'Tài khoản của bạn không được phép tra cứu hành trình.',
      'reason-required': 'Máy chủ không nhận lý do tra cứu này. Hãy ghi rõ lý do (3–300 ký tự).',
      other: 'Không tải được hành trình.',
    },
    retry: 'Thử lại',
    signIn: 'Đăng nhập',
    reasonLegend: 'Tra cứu thông tin cá nhân được ghi vào nhật ký',
    reasonLabel: 'Lý do tra cứu',
    reasonHint: 'Bắt buộc, 3–300 ký tự, ví dụ: “F1 của ca bệnh số 4471”. Lý do, tên bạn và thời điểm được lưu vào nhật ký tra cứu.',
    reasonSubmit: 'Xem hành trình',
    reasonProblems: {
      'too-short': 'Hãy ghi lý do, ít nhất 3 ký tự.',
      'too-long': 'Lý do dài quá 300 ký tự.',
      'control-character': 'Lý do có ký tự điều khiển; hãy gõ lại.',
    },
    person: 'Người đi',
    passId: 'Mã khai báo',
    manualCode: 'Mã nhập tay',
    validity: 'Hiệu lực',
    validRange: (from, until) => `Từ ${from} đến ${until}`,
    notIssuedHere: 'Mã khai báo không do cổng này cấp: không có thông tin người đi và thời hạn.',
    declaredRoute: 'Lộ trình khai báo',
    unknownUnit: 'Không rõ',
    timeline: 'Các lượt qua chốt theo thời gian',
    passageCount: (n) => `${n} lượt qua chốt`,
    origin: 'Nơi đi',
    destination: 'Nơi đến',
    time: 'Thời điểm',
    checkpoint: 'Chốt',
    direction: 'Chiều',
    decision: 'Quyết định',
    verdict: 'Kết quả kiểm tra',
    officer: 'Cán bộ',
    gapAfter: (d) => `sau ${d}`,
    clockSkew: (d) => `Đồng hồ thiết bị lệch ${d}`,
    receivedLater: (t) => `Máy chủ nhận lúc ${t}`,
    timeZoneNote: 'Giờ Việt Nam (UTC+7).',
    exportCsv: 'Xuất CSV',
    csvHeader: [
      'Thời điểm (giờ VN)', 'Thời điểm (UTC)', 'Chốt', 'Chiều', 'Quyết định', 'Kết quả kiểm tra', 'Cán bộ', 'Thiết bị',
      'Mã nơi đi', 'Nơi đi', 'Mã nơi đến', 'Nơi đến', 'Mã khai báo', 'Mã nhập tay', 'Họ và tên', 'Máy chủ nhận lúc (UTC)',
      'Lệch đồng hồ (ms)', 'Mã lượt',
    ],
  },
  en: {
    title: 'Route',
    noPass: 'No declaration selected.',
    loading: 'Loading the route…',
    notFound: 'There is no declaration and no passage with this code.',
    empty: 'No checkpoint passage has been recorded for this declaration yet.',
    problems: {
      'no-api-base': 'The server address is not configured (api-base attribute).',
      'invalid-pass-id': 'The declaration code is not in the right format.',
      network: 'Cannot reach the server. Check the network and try again.',
      timeout: 'The server did not answer in time. Try again.',
      server: 'The server has a problem. Try again in a few minutes.',
      'rate-limited': 'The server is busy. Try again in a few minutes.',
      'bad-response': 'The server sent data that is not valid.',
      'login-required': 'Sign in to look up routes.',
      forbidden: 'Your account may not look up routes.',
      'reason-required': 'The server did not accept this reason. Say why you look this person up (3–300 characters).',
      other: 'The route could not be loaded.',
    },
    retry: 'Try again',
    signIn: 'Sign in',
    reasonLegend: 'Looking up a person is recorded',
    reasonLabel: 'Reason for this lookup',
    reasonHint: 'Required, 3–300 characters, e.g. “F1 contact of case 4471”. The reason, your name and the time go into the lookup log.',
    reasonSubmit: 'Show the route',
    reasonProblems: {
      'too-short': 'Give a reason of at least 3 characters.',
      'too-long': 'The reason is longer than 300 characters.',
      'control-character': 'The reason contains control characters; type it again.',
    },
    person: 'Traveller',
    passId: 'Declaration code',
    manualCode: 'Manual code',
    validity: 'Validity',
    validRange: (from, until) => `From ${from} until ${until}`,
    notIssuedHere: 'This QR code was not issued by this portal: traveller and validity are unknown.',
    declaredRoute: 'Declared route',
    unknownUnit: 'Unknown',
    timeline: 'Checkpoint passages in time order',
    passageCount: (n) => (n === 1 ? '1 checkpoint passage' : `${n} checkpoint passages`),
    origin: 'From',
    destination: 'To',
    time: 'Time',
    checkpoint: 'Checkpoint',
    direction: 'Direction',
    decision: 'Decision',
    verdict: 'Check result',
    officer: 'Officer',
    gapAfter: (d) => `${d} later`,
    clockSkew: (d) => `Device clock was off by ${d}`,
    receivedLater: (t) => `Received by the server at ${t}`,
    timeZoneNote: 'Vietnam time (UTC+7).',
    exportCsv: 'Export CSV',
    csvHeader: [
      'Time (Vietnam)', 'Time (UTC)', 'Checkpoint', 'Direction', 'Decision', 'Check result', 'Officer', 'Device',
      'Origin code', 'Origin', 'Destination code', 'Destination', 'Declaration code', 'Manual code', 'Full name', 'Received (UTC)',
      'Clock skew (ms)', 'Passage id',
    ],
  },
};
