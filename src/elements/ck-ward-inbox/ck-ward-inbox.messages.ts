// Labels and sentences of <ck-ward-inbox>. Direction, decision and verdict words are shared with
// <ck-route> (ck-route/portal-text.ts).
import type { Catalogs } from '../shared/localize';

export type InboxProblem =
  | 'invalid-unit'
  | 'invalid-date'
  | 'no-api-base'
  | 'network'
  | 'timeout'
  | 'server'
  | 'rate-limited'
  | 'bad-response'
  | 'other';

export interface InboxMessages {
  title: string;
  noUnit: string;
  day: (day: string) => string;
  updatedAt: (time: string) => string;
  loading: string;
  loadingMore: string;
  empty: string;
  noMatch: string;
  problems: Record<InboxProblem, string>;
  refreshFailed: (time: string) => string;
  retry: string;
  directionFilter: string;
  all: string;
  arrivals: string;
  departures: string;
  filter: string;
  filterHint: string;
  exportCsv: string;
  loadMore: string;
  tableCaption: (unit: string, day: string) => string;
  shown: (shown: number, loaded: number) => string;
  newRows: (n: number, total: number) => string;
  fresh: string;
  columns: { time: string; direction: string; traveller: string; otherWard: string; checkpoint: string; decision: string; verdict: string };
  from: string;
  to: string;
  viewRoute: string;
  noRoute: string;
  manualOnly: string;
  receivedLater: (time: string) => string;
  csvHeader: readonly string[];
}

export const messages: Catalogs<InboxMessages> = {
  vi: {
    title: 'Người đến và đi',
    noUnit: 'Chưa chọn phường/xã.',
    day: (day) => `Ngày ${day} (giờ Việt Nam)`,
    updatedAt: (time) => `Cập nhật lúc ${time}`,
    loading: 'Đang tải danh sách…',
    loadingMore: 'Đang tải thêm…',
    empty: 'Chưa có lượt đến hoặc đi nào trong ngày này.',
    noMatch: 'Không có lượt nào khớp bộ lọc.',
    problems: {
      'invalid-unit': 'Mã phường/xã phải gồm 5 chữ số.',
      'invalid-date': 'Ngày không hợp lệ (định dạng YYYY-MM-DD).',
      'no-api-base': 'Chưa cấu hình địa chỉ máy chủ (thuộc tính api-base).',
      network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
      timeout: 'Máy chủ không trả lời kịp. Hãy thử lại.',
      server: 'Máy chủ đang gặp lỗi. Hãy thử lại sau ít phút.',
      'rate-limited': 'Máy chủ đang quá tải. Hãy thử lại sau ít phút.',
      'bad-response': 'Máy chủ trả về dữ liệu không hợp lệ.',
      other: 'Không tải được danh sách.',
    },
    refreshFailed: (time) => `Không cập nhật được lúc ${time}; sẽ tự thử lại.`,
    retry: 'Thử lại',
    directionFilter: 'Hiển thị',
    all: 'Tất cả',
    arrivals: 'Người đến',
    departures: 'Người đi',
    filter: 'Lọc',
    filterHint: 'Chốt, mã khai báo, mã nhập tay, họ tên, phường/xã',
    exportCsv: 'Xuất CSV',
    loadMore: 'Tải thêm lượt cũ hơn',
    tableCaption: (unit, day) => `Lượt đến và đi của ${unit}, ngày ${day}, mới nhất trước`,
    shown: (shown, loaded) => (shown === loaded ? `${loaded} lượt` : `${shown} / ${loaded} lượt khớp bộ lọc`),
    newRows: (n, total) => `Có ${n} lượt mới; tổng ${total} lượt.`,
    fresh: 'Mới',
    columns: {
      time: 'Giờ', direction: 'Chiều', traveller: 'Người đi (xem hành trình)', otherWard: 'Từ / đến', checkpoint: 'Chốt',
      decision: 'Quyết định', verdict: 'Kết quả kiểm tra',
    },
    from: 'Từ',
    to: 'Đến',
    viewRoute: ' — xem hành trình',
    noRoute: 'Không có hành trình (mã nhập tay chưa khớp khai báo nào)',
    manualOnly: 'Mã nhập tay',
    receivedLater: (time) => `nhận lúc ${time}`,
    csvHeader: [
      'Thời điểm (giờ VN)', 'Thời điểm (UTC)', 'Chiều', 'Họ và tên', 'Mã khai báo', 'Mã nhập tay', 'Mã nơi đi', 'Nơi đi',
      'Mã nơi đến', 'Nơi đến', 'Chốt', 'Chiều qua chốt', 'Quyết định', 'Kết quả kiểm tra', 'Máy chủ nhận lúc (UTC)', 'Mã lượt',
    ],
  },
  en: {
    title: 'Arrivals and departures',
    noUnit: 'No ward or commune selected.',
    day: (day) => `${day} (Vietnam time)`,
    updatedAt: (time) => `Updated at ${time}`,
    loading: 'Loading the list…',
    loadingMore: 'Loading more…',
    empty: 'No arrival or departure on this day yet.',
    noMatch: 'No movement matches the filter.',
    problems: {
      'invalid-unit': 'The ward/commune code must be 5 digits.',
      'invalid-date': 'The date is not valid (format YYYY-MM-DD).',
      'no-api-base': 'The server address is not configured (api-base attribute).',
      network: 'Cannot reach the server. Check the network and try again.',
      timeout: 'The server did not answer in time. Try again.',
      server: 'The server has a problem. Try again in a few minutes.',
      'rate-limited': 'The server is busy. Try again in a few minutes.',
      'bad-response': 'The server sent data that is not valid.',
      other: 'The list could not be loaded.',
    },
    refreshFailed: (time) => `Could not update at ${time}; will try again.`,
    retry: 'Try again',
    directionFilter: 'Show',
    all: 'All',
    arrivals: 'Arrivals',
    departures: 'Departures',
    filter: 'Filter',
    filterHint: 'Checkpoint, declaration code, manual code, name, ward',
    exportCsv: 'Export CSV',
    loadMore: 'Load older movements',
    tableCaption: (unit, day) => `Arrivals and departures of ${unit} on ${day}, newest first`,
    shown: (shown, loaded) => (shown === loaded ? `${loaded} movements` : `${shown} of ${loaded} movements match the filter`),
    newRows: (n, total) => `${n === 1 ? '1 new movement' : `${n} new movements`}; ${total} in all.`,
    fresh: 'New',
    columns: {
      time: 'Time', direction: 'Direction', traveller: 'Traveller (route)', otherWard: 'From / to', checkpoint: 'Checkpoint',
      decision: 'Decision', verdict: 'Check result',
    },
    from: 'From',
    to: 'To',
    viewRoute: ' — view route',
    noRoute: 'No route (manual code matches no declaration)',
    manualOnly: 'Manual code',
    receivedLater: (time) => `received ${time}`,
    csvHeader: [
      'Time (Vietnam)', 'Time (UTC)', 'Direction', 'Full name', 'Declaration code', 'Manual code', 'Origin code', 'Origin',
      'Destination code', 'Destination', 'Checkpoint', 'Checkpoint direction', 'Decision', 'Check result', 'Received (UTC)', 'Movement id',
    ],
  },
};
