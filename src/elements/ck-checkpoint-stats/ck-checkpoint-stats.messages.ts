// Labels and sentences of <ck-checkpoint-stats>.
import type { Catalogs } from '../shared/localize';
import type { HourField } from '../../api/stats';

/** Why the day cannot be shown. */
export type StatsProblem =
  | 'no-api-base'
  | 'invalid-date'
  | 'network'
  | 'timeout'
  | 'server'
  | 'rate-limited'
  | 'bad-response'
  | 'login-required'
  | 'forbidden'
  | 'bad-request'
  | 'other';

/** The three charts of the day. */
export type ChartId = 'passages' | 'decisions' | 'risks';

export interface StatsMessages {
  title: string;
  dateLabel: string;
  checkpointLabel: string;
  allCheckpoints: string;
  print: string;
  loading: string;
  refreshing: string;
  noDate: string;
  problems: Record<StatsProblem, string>;
  retry: string;
  signIn: string;
  dayHeading: (day: string) => string;
  reportHeading: (day: string) => string;
  glance: string;
  fields: Record<HourField, string>;
  kiosksOffline: string;
  staleTrust: string;
  lostRecords: string;
  kiosks: string;
  charts: Record<ChartId, string>;
  chartSummary: Record<ChartId, (peakHour: string, peak: number) => string>;
  showTable: string;
  hideTable: string;
  chartLoading: string;
  chartFailed: string;
  hour: string;
  total: string;
  byCheckpoint: string;
  checkpoint: string;
  road: string;
  attention: string;
  ok: string;
  attentionWords: (offline: number, stale: number, lost: number) => string;
  noCheckpoints: string;
  schematic: string;
  schematicLabel: (shown: number, attention: number) => string;
  schematicNote: string;
  notPlaced: (names: string) => string;
  timeZoneNote: string;
  live: string;
  polling: string;
  updated: (time: string) => string;
}

const PEAK_VI = (what: string) => (hour: string, n: number) => (n === 0 ? `Không có ${what} trong ngày.` : `Cao nhất ${n} ${what} lúc ${hour}.`);
const PEAK_EN = (what: string) => (hour: string, n: number) => (n === 0 ? `No ${what} this day.` : `Highest: ${n} ${what} at ${hour}.`);

export const messages: Catalogs<StatsMessages> = {
  vi: {
    title: 'Tình hình các chốt kiểm soát',
    dateLabel: 'Ngày',
    checkpointLabel: 'Chốt',
    allCheckpoints: 'Tất cả các chốt',
    print: 'In báo cáo ngày',
    loading: 'Đang tải số liệu…',
    refreshing: 'Đang cập nhật…',
    noDate: 'Chọn ngày để xem số liệu.',
    problems: {
      'no-api-base': 'Chưa cấu hình địa chỉ máy chủ (thuộc tính api-base).',
      'invalid-date': 'Ngày không đúng định dạng.',
      network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
      timeout: 'Máy chủ không trả lời kịp. Hãy thử lại.',
      server: 'Máy chủ đang gặp lỗi. Hãy thử lại sau ít phút.',
      'rate-limited': 'Máy chủ đang quá tải. Hãy thử lại sau ít phút.',
      'bad-response': 'Máy chủ trả về dữ liệu không hợp lệ.',
      'login-required': 'Cần đăng nhập để xem số liệu các chốt.',
      forbidden: 'Tài khoản của bạn không được xem số liệu các chốt (chỉ quản trị và cán bộ truy vết của tỉnh/thành phố).',
      'bad-request': 'Máy chủ không nhận yêu cầu này. Kiểm tra ngày.',
      other: 'Không tải được số liệu.',
    },
    retry: 'Thử lại',
    signIn: 'Đăng nhập',
    dayHeading: (d) => `Ngày ${d}`,
    reportHeading: (d) => `Báo cáo ngày ${d}`,
    glance: 'Cả ngày',
    fields: {
      in: 'Lượt vào', out: 'Lượt ra', allow: 'Cho qua', deny: 'Không cho qua', refer: 'Chuyển kiểm tra thêm',
      fromRiskAreas: 'Đến từ vùng dịch', idMismatch: 'CCCD không khớp',
    },
    kiosksOffline: 'Máy mất kết nối',
    staleTrust: 'Danh sách tin cậy quá cũ',
    lostRecords: 'Bản ghi bị mất',
    kiosks: 'Số máy',
    charts: { passages: 'Lượt qua chốt theo giờ', decisions: 'Quyết định theo giờ', risks: 'Đến từ vùng dịch và CCCD không khớp theo giờ' },
    chartSummary: { passages: PEAK_VI('lượt vào'), decisions: PEAK_VI('lượt không cho qua'), risks: PEAK_VI('người đến từ vùng dịch') },
    showTable: 'Xem dạng bảng',
    hideTable: 'Ẩn bảng',
    chartLoading: 'Đang vẽ biểu đồ…',
    chartFailed: 'Không vẽ được biểu đồ; số liệu có trong bảng.',
    hour: 'Giờ',
    total: 'Cộng',
    byCheckpoint: 'Theo từng chốt',
    checkpoint: 'Chốt',
    road: 'Tuyến đường',
    attention: 'Cần xử lý',
    ok: 'Bình thường',
    attentionWords: (offline, stale, lost) => [
      offline ? `${offline} máy mất kết nối` : '', stale ? `${stale} máy có danh sách tin cậy quá cũ` : '', lost ? `${lost} bản ghi bị mất` : '',
    ].filter(Boolean).join(', '),
    noCheckpoints: 'Không có chốt nào trong phạm vi của bạn.',
    schematic: 'Sơ đồ vị trí các chốt',
    schematicLabel: (shown, attention) => `Sơ đồ ${shown} chốt theo vị trí (bắc ở trên); ${attention} chốt cần xử lý, đánh dấu bằng hình tam giác.`,
    schematicNote: 'Vòng tròn càng lớn, càng nhiều lượt qua. Tam giác: chốt cần xử lý. Sơ đồ theo toạ độ, không phải bản đồ.',
    notPlaced: (names) => `Chưa có toạ độ: ${names}.`,
    timeZoneNote: 'Giờ Việt Nam (UTC+7).',
    live: 'Tự cập nhật khi có lượt qua chốt mới.',
    polling: 'Mất kết nối trực tiếp; tự tải lại mỗi phút.',
    updated: (t) => `Cập nhật lúc ${t}`,
  },
  en: {
    title: 'Checkpoints at a glance',
    dateLabel: 'Day',
    checkpointLabel: 'Checkpoint',
    allCheckpoints: 'All checkpoints',
    print: 'Print the daily report',
    loading: 'Loading the figures…',
    refreshing: 'Updating…',
    noDate: 'Choose a day to see the figures.',
    problems: {
      'no-api-base': 'The server address is not configured (api-base attribute).',
      'invalid-date': 'The day is not in the right format.',
      network: 'Cannot reach the server. Check the network and try again.',
      timeout: 'The server did not answer in time. Try again.',
      server: 'The server has a problem. Try again in a few minutes.',
      'rate-limited': 'The server is busy. Try again in a few minutes.',
      'bad-response': 'The server sent data that is not valid.',
      'login-required': 'Sign in to see the checkpoint figures.',
      forbidden: 'Your account may not see the checkpoint figures (administrators and tracers of the province only).',
      'bad-request': 'The server did not accept this request. Check the day.',
      other: 'The figures could not be loaded.',
    },
    retry: 'Try again',
    signIn: 'Sign in',
    dayHeading: (d) => `Day ${d}`,
    reportHeading: (d) => `Daily report, ${d}`,
    glance: 'The whole day',
    fields: {
      in: 'Passages in', out: 'Passages out', allow: 'Allowed', deny: 'Denied', refer: 'Referred for checks',
      fromRiskAreas: 'Arrivals from risk areas', idMismatch: 'ID card mismatches',
    },
    kiosksOffline: 'Kiosks offline',
    staleTrust: 'Trust list out of date',
    lostRecords: 'Lost records',
    kiosks: 'Kiosks',
    charts: { passages: 'Passages per hour', decisions: 'Decisions per hour', risks: 'Arrivals from risk areas and ID card mismatches per hour' },
    chartSummary: { passages: PEAK_EN('passages in'), decisions: PEAK_EN('denials'), risks: PEAK_EN('arrivals from risk areas') },
    showTable: 'Show as table',
    hideTable: 'Hide table',
    chartLoading: 'Drawing the chart…',
    chartFailed: 'The chart could not be drawn; the figures are in the table.',
    hour: 'Hour',
    total: 'Total',
    byCheckpoint: 'By checkpoint',
    checkpoint: 'Checkpoint',
    road: 'Road',
    attention: 'Needs attention',
    ok: 'Normal',
    attentionWords: (offline, stale, lost) => [
      offline ? `${offline} ${offline === 1 ? 'kiosk' : 'kiosks'} offline` : '', stale ? `${stale} with an out-of-date trust list` : '',
      lost ? `${lost} lost ${lost === 1 ? 'record' : 'records'}` : '',
    ].filter(Boolean).join(', '),
    noCheckpoints: 'No checkpoint in your scope.',
    schematic: 'Where the checkpoints are',
    schematicLabel: (shown, attention) => `Schematic of ${shown} checkpoints by position (north up); ${attention} need attention, marked with a triangle.`,
    schematicNote: 'The larger the circle, the more passages. Triangle: needs attention. Drawn from coordinates, not a map.',
    notPlaced: (names) => `No coordinates yet: ${names}.`,
    timeZoneNote: 'Vietnam time (UTC+7).',
    live: 'Updates by itself when new passages arrive.',
    polling: 'Live connection lost; reloading every minute.',
    updated: (t) => `Updated at ${t}`,
  },
};
