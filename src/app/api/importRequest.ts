import { ErrorBody } from '../../core/sync/errors';
import { ImportResponse } from '../../core/sync/unsyncedExport';
import { ApiError, NetworkError } from './errors';

/**
 * `POST /api/sync/import` with an export file's bytes as they are (gzip or JSON: the server reads which).
 * Only the supervisor's import page uses it, so it stays out of the sync chunk.
 */
export async function postImport(
  token: string,
  file: Blob,
  doFetch: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<ImportResponse> {
  let response: Response;
  try {
    response = await doFetch('/api/sync/import', {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/octet-stream',
      },
      body: file,
      credentials: 'omit',
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // A proxy's page: the status alone says enough.
  }
  if (!response.ok) {
    const body = ErrorBody.safeParse(json);
    if (body.success) throw new ApiError(response.status, body.data.error.code, body.data.error.message);
    throw new ApiError(response.status, `http_${response.status}`, response.statusText || 'HTTP error');
  }
  const parsed = ImportResponse.safeParse(json);
  if (!parsed.success) throw new ApiError(response.status, 'invalid_response', 'Unexpected import response');
  return parsed.data;
}
