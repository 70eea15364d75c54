/**
 * Camera track facts for CameraController (no element state): error codes a person can be told
 * about, what a track lets the officer adjust (and applying it), the cameras on the device, and
 * the constraint shapes lib.dom lacks.
 */
import type { CameraCandidate } from './camera-choice';

export type CameraErrorCode = 'permission-denied' | 'no-camera' | 'camera-busy' | 'camera-unavailable';
export type CameraState = 'idle' | 'starting' | 'live' | 'paused' | 'error';

/** What the live track lets the officer adjust (each absent/false where unsupported). */
export interface CameraControls {
  zoom: { min: number; max: number; step: number } | null;
  /** A one-shot refocus is possible (focusMode 'single-shot'). */
  focus: boolean;
  torch: boolean;
}

export const NO_CONTROLS: CameraControls = { zoom: null, focus: false, torch: false };

/** Maps getUserMedia failures to codes a person can be told about. */
export function cameraErrorCode(error: unknown): CameraErrorCode {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'permission-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'camera-busy';
    default:
      return 'camera-unavailable';
  }
}

/** Image-capture constraints Chromium and WebKit accept on camera tracks (absent from lib.dom). */
export type CameraConstraint = MediaTrackConstraintSet & { torch?: boolean; zoom?: number; focusMode?: string };
export type CameraCapabilities = MediaTrackCapabilities & {
  torch?: boolean;
  zoom?: { min?: number; max?: number; step?: number };
  focusMode?: string[];
};
export type CameraSettings = MediaTrackSettings & { zoom?: number };

/** Reads a track's capabilities; {} where the browser has no getCapabilities (Firefox). */
export function capabilitiesOf(source: { getCapabilities?: () => MediaTrackCapabilities } | undefined): CameraCapabilities {
  try {
    return (source && typeof source.getCapabilities === 'function' ? source.getCapabilities() : {}) as CameraCapabilities;
  } catch {
    return {};
  }
}

export function controlsOf(caps: CameraCapabilities): CameraControls {
  const z = caps.zoom;
  const zoom = z && typeof z.min === 'number' && typeof z.max === 'number' && z.max > z.min ? { min: z.min, max: z.max, step: z.step && z.step > 0 ? z.step : 0.1 } : null;
  return { zoom, focus: Boolean(caps.focusMode?.includes('single-shot')), torch: caps.torch === true };
}

/** getUserMedia errors that mean "that remembered deviceId is gone", not "no camera at all". */
export function isStaleDevice(error: unknown): boolean {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  return name === 'OverconstrainedError' || name === 'NotFoundError';
}

/** Applies one advanced constraint (torch, zoom, focus mode); resolves whether the track took it. */
export async function applyAdvanced(track: MediaStreamTrack, constraint: CameraConstraint): Promise<boolean> {
  try {
    await track.applyConstraints({ advanced: [constraint] });
    return true;
  } catch {
    return false;
  }
}

/**
 * The video inputs as candidates for the main-rear pick (camera-choice.ts), with capabilities
 * where the engine offers them (labels only once permission is granted); undefined when the
 * engine cannot list them.
 */
export async function listCameras(): Promise<CameraCandidate[] | undefined> {
  try {
    const devices = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    return devices.map((d) => {
      const caps = capabilitiesOf(d as InputDeviceInfo);
      return { deviceId: d.deviceId, label: d.label, facingMode: caps.facingMode, focusMode: caps.focusMode, torch: caps.torch };
    });
  } catch {
    return undefined;
  }
}
