import { ErrorBody } from '../../core/sync/errors';
import { ApiError, NetworkError } from './errors';
import { parseRetryAfter } from './retryAfter';

/** The formats of `GET /api/export/:format` (src/server/routes/export.ts). */
export const EXPORT_FORMATS = ['csv', 'hxl', 'xlsx', 'geojson', 'iati', 'iati-organisations'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the Exports page asks for: the API's query, in the names the server's zod schema reads. */
export interface ExportQuery {
  format: ExportFormat;
  project?: string;
  form?: string;
  lang: 'fr' | 'en';
  codes: boolean;
  includePersonal: boolean;
}

/** Bytes received so far, and the total when the server said it (Content-Length). */
export interface DownloadProgress {
  received: number;
  total: number | null;
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/** The path and query of an export; parameters left out are the server's defaults. */
export function exportPath(query: ExportQuery): string {
  const params = new URLSearchParams({ lang: query.lang });
  if (query.project) params.set('project', query.project);
  if (query.form) params.set('form', query.form);
  if (query.codes) params.set('codes', 'true');
  if (query.includePersonal) params.set('includePersonal', 'true');
  return `/api/export/${query.format}?${params.toString()}`;
}

/** The name in `Content-Disposition: attachment; filename="…"`, else one made from the query. */
export function fileNameOf(disposition: string | null, query: ExportQuery): string {
  const named = /filename="([^"/\\]+)"/.exec(disposition ?? '')?.[1];
  if (named) return named;
  const extension = query.format === 'hxl' ? 'csv' : query.format.startsWith('iati') ? 'xml' : query.format;
  return `${query.form ?? 'export'}.${extension}`;
}

async function errorOf(response: Response): Promise<ApiError> {
  let json: unknown = null;
  try {
    json = JSON.parse(await response.text()) as unknown;
  } catch {
    // A proxy's error page: the status alone says what happened.
  }
  const parsed = ErrorBody.safeParse(json);
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
  return parsed.success
    ? new ApiError(
        response.status,
        parsed.data.error.code,
        parsed.data.error.message,
        undefined,
        retryAfterMs,
      )
    : new ApiError(response.status, `http_${response.status}`, response.statusText, undefined, retryAfterMs);
}

/**
 * Downloads an export with the session's token, reading the body as a stream so that a long export shows
 * how far it is (`onProgress` after each chunk). Kept apart from the sync client (api/client.ts): only the
 * Exports page needs it, so it loads with that page. Failures are ApiError (the server answered) or
 * NetworkError (it did not, or the body was cut off).
 */
export async function downloadExport(
  query: ExportQuery,
  token: string,
  onProgress: (progress: DownloadProgress) => void,
  signal?: AbortSignal,
): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(exportPath(query), {
      headers: { Authorization: `Bearer ${token}`, 'Accept-Language': query.lang },
      credentials: 'omit',
      cache: 'no-store',
      signal,
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) throw await errorOf(response);
  const length = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress({ received, total });
  try {
    const reader = response.body?.getReader();
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        onProgress({ received, total });
      }
    } else {
      const bytes = new Uint8Array(await response.arrayBuffer());
      chunks.push(bytes);
      received = bytes.byteLength;
      onProgress({ received, total });
    }
  } catch (error) {
    throw new NetworkError(error);
  }
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
  return {
    blob: new Blob(chunks, { type }),
    fileName: fileNameOf(response.headers.get('Content-Disposition'), query),
  };
}
