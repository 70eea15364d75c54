// Labels and sentences of <ck-sync-status>.
import type { Catalogs } from '../shared/localize';

export interface SyncStatusMessages {
  label: string;
  noEngine: string;
  online: string;
  offline: string;
  pending: (n: number) => string;
  quarantined: (n: number) => string;
  showQuarantine: string;
  hideQuarantine: string;
  lastSync: (when: string, ago: string) => string;
  neverSynced: string;
  trustAge: (ago: string) => string;
  trustNone: string;
  trustStale: (hours: number) => string;
  /** The officer's acknowledgement of stale trust in force (logged on the device only). */
  trustAcknowledged: (sequence: number, at: string) => string;
  trustRefused: string;
  clockSkew: (amount: string, ahead: boolean) => string;
  /** The kiosk found its own records missing or changed (seq range, inclusive). */
  alarm: (from: number, to: number, reported: boolean) => string;
  /** Sequence gaps the portal reported for this device. */
  serverMissing: (ranges: string) => string;
  held: (n: number) => string;
  clockSkewOk: (amount: string) => string;
  clockUnknown: string;
  syncNow: string;
  syncing: string;
  progress: (sent: number, total: number) => string;
  lastError: (reason: string) => string;
  nextAttempt: (time: string) => string;
  errors: Record<string, string>;
  outcome: {
    ok: (synced: number, quarantined: number) => string;
    locked: string;
    deferred: (time: string) => string;
    error: (reason: string) => string;
  };
  quarantineTitle: string;
  quarantineHint: string;
  quarantineEmpty: string;
  quarantineLoading: string;
  columns: { seq: string; at: string; pass: string; direction: string; reason: string };
  direction: { in: string; out: string };
  manual: (code: string) => string;
  requeue: string;
  requeued: (n: number) => string;
}

export const messages: Catalogs<SyncStatusMessages> = {
  vi: {
    label: 'Tình trạng đồng bộ',
    noEngine: 'Chưa kết nối bộ đồng bộ: các lượt qua chỉ được lưu trên máy này.',
    online: 'Có mạng',
    offline: 'Mất mạng — các lượt qua vẫn được lưu trên máy',
    pending: (n) => `${n} lượt chờ gửi`,
    quarantined: (n) => `${n} lượt bị máy chủ từ chối`,
    showQuarantine: 'Xem các lượt bị từ chối',
    hideQuarantine: 'Ẩn các lượt bị từ chối',
    lastSync: (when, ago) => `Đồng bộ thành công lần cuối: ${when} (${ago})`,
    neverSynced: 'Chưa đồng bộ thành công lần nào',
    trustAge: (ago) => `Dữ liệu tin cậy (khóa, danh sách thu hồi, vùng nguy cơ) được phát hành ${ago}`,
    trustNone: 'Chưa có dữ liệu tin cậy: cần kết nối mạng ít nhất một lần để kiểm tra chữ ký.',
    trustAcknowledged: (sequence, at) => `Cán bộ đã xác nhận tiếp tục với dữ liệu tin cậy cũ (bộ số ${sequence}) lúc ${at}; ghi lại trên thiết bị, hết hiệu lực khi có dữ liệu mới hơn.`,
    trustStale: (hours) => `Dữ liệu tin cậy đã quá ${hours} giờ chưa cập nhật: kết quả kiểm tra có thể sai (mã đã thu hồi vẫn có thể hiện hợp lệ).`,
    trustRefused: 'Bản dữ liệu tin cậy mới tải về bị từ chối (chữ ký không đúng hoặc cũ hơn bản đang dùng); vẫn dùng bản cũ.',
    clockSkew: (amount, ahead) => `Đồng hồ thiết bị ${ahead ? 'nhanh' : 'chậm'} ${amount} so với máy chủ. Hãy chỉnh lại giờ thiết bị.`,
    alarm: (from, to, reported) => `${from === to ? `Bản ghi ${from}` : `Các bản ghi ${from}–${to}`} bị mất hoặc bị sửa — hãy báo cho cấp trên.${reported ? ' Đã báo về máy chủ.' : ' Sẽ báo về máy chủ ở lần đồng bộ tới.'}`,
    serverMissing: (ranges) => `Máy chủ chưa nhận được các bản ghi số ${ranges} của thiết bị này.`,
    held: (n) => `${n} lượt được máy chủ giữ lại chờ bản ghi trước đó.`,
    clockSkewOk: (amount) => `Đồng hồ thiết bị khớp máy chủ (lệch ${amount})`,
    clockUnknown: 'Chưa đo được độ lệch đồng hồ',
    syncNow: 'Đồng bộ ngay',
    syncing: 'Đang đồng bộ…',
    progress: (sent, total) => `Đã gửi ${sent}/${total} lượt`,
    lastError: (reason) => `Lần đồng bộ trước lỗi: ${reason}`,
    nextAttempt: (time) => `Tự thử lại lúc ${time}`,
    errors: {
      'storage-blocked': 'một cửa sổ khác của trang này đang giữ dữ liệu ở phiên bản cũ — hãy đóng các cửa sổ khác của trang này (không mất dữ liệu)',
      network: 'không kết nối được máy chủ',
      timeout: 'máy chủ không trả lời kịp',
      server: 'máy chủ gặp lỗi',
      'injected-failure': 'máy chủ gặp lỗi',
      'rate-limited': 'máy chủ đang quá tải, cần chờ',
      'unknown-device': 'máy chủ chưa nhận diện thiết bị này',
      'bad-signature': 'chữ ký của thiết bị không được chấp nhận',
      'storage-full': 'bộ nhớ thiết bị đã đầy',
      'bad-response': 'câu trả lời của máy chủ không đúng định dạng',
      stopped: 'đã dừng',
    },
    outcome: {
      ok: (synced, quarantined) => `Đồng bộ xong: ${synced} lượt đã gửi${quarantined ? `, ${quarantined} lượt bị từ chối` : ''}.`,
      locked: 'Một cửa sổ khác của trang này đang đồng bộ.',
      deferred: (time) => `Máy chủ yêu cầu chờ đến ${time}.`,
      error: (reason) => `Đồng bộ chưa được: ${reason}. Các lượt qua vẫn an toàn trên máy.`,
    },
    quarantineTitle: 'Các lượt bị máy chủ từ chối',
    quarantineHint: 'Các bản ghi này vẫn được giữ trên máy. Hãy báo cho đơn vị quản lý kèm lý do; gửi lại sau khi vấn đề đã được sửa.',
    quarantineEmpty: 'Không có lượt nào bị từ chối.',
    quarantineLoading: 'Đang tải…',
    columns: { seq: 'STT', at: 'Thời gian', pass: 'Mã khai báo', direction: 'Chiều', reason: 'Lý do của máy chủ' },
    direction: { in: 'Vào', out: 'Ra' },
    manual: (code) => `mã tay ${code}`,
    requeue: 'Gửi lại các lượt này',
    requeued: (n) => `Đã đưa ${n} lượt vào hàng chờ gửi.`,
  },
  en: {
    label: 'Sync status',
    noEngine: 'No sync engine connected: passages are kept on this device only.',
    online: 'Online',
    offline: 'Offline — passages are still kept on this device',
    pending: (n) => `${n} waiting to send`,
    quarantined: (n) => `${n} refused by the server`,
    showQuarantine: 'Show refused passages',
    hideQuarantine: 'Hide refused passages',
    lastSync: (when, ago) => `Last successful sync: ${when} (${ago})`,
    neverSynced: 'Never synced successfully',
    trustAge: (ago) => `Trust data (keys, revocations, risk areas) issued ${ago}`,
    trustNone: 'No trust data yet: go online at least once so signatures can be checked.',
    trustAcknowledged: (sequence, at) => `The officer chose to continue with old trust data (bundle no. ${sequence}) at ${at}; logged on this device, it ends when fresher trust data arrives.`,
    trustStale: (hours) => `Trust data is more than ${hours} hours old: verdicts may be wrong (a revoked QR code can still show as valid).`,
    trustRefused: 'The newly downloaded trust data was refused (bad signature or older than the one in use); the old data is kept.',
    clockSkew: (amount, ahead) => `The device clock is ${amount} ${ahead ? 'ahead of' : 'behind'} the server. Set the device time.`,
    alarm: (from, to, reported) => `${from === to ? `Record ${from}` : `Records ${from}–${to}`} missing or changed — report to the supervisor.${reported ? ' Reported to the portal.' : ' It will be reported to the portal with the next sync.'}`,
    serverMissing: (ranges) => `The portal has not received records ${ranges} of this device.`,
    held: (n) => `${n} passages held by the portal until their predecessor arrives.`,
    clockSkewOk: (amount) => `Device clock matches the server (off by ${amount})`,
    clockUnknown: 'Clock difference not measured yet',
    syncNow: 'Sync now',
    syncing: 'Syncing…',
    progress: (sent, total) => `${sent} of ${total} sent`,
    lastError: (reason) => `Last sync failed: ${reason}`,
    nextAttempt: (time) => `Next automatic try at ${time}`,
    errors: {
      'storage-blocked': 'another window of this page holds the data in an older version — close the other windows of this page (nothing is lost)',
      network: 'the server could not be reached',
      timeout: 'the server did not answer in time',
      server: 'the server failed',
      'injected-failure': 'the server failed',
      'rate-limited': 'the server is busy and asked to wait',
      'unknown-device': 'the server does not know this device',
      'bad-signature': 'the device signature was not accepted',
      'storage-full': 'the device storage is full',
      'bad-response': 'the server answer was malformed',
      stopped: 'stopped',
    },
    outcome: {
      ok: (synced, quarantined) => `Sync done: ${synced} sent${quarantined ? `, ${quarantined} refused` : ''}.`,
      locked: 'Another window of this page is syncing.',
      deferred: (time) => `The server asked to wait until ${time}.`,
      error: (reason) => `Sync did not complete: ${reason}. Passages are safe on this device.`,
    },
    quarantineTitle: 'Passages refused by the server',
    quarantineHint: 'These records stay on this device. Report them with the reason; send them again once the problem is fixed.',
    quarantineEmpty: 'No refused passages.',
    quarantineLoading: 'Loading…',
    columns: { seq: 'No.', at: 'Time', pass: 'Declaration code', direction: 'Direction', reason: 'Server’s reason' },
    direction: { in: 'In', out: 'Out' },
    manual: (code) => `manual code ${code}`,
    requeue: 'Send these again',
    requeued: (n) => `${n} passages queued to send again.`,
  },
};

/** The engine's `lastError` is "code: message"; a known code gets words, else the message. */
export function describeSyncError(lastError: string, m: SyncStatusMessages): string {
  const cut = lastError.indexOf(':');
  const code = cut > 0 ? lastError.slice(0, cut).trim() : lastError.trim();
  return m.errors[code] ?? (cut > 0 ? lastError.slice(cut + 1).trim() : lastError);
}
