import type { z } from 'zod/mini';
import { LoginResponse, MeResponse, type LoginRequest } from '../../core/sync/auth';
import { ConflictList, RestoreResponse } from '../../core/sync/conflicts';
import { RegisterDeviceResponse, type RegisterDeviceRequest } from '../../core/sync/devices';
import { ErrorBody } from '../../core/sync/errors';
import {
  ClientPushResponse,
  expandPullChange,
  PROTOCOL_VERSION,
  WirePullResponse,
  type PullChange,
  type PullResponse,
  type PushRequest,
} from '../../core/sync/protocol';
import { ServerKeyResponse, type SealedPushRequest } from '../../core/sync/sealed';
import { ImportResponse } from '../../core/sync/unsyncedExport';
import { ApiError, NetworkError } from './errors';
import { encodeJsonBody } from './gzip';
import { mediaRequests, type MediaRequests } from './mediaRequests';
import { parseRetryAfter } from './retryAfter';

export interface ApiClientOptions {
  /** Origin and prefix of the API; '' (same origin) by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
  getToken: () => string | null | Promise<string | null>;
}

export interface ApiClient {
  login(req: LoginRequest): Promise<LoginResponse>;
  logout(): Promise<void>;
  me(): Promise<MeResponse>;
  /** Read with ClientPushResponse: a reject code this version does not know is still a refusal. */
  push(req: PushRequest): Promise<ClientPushResponse>;
  /** `device`: which device pulls, with its app's version and unsent count (optional in the protocol). */
  pull(
    cursor: number,
    limit: number,
    scope?: number,
    device?: { clientId: string; appVersion: string; unsent?: string },
  ): Promise<PullResponse>;
  /** The conflict log (supervisors and admins): lost values of concurrent edits, and their restore. */
  conflicts(query?: { projectId?: string; state?: 'open' | 'all' }): Promise<ConflictList>;
  restoreConflict(id: string): Promise<RestoreResponse>;
  /** A device's export file, sent as it is (gzip or JSON: the server reads which); supervisors and admins. */
  importFile(file: Blob): Promise<ImportResponse>;
  /** Any JSON request, its answer checked against `schema`: for the lazy pages' own requests (usersApi.ts). */
  json<S extends z.ZodMiniType>(
    schema: S,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<z.infer<S>>;
  /** Photos, recordings and files: see mediaRequests.ts. */
  media: MediaRequests;
  /** Registers this device's public key and binds the session to the device (src/app/sync/deviceKey.ts). */
  registerDevice(req: RegisterDeviceRequest): Promise<RegisterDeviceResponse>;
  /** The key pending changes are sealed to, and their sealed push (src/app/vault/sealedOutbox.ts). */
  serverKey(): Promise<ServerKeyResponse>;
  pushSealed(req: SealedPushRequest): Promise<ClientPushResponse>;
}

/**
 * The HTTP client of the API. Every response is validated with the core protocol schemas, so the rest of the
 * app only ever sees well-formed data; failures become ApiError (the server answered) or NetworkError (it
 * did not), which is what the sync engine decides on.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  // Bound to globalThis when read: calling window.fetch unbound throws "Illegal invocation" in browsers.
  const doFetch =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  /** Any request with the session's token; the response whatever its status (no answer: NetworkError). */
  async function fetchRaw(
    method: string,
    path: string,
    headers: Headers,
    body?: BodyInit,
  ): Promise<Response> {
    const token = await options.getToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    try {
      return await doFetch(`${baseUrl}${path}`, { method, headers, body, credentials: 'omit' });
    } catch (error) {
      throw new NetworkError(error);
    }
  }

  async function send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const headers = new Headers({ Accept: 'application/json' });
    let encoded: BodyInit | undefined;
    if (body !== undefined) {
      const { body: payload, gzipped } = await encodeJsonBody(JSON.stringify(body));
      headers.set('Content-Type', 'application/json');
      if (gzipped) headers.set('Content-Encoding', 'gzip');
      encoded = payload;
    }
    const response = await fetchRaw(method, path, headers, encoded);
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  async function request<S extends z.ZodMiniType>(
    schema: S,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<z.infer<S>> {
    return validated(schema, await send(method, path, body), path);
  }

  return {
    login: (req) => request(LoginResponse, 'POST', '/api/auth/login', req),
    async logout() {
      const response = await send('POST', '/api/auth/logout', {});
      // The body, if any, carries nothing we need; read it so the connection is released.
      await response.arrayBuffer().catch(() => undefined);
    },
    me: () => request(MeResponse, 'GET', '/api/me'),
    push: (req) => request(ClientPushResponse, 'POST', '/api/sync/push', req),
    pull: async (cursor, limit, scope = 0, device) => {
      const query = new URLSearchParams({
        cursor: String(cursor),
        limit: String(limit),
        protocol: String(PROTOCOL_VERSION),
        scope: String(scope),
        // Form versions under their project keys (formVersionKey), which this app stores them by.
        formKeys: 'project',
        ...device,
      });
      // Compact changes (protocol 3) are expanded here, so the rest of the app sees whole ones; a server
      // that predates them ignores `protocol` and sends whole ones, which parse the same way.
      const page = await request(WirePullResponse, 'GET', `/api/sync/pull?${query.toString()}`);
      const changes = page.changes.map(expandPullChange);
      if (changes.some((c) => c === null))
        throw new ApiError(200, 'invalid_response', 'A pulled change names no record');
      return { ...page, changes: changes as PullChange[] };
    },
    conflicts: (query = {}) => {
      const params = new URLSearchParams(
        Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      return request(ConflictList, 'GET', `/api/conflicts?${params.toString()}`);
    },
    restoreConflict: (id) =>
      request(RestoreResponse, 'POST', `/api/conflicts/${encodeURIComponent(id)}/restore`, {}),
    async importFile(file) {
      const path = '/api/sync/import';
      const headers = new Headers({ Accept: 'application/json', 'Content-Type': 'application/octet-stream' });
      const response = await fetchRaw('POST', path, headers, file);
      if (!response.ok) throw await toApiError(response);
      return validated(ImportResponse, response, path);
    },
    json: request,
    media: mediaRequests({ fetchRaw, readJson, toApiError }),
    registerDevice: (req) => request(RegisterDeviceResponse, 'POST', '/api/devices', req),
    serverKey: () => request(ServerKeyResponse, 'GET', '/api/server-key'),
    pushSealed: (req) => request(ClientPushResponse, 'POST', '/api/sync/push-sealed', req),
  };
}

/** The body of a 2xx answer, checked against the protocol's schema. */ async function validated<
  S extends z.ZodMiniType,
>(schema: S, response: Response, path: string): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJson(response));
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'invalid_response',
      `Unexpected response from ${path}`,
      parsed.error.issues,
    );
  }
  return parsed.data;
}

/** A body cut off mid-way is a network failure: the request may or may not have been processed. */
async function readJson(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new NetworkError(error);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(response.status, 'invalid_response', 'The server sent a body that is not JSON');
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
  let json: unknown = null;
  try {
    json = JSON.parse(await response.text()) as unknown;
  } catch {
    // A proxy's HTML error page or a cut-off body: fall back to the status alone.
  }
  const parsed = ErrorBody.safeParse(json);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details, retryAfterMs);
  }
  return new ApiError(
    response.status,
    `http_${response.status}`,
    response.statusText || `HTTP ${response.status}`,
    undefined,
    retryAfterMs,
  );
}
