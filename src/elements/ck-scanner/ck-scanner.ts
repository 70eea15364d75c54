import { CkScanner } from './ck-scanner.component';

export { CkScanner } from './ck-scanner.component';
export type { CkManualCodeEvent, CkScanEvent, CkScannerErrorEvent, ManualCodeDetail, ScanDetail, ScannerErrorDetail, ScanTimings } from './ck-scanner.component';
export type { FrameTiming } from '../shared/controllers/camera-controller';
export type { FrameClockStats } from '../shared/controllers/frame-clock';

if (!customElements.get('ck-scanner')) customElements.define('ck-scanner', CkScanner);

declare global {
  interface HTMLElementTagNameMap {
    'ck-scanner': CkScanner;
  }
}
