/**
 * Runs INSIDE the app's page (bundled by ../testDevice.ts, evaluated with page.evaluate; it never ships in the
 * app). It writes through the very repositories the fill screen uses — createDraft, putMedia after the photo
 * is downscaled and hashed as MediaQuestion does, finalizeDraft — so every submission, outbox entry and
 * photo it makes is exactly what the app itself stores; only the typing is skipped, which would take
 * minutes for hundreds of surveys.
 */
import type { MediaRef } from '../../../../src/core/forms/answersSchema';
import { loadSession } from '../../../../src/app/db/sessionStore';
import type { TerrainDb } from '../../../../src/app/db/TerrainDb';
import { openSealedDb } from '../../../../src/app/vault/openSealedDb';
import { unlockOffline } from '../../../../src/app/vault/unlock';
import type { FormRecord } from '../../../../src/app/db/schema';
import { createDraft, finalizeDraft } from '../../../../src/app/repositories/drafts';
import { listLatestForms } from '../../../../src/app/repositories/forms';
import { putMedia } from '../../../../src/app/repositories/media';
import { maxPixelsOf } from '../../../../src/app/components/questions/media/downscale';
import {
  downscaleImage,
  renamedAs,
  sha256Hex,
} from '../../../../src/app/components/questions/media/prepareMedia';

export interface SeedRequest {
  formId: string;
  /** One entry per submission to finalize. */
  submissions: {
    answers: Record<string, unknown>;
    /** Attach a generated JPEG (distinct per `photoSeed`) as the answer of the form's image question. */
    photoSeed?: number;
  }[];
}

export interface DeviceState {
  submissions: {
    id: string;
    formId: string;
    formVersion: string;
    syncState: string;
    data: Record<string, unknown>;
  }[];
  outbox: { seq: number; table: string; id: string; state: string; fields: Record<string, unknown> }[];
  media: { sha256: string; size: number; bytesSha256: string; uploadState?: string }[];
  clientId: string;
  nextSeq: number;
}

let unlocked: { userId: string; key: CryptoKey } | undefined;

/**
 * The signed-in user's database, opened as the app opens it: sealed, with the key the user's password
 * unlocks (the app's own key lives in its page's memory, out of reach, as it should be).
 */
async function signedInDb(password: string): Promise<{ db: TerrainDb; userId: string }> {
  const session = await loadSession();
  if (!session) throw new Error('No signed-in user on this device');
  const userId = session.user.id;
  if (unlocked?.userId !== userId) unlocked = { userId, key: (await unlockOffline(userId, password)).key };
  return { db: await openSealedDb(userId, unlocked.key), userId };
}

/** The version the home page would open (the app's own choice of the latest version). */
async function latestForm(db: TerrainDb, formId: string): Promise<FormRecord> {
  const form = (await listLatestForms(db)).find((f) => f.formId === formId);
  if (!form) throw new Error(`Form ${formId} is not on this device`);
  return form;
}

/**
 * A camera-like JPEG, different for every seed: a gradient under per-pixel noise (as sensor noise makes real
 * photos hard to compress), with the seed written on it.
 */
async function makePhoto(seed: number, width = 160, height = 120): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('No 2D canvas');
  const gradient = g.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, `hsl(${(seed * 37) % 360} 60% 45%)`);
  gradient.addColorStop(1, `hsl(${(seed * 91) % 360} 50% 70%)`);
  g.fillStyle = gradient;
  g.fillRect(0, 0, width, height);
  const image = g.getImageData(0, 0, width, height);
  let x = (seed + 1) * 2654435761;
  for (let i = 0; i < image.data.length; i += 4) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const n = ((x >>> 16) & 127) - 64;
    image.data[i] = image.data[i]! + n;
    image.data[i + 1] = image.data[i + 1]! + n;
    image.data[i + 2] = image.data[i + 2]! + n;
  }
  g.putImageData(image, 0, 0);
  g.fillStyle = '#fff';
  g.font = `${Math.round(height / 4)}px sans-serif`;
  g.fillText(`#${seed}`, width / 16, height / 2);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
}

/** What MediaQuestion does with a picked photo: downscale, name by SHA-256, store the bytes. */
async function storePhoto(db: TerrainDb, file: File, maxPixels: number): Promise<MediaRef> {
  const blob = await downscaleImage(file, maxPixels);
  const type = blob.type || file.type || 'application/octet-stream';
  const ref: MediaRef = {
    sha256: await sha256Hex(blob),
    name: (blob === file ? file.name : renamedAs(file.name, type)).slice(0, 255) || 'file',
    type,
    size: blob.size,
  };
  await putMedia(db, ref, blob);
  return ref;
}

async function seedSubmissions(request: SeedRequest, password: string): Promise<string[]> {
  const { db, userId } = await signedInDb(password);
  try {
    const form = await latestForm(db, request.formId);
    const image = form.definition.items.find((item) => item.kind === 'question' && item.type === 'image');
    const ids: string[] = [];
    for (const submission of request.submissions) {
      const draft = await createDraft(db, form);
      const answers = { ...submission.answers };
      if (submission.photoSeed !== undefined) {
        if (image?.kind !== 'question') throw new Error(`Form ${request.formId} has no image question`);
        const photo = await makePhoto(submission.photoSeed);
        const file = new File([photo], `photo-${submission.photoSeed}.jpg`, { type: photo.type });
        answers[image.name] = await storePhoto(db, file, maxPixelsOf(image.parameters));
      }
      const stored = await finalizeDraft(db, draft.id, { userId, lang: 'fr', answers });
      ids.push(stored.id);
    }
    return ids;
  } finally {
    db.close();
  }
}

/** A generated photo's bytes, base64, for a test to pick through the real file input. */
async function photoBase64(seed: number, width: number, height: number): Promise<string> {
  const bytes = new Uint8Array(await (await makePhoto(seed, width, height)).arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

async function readDevice(password: string): Promise<DeviceState> {
  const { db } = await signedInDb(password);
  try {
    const [submissions, outbox, media, meta] = await Promise.all([
      db.submissions.toArray(),
      db.outbox.toArray(),
      db.media.toArray(),
      db.meta.get('sync'),
    ]);
    if (!meta) throw new Error('No sync metadata');
    return {
      submissions: submissions.map((s) => ({
        id: s.id,
        formId: s.formId,
        formVersion: s.formVersion,
        syncState: s.syncState,
        data: s.data,
      })),
      outbox: outbox.map((e) => ({ seq: e.seq, table: e.table, id: e.id, state: e.state, fields: e.fields })),
      media: await Promise.all(
        media.map(async (m) => ({
          sha256: m.sha256,
          size: m.size,
          bytesSha256: await sha256Hex(m.blob),
          uploadState: m.uploadState,
        })),
      ),
      clientId: meta.clientId,
      nextSeq: meta.nextSeq,
    };
  } finally {
    db.close();
  }
}

/**
 * What the signed-in user can get from the other users' databases on this browser with their own key, as
 * the app would open them: for each, how many submissions and drafts opened, and the errors met.
 */
async function openOthers(password: string): Promise<{ name: string; opened: number; errors: string[] }[]> {
  const { db: own, userId } = await signedInDb(password);
  own.close();
  const names = (await indexedDB.databases())
    .map((d) => d.name ?? '')
    .filter((name) => name.startsWith('terrain-') && name !== `terrain-${userId}`)
    .filter((name) => !['terrain-session', 'terrain-vault'].includes(name));
  const results = [];
  for (const name of names) {
    const other = await openSealedDb(name.slice('terrain-'.length), unlocked!.key);
    let opened = 0;
    const errors: string[] = [];
    for (const table of [other.submissions, other.drafts] as const) {
      try {
        opened += (await table.toArray()).length;
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
    other.close();
    results.push({ name, opened, errors });
  }
  return results;
}

export const terrainTestDevice = { seedSubmissions, photoBase64, readDevice, openOthers };
export type TerrainTestDevice = typeof terrainTestDevice;

Object.assign(globalThis, { terrainTestDevice });
