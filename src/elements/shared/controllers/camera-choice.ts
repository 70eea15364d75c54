/**
 * Which camera to open (pure; tested in Node). Phones list several rear cameras — main,
 * ultra-wide, telephoto, depth — and `facingMode: environment` often lands on the ultra-wide,
 * whose small, fixed-focus image cannot read a QR at arm's length. Capabilities decide first
 * (rear-facing, continuous autofocus, a torch: the main module has all three); labels only
 * break ties and fill in where a browser reports no capabilities.
 */

export interface CameraCandidate {
  deviceId: string;
  label: string;
  /** From InputDeviceInfo.getCapabilities(), where the browser offers it. */
  facingMode?: readonly string[];
  focusMode?: readonly string[];
  torch?: boolean;
}

const FRONT = /\b(front|user|selfie|facetime)\b|trước/i;
const REAR = /\b(back|rear|environment|world)\b|sau/i;
/** Secondary modules: never the main one. */
const SECONDARY = /ultra|\b0[.,]5x\b|tele|depth|infra|\bir\b|macro|\btof\b/i;
/** iOS virtual devices that switch lenses themselves: usable, but after the plain main camera. */
const VIRTUAL = /\b(dual|triple)\b/i;

function isRear(c: CameraCandidate): boolean | undefined {
  if (c.facingMode?.includes('environment')) return true;
  if (c.facingMode?.includes('user')) return false;
  if (FRONT.test(c.label)) return false;
  if (REAR.test(c.label)) return true;
  return undefined;
}

/** Higher is more likely the main rear camera; -Infinity for a front camera. */
export function mainRearScore(c: CameraCandidate, index: number): number {
  const rear = isRear(c);
  if (rear === false) return -Infinity;
  let score = rear ? 100 : 0;
  if (c.focusMode?.includes('continuous')) score += 20;
  if (c.torch) score += 10;
  if (SECONDARY.test(c.label)) score -= 60;
  else if (VIRTUAL.test(c.label)) score -= 5;
  // Android names its modules "camera2 N, facing back": the main one has the lowest N.
  const camera2 = /camera2?\s+(\d+)/i.exec(c.label);
  if (camera2) score -= Math.min(9, Number(camera2[1]));
  // Browsers list the main module first among equals.
  return score - index * 0.01;
}

/**
 * The deviceId of the best main-rear candidate, or undefined when nothing identifies one
 * (no labels before permission, a laptop with one webcam): then the browser's choice stands.
 */
export function pickMainRearCamera(candidates: readonly CameraCandidate[]): string | undefined {
  let best: { id: string; score: number } | undefined;
  candidates.forEach((c, i) => {
    const rear = isRear(c);
    if (!rear) return;
    const score = mainRearScore(c, i);
    if (!best || score > best.score) best = { id: c.deviceId, score };
  });
  return best?.id;
}

/** What is remembered per device (this browser profile): the camera and who chose it. */
export interface RememberedCamera {
  deviceId: string;
  /** 'officer' = picked in the menu; 'auto' = the main-rear pick, kept to skip a second open. */
  by: 'officer' | 'auto';
}

export function parseRemembered(raw: string | null): RememberedCamera | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<RememberedCamera>;
    if (typeof value.deviceId === 'string' && value.deviceId && (value.by === 'officer' || value.by === 'auto')) return { deviceId: value.deviceId, by: value.by };
  } catch {
    // A value written by something else: ignore it.
  }
  return undefined;
}
