// POST {apiBase}/devices — registers a kiosk's public key before its first batch.
import type { DeviceRegistered, DeviceRegistration } from './contract';
import { apiUrl, parseJsonText, requestText } from './http';
import { isoTime, object, string } from './shape';

const MAX_RESPONSE_BYTES = 16 * 1024;

/**
 * Registers (or re-registers, idempotently) a device. 201 for a new device, 200 when the same
 * key is already registered (the checkpoint may change); 409 `device-key-conflict` when the id is
 * taken by another key. Failures are ApiError.
 */
export async function registerDevice(
  apiBase: string,
  registration: DeviceRegistration,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<DeviceRegistered> {
  const response = await requestText(apiUrl(apiBase, 'devices'), {
    method: 'POST',
    body: JSON.stringify(registration),
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxBytes: MAX_RESPONSE_BYTES,
    idempotent: true,
  });
  const o = object(parseJsonText(response.text, response.status), 'device registration');
  return {
    deviceId: string(o.deviceId, 'deviceId', /^[0-9a-f-]{36}$/),
    checkpointId: string(o.checkpointId, 'checkpointId', undefined, 64),
    registeredAt: isoTime(o.registeredAt, 'registeredAt'),
  };
}
