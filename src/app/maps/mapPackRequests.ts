import { ErrorBody } from '../../core/sync/errors';
import { MapPack, MapPackList } from '../../core/maps/mapPack';

/**
 * The offline maps page's requests (GET, POST and DELETE of /api/…/map-packs): apart from client.ts, so they
 * load with that page only. The pack's bytes come through packStore.ts.
 */
export interface MapPackRequestContext {
  token: string;
  baseUrl?: string;
}

export class MapPackRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'MapPackRequestError';
  }
}

async function call(ctx: MapPackRequestContext, method: string, path: string, body?: BodyInit) {
  let response: Response;
  try {
    response = await fetch(`${ctx.baseUrl ?? ''}/api/${path}`, {
      method,
      headers: { Accept: 'application/json', Authorization: `Bearer ${ctx.token}` },
      body,
      credentials: 'omit',
    });
  } catch (error) {
    throw new MapPackRequestError(0, (error as Error).message || 'No answer from the server');
  }
  if (response.ok) return response;
  const answer = ErrorBody.safeParse(await response.json().catch(() => null));
  throw new MapPackRequestError(
    response.status,
    answer.success ? answer.data.error.message : `HTTP ${response.status}`,
  );
}

export async function listServerPacks(ctx: MapPackRequestContext, projectId: string): Promise<MapPack[]> {
  const response = await call(ctx, 'GET', `projects/${encodeURIComponent(projectId)}/map-packs`);
  return MapPackList.parse(await response.json()).packs;
}

export async function uploadPack(
  ctx: MapPackRequestContext,
  projectId: string,
  upload: { file: File; name: string; attribution: string },
): Promise<MapPack> {
  const body = new FormData();
  body.set('name', upload.name);
  if (upload.attribution) body.set('attribution', upload.attribution);
  body.set('file', upload.file, upload.file.name);
  const response = await call(ctx, 'POST', `projects/${encodeURIComponent(projectId)}/map-packs`, body);
  return MapPack.parse(await response.json());
}

export async function deleteServerPack(ctx: MapPackRequestContext, packId: string): Promise<void> {
  await call(ctx, 'DELETE', `map-packs/${encodeURIComponent(packId)}`);
}
