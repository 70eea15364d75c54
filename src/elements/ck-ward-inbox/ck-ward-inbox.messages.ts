// Labels and sentences of <ck-ward-inbox>. Direction, decision and verdict words are shared with
// <ck-route> (shared/portal-text.ts); the inbox adds the words a ward clerk needs beyond them.
import type { IdCheck, MovementFlags } from '../../api/ward-feed';
import type { Catalogs } from '../shared/localize';

export type InboxProblem =
  | 'invalid-unit'
  | 'invalid-date'
  | 'no-api-base'
  /** 401: nobody is signed in. */
  | 'login-required'
  /** 403: the signed-in account may not see this ward. */
  | 'forbidden'
  | 'network'
  | 'timeout'
  | 'server'
  | 'rate-limited'
  | 'bad-response'
  | 'other';

export type LiveState = 'connecting' | 'stream' | 'polling' | 'off';

export interface InboxMessages {
  title: string;
  noUnit: string;
  day: (day: string) => string;
  updatedAt: (time: string) => string;
  live: Record<LiveState, string>;
  loading: string;
  loadingRest: (loaded: number) => string;
  empty: string;
  noMatch: string;
  problems: Record<InboxProblem, string>;
  refreshFailed: (time: string) => string;
  retry: string;
  viewFilter: string;
  all: string;
  kind: Record<'arrival' | 'departure' | 'turned-back', string>;
  kindTab: Record<'arrival' | 'departure' | 'turned-back', string>;
  filter: string;
  filterHint: string;
  exportCsv: string;
  ward: string;
  wardHint: string;
  wardResults: (shown: number, total: number) => string;
  tableCaption: (unit: string, day: string) => string;
  shown: (shown: number, loaded: number) => string;
  newRows: (n: number, total: number) => string;
  fresh: string;
  columns: { time: string; kind: string; traveller: string; otherWard: string; checkpoint: string; decision: string; flags: string };
  from: string;
  to: string;
  viewRoute: string;
  noRoute: string;
  manualOnly: string;
  receivedLater: (time: string) => string;
  history: (n: number) => string;
  statusWords: Record<string, string>;
  otherStatus: string;
  flags: Record<keyof MovementFlags, string>;
  noFlags: string;
  idCheck: Record<IdCheck, string>;
  contactsTitle: (n: number) => string;
  contactsEmpty: string;
  contactKind: Record<'co-traveller' | 'same-window', string>;
  contactAt: (checkpoint: string, time: string) => string;
  deliveredAt: (time: string) => string;
  csvHeader: readonly string[];
}

export const messages: Catalogs<InboxMessages> = {
  vi: {
    title: 'Người đến và đi',
    noUnit: 'Chưa chọn phường/xã.',
    day: (day) => `Ngày ${day} (giờ Việt Nam)`,
    updatedAt: (time) => `Cập nhật lúc ${time}`,
    live: { connecting: 'Đang kết nối cập nhật trực tiếp…', stream: 'Cập nhật trực tiếp', polling: 'Cập nhật định kỳ', off: 'Không tự cập nhật' },
    loading: 'Đang tải danh sách…',
    loadingRest: (loaded) => `Đã tải ${loaded} lượt, đang tải tiếp…`,
    empty: 'Chưa có lượt đến hoặc đi nào trong ngày này.',
    noMatch: 'Không có lượt nào khớp bộ lọc.',
    problems: {
      'invalid-unit': 'Mã phường/xã phải gồm 5 chữ số.',
      'invalid-date': 'Ngày không hợp lệ (định dạng YYYY-MM-DD).',
      'no-api-base': 'Chưa cấu hình địa chỉ máy chủ (thuộc tính api-base).',
      'login-required': 'Cần đăng nhập để xem danh sách của phường/xã.',
      forbidden: 'Tài khoản của bạn không được phép xem danh sách của phường/xã này.',
      network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
      timeout: 'Máy chủ không trả lời kịp. Hãy thử lại.',
      server: 'Máy chủ đang gặp lỗi. Hãy thử lại sau ít phút.',
      'rate-limited': 'Máy chủ đang quá tải. Hãy thử lại sau ít phút.',
      'bad-response': 'Máy chủ trả về dữ liệu không hợp lệ.',
      other: 'Không tải được danh sách.',
    },
    refreshFailed: (time) => `Không cập nhật được lúc ${time}; sẽ tự thử lại.`,
    retry: 'Thử lại',
    viewFilter: 'Hiển thị',
    all: 'Tất cả',
    kind: { arrival: 'Đến', departure: 'Đi', 'turned-back': 'Không cho qua' },
    kindTab: { arrival: 'Người đến', departure: 'Người đi', 'turned-back': 'Bị quay đầu / chưa cho qua' },
    filter: 'Tìm người',
    filterHint: 'Họ tên, mã khai báo hoặc mã nhập tay',
    exportCsv: 'Xuất CSV',
    ward: 'Phường/xã',
    wardHint: 'Gõ tên hoặc mã phường/xã, dùng ↑ ↓ để chọn.',
    wardResults: (shown, total) => (shown === total ? `${total} kết quả` : `${shown} trên ${total} kết quả`),
    tableCaption: (unit, day) => `Lượt đến và đi của ${unit}, ngày ${day}, mới nhất trước`,
    shown: (shown, loaded) => (shown === loaded ? `${loaded} lượt` : `${shown} / ${loaded} lượt khớp bộ lọc`),
    newRows: (n, total) => `Có ${n} lượt mới; tổng ${total} lượt.`,
    fresh: 'Mới',
    columns: {
      time: 'Giờ', kind: 'Loại', traveller: 'Người đi (xem hành trình)', otherWard: 'Từ / đến', checkpoint: 'Chốt',
      decision: 'Quyết định và kết quả', flags: 'Lưu ý y tế',
    },
    from: 'Từ',
    to: 'Đến',
    viewRoute: ' — xem hành trình',
    noRoute: 'Không có hành trình (mã nhập tay chưa khớp khai báo nào)',
    manualOnly: 'Mã nhập tay',
    receivedLater: (time) => `nhận lúc ${time}`,
    history: (n) => `Lịch sử quyết định (${n})`,
    statusWords: { 'unverified-manual': 'Nhập tay, chưa xác minh' },
    otherStatus: 'Kết quả khác (kiosk phiên bản mới hơn)',
    flags: {
      positiveTest: 'Xét nghiệm dương tính', contact: 'Tiếp xúc F0', symptoms: 'Có triệu chứng', riskArea: 'Từ vùng nguy cơ', idMismatch: 'CCCD không khớp',
    },
    noFlags: 'Không',
    idCheck: { matched: 'CCCD khớp', mismatch: 'CCCD không khớp', manual: 'Kiểm tra giấy tờ bằng mắt', none: 'Không kiểm tra CCCD' },
    contactsTitle: (n) => `Người cần theo dõi (${n})`,
    contactsEmpty: 'Chưa có người tiếp xúc nào được chuyển đến phường/xã này.',
    contactKind: { 'co-traveller': 'Đi cùng xe', 'same-window': 'Qua cùng chốt, cùng thời điểm' },
    contactAt: (checkpoint, time) => `${checkpoint}, lúc ${time}`,
    deliveredAt: (time) => `chuyển đến lúc ${time}`,
    csvHeader: [
      'Thời điểm (giờ VN)', 'Thời điểm (UTC)', 'Loại', 'Chiều so với phường/xã', 'Họ và tên', 'Mã khai báo', 'Mã nhập tay', 'Mã nơi đi', 'Nơi đi',
      'Mã nơi đến', 'Nơi đến', 'Mã chốt', 'Tên chốt', 'Tuyến đường', 'Chiều qua chốt', 'Quyết định', 'Kết quả kiểm tra', 'Lịch sử quyết định',
      'Lưu ý y tế', 'Kiểm tra CCCD', 'Máy chủ nhận lúc (UTC)', 'Mã lượt',
    ],
  },
  en: {
    title: 'Arrivals and departures',
    noUnit: 'No ward or commune selected.',
    day: (day) => `${day} (Vietnam time)`,
    updatedAt: (time) => `Updated at ${time}`,
    live: { connecting: 'Connecting live updates…', stream: 'Live', polling: 'Updating periodically', off: 'Not updating' },
    loading: 'Loading the list…',
    loadingRest: (loaded) => `${loaded} movements loaded, loading the rest…`,
    empty: 'No arrival or departure on this day yet.',
    noMatch: 'No movement matches the filter.',
    problems: {
      'invalid-unit': 'The ward/commune code must be 5 digits.',
      'invalid-date': 'The date is not valid (format YYYY-MM-DD).',
      'no-api-base': 'The server address is not configured (api-base attribute).',
      'login-required': 'Sign in to see the ward’s list.',
      forbidden: 'Your account may not see this ward’s list.',
      network: 'Cannot reach the server. Check the network and try again.',
      timeout: 'The server did not answer in time. Try again.',
      server: 'The server has a problem. Try again in a few minutes.',
      'rate-limited': 'The server is busy. Try again in a few minutes.',
      'bad-response': 'The server sent data that is not valid.',
      other: 'The list could not be loaded.',
    },
    refreshFailed: (time) => `Could not update at ${time}; will try again.`,
    retry: 'Try again',
    viewFilter: 'Show',
    all: 'All',
    kind: { arrival: 'Arrival', departure: 'Departure', 'turned-back': 'Not let through' },
    kindTab: { arrival: 'Arrivals', departure: 'Departures', 'turned-back': 'Turned back / not let through' },
    filter: 'Find a person',
    filterHint: 'Name, declaration code or manual code',
    exportCsv: 'Export CSV',
    ward: 'Ward/commune',
    wardHint: 'Type a ward name or code, then use ↑ ↓ to choose.',
    wardResults: (shown, total) => (shown === total ? `${total} results` : `${shown} of ${total} results`),
    tableCaption: (unit, day) => `Arrivals and departures of ${unit} on ${day}, newest first`,
    shown: (shown, loaded) => (shown === loaded ? `${loaded} movements` : `${shown} of ${loaded} movements match the filter`),
    newRows: (n, total) => `${n === 1 ? '1 new movement' : `${n} new movements`}; ${total} in all.`,
    fresh: 'New',
    columns: {
      time: 'Time', kind: 'Kind', traveller: 'Traveller (route)', otherWard: 'From / to', checkpoint: 'Checkpoint',
      decision: 'Decision and check result', flags: 'Health notes',
    },
    from: 'From',
    to: 'To',
    viewRoute: ' — view route',
    noRoute: 'No route (manual code matches no declaration)',
    manualOnly: 'Manual code',
    receivedLater: (time) => `received ${time}`,
    history: (n) => `Decision history (${n})`,
    statusWords: { 'unverified-manual': 'Typed by hand, not verified' },
    otherStatus: 'Other result (newer kiosk)',
    flags: {
      positiveTest: 'Tested positive', contact: 'Contact of a case', symptoms: 'Symptoms', riskArea: 'From a risk area', idMismatch: 'ID card mismatch',
    },
    noFlags: 'None',
    idCheck: { matched: 'ID card matched', mismatch: 'ID card mismatch', manual: 'Papers checked by eye', none: 'ID card not checked' },
    contactsTitle: (n) => `Contacts to follow up (${n})`,
    contactsEmpty: 'No contact has been delivered to this ward yet.',
    contactKind: { 'co-traveller': 'Same vehicle', 'same-window': 'Same checkpoint, same time' },
    contactAt: (checkpoint, time) => `${checkpoint} at ${time}`,
    deliveredAt: (time) => `delivered ${time}`,
    csvHeader: [
      'Time (Vietnam)', 'Time (UTC)', 'Kind', 'Direction for the ward', 'Full name', 'Declaration code', 'Manual code', 'Origin code', 'Origin',
      'Destination code', 'Destination', 'Checkpoint id', 'Checkpoint', 'Road', 'Checkpoint direction', 'Decision', 'Check result', 'Decision history',
      'Health notes', 'ID card check', 'Received (UTC)', 'Movement id',
    ],
  },
};
