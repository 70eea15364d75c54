import type { Catalogs } from '../shared/localize';
import type { ManualCodeError } from '../../core/manual-code';
import type { ScannerErrorCodeForUser } from './ck-scanner.component';

export interface ScannerMessages {
  label: string;
  aim: string;
  starting: string;
  paused: string;
  stopped: string;
  start: string;
  stop: string;
  camera: string;
  torchOn: string;
  torchOff: string;
  zoom: string;
  focus: string;
  regionLabel: string;
  lastRead: (status: string) => string;
  /** A chip ID card's QR was read (compared by the page, not a pass). */
  lastCard: string;
  errors: Record<ScannerErrorCodeForUser, string>;
  fallbackTitle: string;
  manualLabel: string;
  manualHint: string;
  manualSubmit: string;
  manualErrors: Record<ManualCodeError, string>;
  uploadLabel: string;
  uploading: string;
  uploadNone: string;
  uploadUnreadable: string;
  errorPrefix: string;
}

export const messages: Catalogs<ScannerMessages> = {
  vi: {
    label: 'Quét mã QR thẻ thông hành',
    aim: 'Đưa mã QR vào giữa khung quét.',
    starting: 'Đang mở camera…',
    paused: 'Camera tạm dừng khi trang bị ẩn hoặc khuất khỏi màn hình.',
    stopped: 'Camera đã tắt.',
    start: 'Bật camera',
    stop: 'Tắt camera',
    camera: 'Camera',
    torchOn: 'Bật đèn',
    torchOff: 'Tắt đèn',
    zoom: 'Thu phóng',
    focus: 'Lấy nét',
    regionLabel: 'Khung quét',
    lastRead: (status) => `Đã đọc mã: ${status}`,
    lastCard: 'Đã đọc mã trên thẻ CCCD.',
    errors: {
      'permission-denied': 'Chưa được phép dùng camera. Hãy cho phép camera trong cài đặt trình duyệt, hoặc nhập mã thủ công / tải ảnh lên bên dưới.',
      'no-camera': 'Không tìm thấy camera trên thiết bị này. Hãy nhập mã thủ công hoặc tải ảnh mã lên.',
      'camera-busy': 'Camera đang được ứng dụng khác sử dụng. Hãy đóng ứng dụng đó rồi thử lại, hoặc dùng cách khác bên dưới.',
      'camera-unavailable': 'Trình duyệt này không mở được camera (cần HTTPS). Hãy nhập mã thủ công hoặc tải ảnh lên.',
      'decoder-load-failed': 'Không tải được bộ giải mã QR. Hãy tải lại trang; trong lúc chờ, hãy nhập mã thủ công.',
    },
    fallbackTitle: 'Cách khác',
    manualLabel: 'Mã thủ công',
    manualHint: '10 ký tự in dưới mã QR, ví dụ 7K3QZ-M9X2D',
    manualSubmit: 'Kiểm tra mã',
    manualErrors: {
      length: 'Mã phải có đúng 10 ký tự (không kể dấu gạch).',
      character: 'Mã có ký tự không hợp lệ. Chỉ dùng chữ số và chữ cái.',
      check: 'Mã không đúng (sai ký tự kiểm tra). Hãy xem lại từng ký tự.',
    },
    uploadLabel: 'Tải ảnh mã QR lên',
    uploading: 'Đang đọc ảnh…',
    uploadNone: 'Không tìm thấy mã QR trong ảnh. Hãy chụp lại gần hơn, đủ sáng.',
    uploadUnreadable: 'Không đọc được tệp này như một ảnh.',
    errorPrefix: 'Lỗi',
  },
  en: {
    label: 'Scan a declaration QR code',
    aim: 'Hold the QR code inside the frame.',
    starting: 'Opening the camera…',
    paused: 'The camera pauses while the page is hidden or scrolled out of view.',
    stopped: 'The camera is off.',
    start: 'Turn camera on',
    stop: 'Turn camera off',
    camera: 'Camera',
    torchOn: 'Torch on',
    torchOff: 'Torch off',
    zoom: 'Zoom',
    focus: 'Focus',
    regionLabel: 'Scan frame',
    lastRead: (status) => `Code read: ${status}`,
    lastCard: 'Chip ID card code read.',
    errors: {
      'permission-denied': 'Camera access was not allowed. Allow the camera in the browser settings, or type the code / upload a photo below.',
      'no-camera': 'No camera was found on this device. Type the code or upload a photo of it.',
      'camera-busy': 'Another app is using the camera. Close it and try again, or use another way below.',
      'camera-unavailable': 'This browser cannot open the camera (HTTPS is required). Type the code or upload a photo.',
      'decoder-load-failed': 'The QR decoder could not be loaded. Reload the page; meanwhile, type the code by hand.',
    },
    fallbackTitle: 'Other ways',
    manualLabel: 'Manual code',
    manualHint: 'The 10 characters printed under the QR code, e.g. 7K3QZ-M9X2D',
    manualSubmit: 'Check code',
    manualErrors: {
      length: 'The code has exactly 10 characters (not counting the dash).',
      character: 'The code has a character that is not allowed. Use digits and letters only.',
      check: 'This code is not right (check character). Look at each character again.',
    },
    uploadLabel: 'Upload a photo of the QR code',
    uploading: 'Reading the photo…',
    uploadNone: 'No QR code found in the photo. Take it closer, with enough light.',
    uploadUnreadable: 'This file cannot be read as an image.',
    errorPrefix: 'Error',
  },
};
