import { z } from 'zod/mini';
import { walkItems, type FormDefinition, type LabelMedia } from './definition';

/**
 * The media files of a form (ODK Central's form attachments that are not data): the pictures, sounds and
 * films its labels and choices name in `media::image`, `media::big-image`, `media::audio` and `media::video`
 * (or the choices' `image` column). Published with the form, named by their SHA-256, downloaded by devices
 * with the version so the form shows them offline.
 */

/** One media file of a published form version, as `FormVersion.files` records it. */
export const FormFile = z.object({
  /** The file name the form's labels use (`media::image` = `map.png`). */
  name: z.string().check(z.minLength(1), z.maxLength(255)),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  bytes: z.int().check(z.gte(0)),
  contentType: z.string().check(z.maxLength(100)),
});
export type FormFile = z.infer<typeof FormFile>;

export type MediaKind = 'image' | 'audio' | 'video';

/** Accepted extensions, with the kind of file and the media type each means. */
export const MEDIA_EXTENSIONS: Readonly<Record<string, { kind: MediaKind; contentType: string }>> = {
  jpg: { kind: 'image', contentType: 'image/jpeg' },
  jpeg: { kind: 'image', contentType: 'image/jpeg' },
  png: { kind: 'image', contentType: 'image/png' },
  webp: { kind: 'image', contentType: 'image/webp' },
  gif: { kind: 'image', contentType: 'image/gif' },
  mp3: { kind: 'audio', contentType: 'audio/mpeg' },
  m4a: { kind: 'audio', contentType: 'audio/mp4' },
  ogg: { kind: 'audio', contentType: 'audio/ogg' },
  wav: { kind: 'audio', contentType: 'audio/wav' },
  mp4: { kind: 'video', contentType: 'video/mp4' },
  webm: { kind: 'video', contentType: 'video/webm' },
};

/** The largest file of each kind: a form's media go to every device of the project. */
export const MAX_MEDIA_FILE_BYTES: Readonly<Record<MediaKind, number>> = {
  image: 5 * 1024 * 1024,
  audio: 10 * 1024 * 1024,
  video: 20 * 1024 * 1024,
};

/** All media files of one form together. */
export const MAX_FORM_MEDIA_BYTES = 40 * 1024 * 1024;

/** The extension of a file name, lowercased, without the dot ('' if none). */
export function extensionOf(name: string): string {
  return /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
}

const ascii = (bytes: Uint8Array, from: number, text: string) =>
  bytes.length >= from + text.length && [...text].every((ch, i) => bytes[from + i] === ch.charCodeAt(0));

/**
 * What the file's first bytes say it is (its "magic number"), as a media type: the formats the app accepts,
 * `undefined` for anything else. An ISO media file (MP4 or M4A) says `video/mp4`; its extension tells audio.
 */
export function sniffMediaType(bytes: Uint8Array): string | undefined {
  const b = bytes;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (ascii(b, 0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return 'image/gif';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'image/webp';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return 'audio/wav';
  if (ascii(b, 0, 'OggS')) return 'audio/ogg';
  if (ascii(b, 0, 'ID3')) return 'audio/mpeg';
  // An MPEG audio frame without a tag: 11 bits of frame sync, layer III.
  if (b[0] === 0xff && b[1] !== undefined && (b[1] & 0xe6) === 0xe2) return 'audio/mpeg';
  if (ascii(b, 4, 'ftyp')) return ascii(b, 8, 'M4A ') ? 'audio/mp4' : 'video/mp4';
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'video/webm';
  return undefined;
}

/**
 * The media type a file is kept and served as, from its extension and its content together; `undefined`
 * when its content is not what its extension says (a `.png` that holds no image). An MP4 container under
 * `.m4a` is audio, and an M4A under `.mp4` is still a video file as far as the form goes.
 */
export function mediaTypeOf(name: string, bytes: Uint8Array): string | undefined {
  const byName = MEDIA_EXTENSIONS[extensionOf(name)];
  const sniffed = sniffMediaType(bytes);
  if (!byName || !sniffed) return undefined;
  if (sniffed === 'video/mp4' || sniffed === 'audio/mp4')
    return byName.contentType === 'audio/mp4' || byName.contentType === 'video/mp4'
      ? byName.contentType
      : undefined;
  return sniffed.split('/')[0] === byName.kind ? sniffed : undefined;
}

const labelMediaNames = (media: LabelMedia | undefined): string[] =>
  media ? Object.values(media).flatMap((text) => Object.values(text ?? {})) : [];

/** Every media file name the form's labels and choices name, in every language, sorted, once each. */
export function mediaFileNames(form: FormDefinition): string[] {
  const names = new Set<string>();
  walkItems(form.items, (item) => labelMediaNames(item.media).forEach((name) => names.add(name)));
  for (const list of Object.values(form.choiceLists))
    for (const choice of list) labelMediaNames(choice.media).forEach((name) => names.add(name));
  return [...names].filter((name) => name.trim() !== '').sort();
}
