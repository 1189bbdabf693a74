import {
  CHUNK_CONTENT_TYPE,
  MEDIA_HEADERS,
  MediaUploadResponse,
  type MediaUploadResponse as UploadAnswer,
} from '../../core/sync/media';
import { SealedMediaResponse, type SealedMediaRequest } from '../../core/sync/sealedMedia';
import { ApiError, NetworkError } from './errors';

/**
 * What the server holds of this user's upload of a file (`HEAD /api/media/:sha256`): a file only someone else
 * sent looks absent, and this device sends it whole (the server checks the bytes and keeps the file once).
 */
export interface MediaServerState {
  complete: boolean;
  /** Bytes held: where this user's upload resumes (0 when nothing is held). */
  offset: number;
}

export interface MediaChunk {
  offset: number;
  /** The size of the whole file. */
  length: number;
  /** The file's media type. */
  type: string;
  bytes: ArrayBuffer;
}

export interface MediaRequests {
  status(sha256: string): Promise<MediaServerState>;
  /** Appends a chunk at `offset`; the answer says where the next one starts. */
  upload(sha256: string, chunk: MediaChunk): Promise<UploadAnswer>;
  /** The file's bytes, with the type it was uploaded with. */
  download(sha256: string): Promise<Blob>;
  /** Any file of the API by its path (a form's media file: src/app/sync/formFiles.ts). */
  blob(path: string): Promise<Blob>;
  /** `POST /api/media/sealed`: the server opens the uploaded ciphertext and keeps the file as its author's. */
  finishSealedMedia(request: SealedMediaRequest): Promise<SealedMediaResponse>;
}

interface Transport {
  fetchRaw: (method: string, path: string, headers: Headers, body?: BodyInit) => Promise<Response>;
  readJson: (response: Response) => Promise<unknown>;
  toApiError: (response: Response) => Promise<ApiError>;
}

/** The media routes (docs/sync-protocol.md, "Media"), on the client's transport. */
export function mediaRequests({ fetchRaw, readJson, toApiError }: Transport): MediaRequests {
  const path = (sha256: string) => `/api/media/${sha256}`;
  const blob = async (url: string) => {
    const response = await fetchRaw('GET', url, new Headers());
    if (!response.ok) throw await toApiError(response);
    try {
      return await response.blob();
    } catch (error) {
      // Cut off on the way: worth another try.
      throw new NetworkError(error);
    }
  };
  return {
    async status(sha256) {
      const response = await fetchRaw('HEAD', path(sha256), new Headers());
      if (response.status !== 200 && response.status !== 404) throw await toApiError(response);
      const offset = Number(response.headers.get(MEDIA_HEADERS.offset) ?? '0');
      return { complete: response.status === 200, offset: Number.isSafeInteger(offset) ? offset : 0 };
    },

    async upload(sha256, chunk) {
      const headers = new Headers({
        Accept: 'application/json',
        'Content-Type': CHUNK_CONTENT_TYPE,
        [MEDIA_HEADERS.offset]: String(chunk.offset),
        [MEDIA_HEADERS.length]: String(chunk.length),
        [MEDIA_HEADERS.type]: chunk.type,
      });
      const response = await fetchRaw('PATCH', path(sha256), headers, chunk.bytes);
      if (!response.ok) throw await toApiError(response);
      const parsed = MediaUploadResponse.safeParse(await readJson(response));
      if (!parsed.success || parsed.data.sha256 !== sha256) {
        throw new ApiError(response.status, 'invalid_response', 'Unexpected answer to a media chunk');
      }
      return parsed.data;
    },

    download: (sha256) => blob(path(sha256)),
    blob,

    async finishSealedMedia(request) {
      const headers = new Headers({ Accept: 'application/json', 'Content-Type': 'application/json' });
      const response = await fetchRaw('POST', '/api/media/sealed', headers, JSON.stringify(request));
      if (!response.ok) throw await toApiError(response);
      const parsed = SealedMediaResponse.safeParse(await readJson(response));
      if (!parsed.success || parsed.data.sha256 !== request.sha256) {
        throw new ApiError(response.status, 'invalid_response', 'Unexpected answer to a sealed file');
      }
      return parsed.data;
    },
  };
}
