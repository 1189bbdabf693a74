import { createHash, randomBytes } from 'node:crypto';
import type { MediaRef } from '../../../src/core/forms/answersSchema';
import { FormDefinition } from '../../../src/core/forms/definition';
import type { Storage } from '../../../src/server/storage/Storage';
import { publishDefinition } from '../harness';

/** A small form of the demo project with a photo question, for the media tests. */
export const PHOTO_FORM: FormDefinition = FormDefinition.parse({
  id: 'site_photo',
  version: '2026-11-24',
  title: { fr: 'Photo du site', en: 'Site photo' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [
    { kind: 'question', type: 'text', name: 'site', label: { fr: 'Site', en: 'Site' }, required: true },
    { kind: 'question', type: 'image', name: 'photo', label: { fr: 'Photo', en: 'Photo' } },
  ],
});

export function publishPhotoForm(storage: Storage, at: Date): Promise<void> {
  return publishDefinition(storage, PHOTO_FORM, at);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Random bytes standing for a photo, and the MediaRef an answer would hold for them. */
export function fakePhoto(
  size: number,
  name = 'photo.jpg',
): { bytes: Uint8Array<ArrayBuffer>; ref: MediaRef } {
  const bytes = new Uint8Array(randomBytes(size));
  return { bytes, ref: { sha256: sha256Hex(bytes), name, type: 'image/jpeg', size } };
}
