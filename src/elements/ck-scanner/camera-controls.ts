import { html, nothing, type TemplateResult } from 'lit';
import type { CameraController } from '../shared/controllers/camera-controller';
import type { ScannerMessages } from './ck-scanner.messages';

/**
 * The camera choice and the controls the live track supports (torch, one-shot focus, zoom);
 * each renders only when the camera offers it, so no control that cannot work is shown.
 */
export function cameraControls(camera: CameraController, m: ScannerMessages): TemplateResult {
  return html`
    ${camera.cameras.length > 1
      ? html`<label class="select"
          >${m.camera}
          <select @change=${(e: Event) => void camera.switchTo((e.target as HTMLSelectElement).value)}>
            ${camera.cameras.map((c) => html`<option value=${c.deviceId} ?selected=${c.deviceId === camera.deviceId}>${c.label}</option>`)}
          </select></label
        >`
      : nothing}
    ${camera.torchSupported
      ? html`<button type="button" class="torch" aria-pressed=${camera.torch ? 'true' : 'false'} @click=${() => void camera.setTorch(!camera.torch)}>
          ${camera.torch ? m.torchOff : m.torchOn}
        </button>`
      : nothing}
    ${camera.controls.focus ? html`<button type="button" class="focus" @click=${() => void camera.focus()}>${m.focus}</button>` : nothing}
    ${camera.controls.zoom
      ? html`<label class="select zoom"
          >${m.zoom}
          <input
            type="range"
            min=${camera.controls.zoom.min}
            max=${camera.controls.zoom.max}
            step=${camera.controls.zoom.step}
            .value=${String(camera.zoom ?? camera.controls.zoom.min)}
            @input=${(e: Event) => void camera.setZoom(Number((e.target as HTMLInputElement).value))}
        /></label>`
      : nothing}
  `;
}
