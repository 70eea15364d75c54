// GET {apiBase}/trust-bundle — the signed trust bundle, conditional on the held ETag.
// The body is only size-capped here; core/trust-bundle.ts readTrustBundle is its one parser.
import { TRUST_BUNDLE_MAX_BYTES } from '../core/trust-bundle';
import { apiUrl, badResponse, requestText } from './http';

export type TrustBundleFetch =
  | { status: 'not-modified'; serverDate: Date | null }
  | { status: 'ok'; text: string; etag: string | null; serverDate: Date | null };

export async function fetchTrustBundle(
  apiBase: string,
  options: {
    etag?: string | null; signal?: AbortSignal; timeoutMs?: number;
    /** The kiosk naming itself (`X-Device-Id`), so the command view knows which trust data it holds. */
    deviceId?: string;
  } = {},
): Promise<TrustBundleFetch> {
  const response = await requestText(apiUrl(apiBase, 'trust-bundle'), {
    headers: {
      ...(options.etag && { 'If-None-Match': options.etag }),
      ...(options.deviceId && { 'X-Device-Id': options.deviceId }),
    },
    accept: 'application/jose',
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxBytes: TRUST_BUNDLE_MAX_BYTES,
    idempotent: true,
    allowNotModified: true,
  });
  const dateHeader = response.headers.get('Date');
  const parsedDate = dateHeader ? new Date(dateHeader) : null;
  const serverDate = parsedDate && Number.isFinite(parsedDate.getTime()) ? parsedDate : null;
  if (response.status === 304) return { status: 'not-modified', serverDate };
  if (response.text.length === 0) throw badResponse('The trust bundle is empty.');
  const etag = response.headers.get('ETag');
  return { status: 'ok', text: response.text, etag: etag && etag.length <= 200 ? etag : null, serverDate };
}
