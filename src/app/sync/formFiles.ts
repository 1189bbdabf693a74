import type { ApiClient } from '../api/client';
import { ApiError, NetworkError } from '../api/errors';
import { sha256Hex } from '../components/questions/media/prepareMedia';
import type { TerrainDb } from '../db/TerrainDb';

/** The path of a form version's media file (src/server/routes/forms.ts). */
export function formFilePath(projectId: string, formId: string, version: string, name: string): string {
  const part = encodeURIComponent;
  return `/api/projects/${part(projectId)}/forms/${part(formId)}/versions/${part(version)}/files/${part(name)}`;
}

/**
 * Downloads the media files (images, sounds, videos) of the form versions on the device that it does not
 * hold yet, and keeps them (formFiles, by SHA-256), so forms show them offline. Run after each pull. Stops
 * at the first network failure (offline: the next sync goes on); a file refused or altered on the way is
 * skipped, asked again at the next sync. Returns how many files were stored.
 */
export async function fetchFormFiles(db: TerrainDb, api: ApiClient): Promise<number> {
  const wanted = new Map<string, string>();
  await db.forms.each((form) => {
    for (const file of form.files ?? [])
      if (!wanted.has(file.sha256))
        wanted.set(file.sha256, formFilePath(form.projectId, form.formId, form.version, file.name));
  });
  if (wanted.size === 0) return 0;
  const held = new Set(await db.formFiles.toCollection().primaryKeys());
  let stored = 0;
  for (const [sha256, path] of wanted) {
    if (held.has(sha256)) continue;
    let blob: Blob;
    try {
      blob = await api.media.blob(path);
    } catch (error) {
      if (error instanceof NetworkError || (error instanceof ApiError && error.transient)) return stored;
      continue;
    }
    if ((await sha256Hex(blob)) !== sha256) continue;
    await db.formFiles.put({ sha256, blob, type: blob.type, size: blob.size });
    stored += 1;
  }
  return stored;
}
