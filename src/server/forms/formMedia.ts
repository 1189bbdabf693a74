import { createHash } from 'node:crypto';
import { walkItems, type FormDefinition } from '../../core/forms/definition';
import {
  extensionOf,
  MAX_FORM_MEDIA_BYTES,
  MAX_MEDIA_FILE_BYTES,
  MEDIA_EXTENSIONS,
  mediaFileNames,
  mediaTypeOf,
  type FormFile,
} from '../../core/forms/formFiles';
import type { XlsFormIssue } from '../../core/forms/xlsform';
import type { AttachmentFile } from './attachments';

/**
 * The media files uploaded with a form (images, sounds, films its labels name), checked before anything is
 * published: each by its content (magic bytes) as well as its extension, within the size limits; every
 * file must be named by the form, and a file the form names but nobody attached is a warning (the devices
 * show the label's text alone, as ODK Collect does).
 */

/** A checked media file, ready to store. */
export interface MediaUpload extends FormFile {
  data: Uint8Array;
}

const MB = 1024 * 1024;

/** The files the form converter reads (select_*_from_file choices, pulldata). */
const DATA_EXTENSIONS = new Set(['csv', 'geojson', 'xml']);

/** The refusal of a file neither data nor media (attachments.ts says the same to the CLI). */
export const UNKNOWN_KIND =
  'this kind of file cannot be attached; attach images (.jpg, .png, .webp, .gif), sounds (.mp3, .m4a, .ogg, .wav), videos (.mp4, .webm) or the .csv, .geojson and .xml files of select_one_from_file';

/**
 * Splits the uploaded attachments: the data files the converter reads, and every other file (images,
 * sounds, videos, or files of no accepted kind), which checkMediaFiles checks.
 */
export function splitAttachments(files: readonly AttachmentFile[]): {
  data: AttachmentFile[];
  media: AttachmentFile[];
} {
  const data: AttachmentFile[] = [];
  const media: AttachmentFile[] = [];
  for (const file of files) (DATA_EXTENSIONS.has(extensionOf(file.name)) ? data : media).push(file);
  return { data, media };
}

const KIND_NAMES = { image: 'an image', audio: 'a sound', video: 'a video' } as const;

/**
 * Checks every media file (splitAttachments) on its own: a known type whose content matches its extension, within its size
 * limit, named once; and all of them together within MAX_FORM_MEDIA_BYTES. Returns the good files and an
 * issue per refused one.
 */
export function checkMediaFiles(files: readonly AttachmentFile[]): {
  files: MediaUpload[];
  issues: XlsFormIssue[];
} {
  const issues: XlsFormIssue[] = [];
  const refuse = (message: string) => issues.push({ sheet: 'file', message });
  const good: MediaUpload[] = [];
  const seen = new Set<string>();
  for (const { name, bytes } of files) {
    if (seen.has(name)) {
      refuse(`${name} is attached twice`);
      continue;
    }
    seen.add(name);
    const ext = extensionOf(name);
    const known = MEDIA_EXTENSIONS[ext];
    if (!known) {
      refuse(`${name}: ${UNKNOWN_KIND}`);
      continue;
    }
    const contentType = mediaTypeOf(name, bytes);
    if (!contentType) {
      refuse(`${name}: its content is not the .${ext} file its name says (damaged or renamed?)`);
      continue;
    }
    const limit = MAX_MEDIA_FILE_BYTES[known.kind];
    if (bytes.byteLength > limit) {
      refuse(`${name} is larger than ${limit / MB} MB, the limit for ${KIND_NAMES[known.kind]}`);
      continue;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    good.push({ name, sha256, bytes: bytes.byteLength, contentType, data: bytes });
  }
  const total = good.reduce((sum, file) => sum + file.bytes, 0);
  if (total > MAX_FORM_MEDIA_BYTES)
    refuse(`The media files are larger than ${MAX_FORM_MEDIA_BYTES / MB} MB together`);
  return { files: good, issues };
}

/** Where the form names a media file first: the survey's row, or the choices sheet. */
function whereNamed(form: FormDefinition, name: string): Pick<XlsFormIssue, 'sheet' | 'row'> {
  let inSurvey = false;
  let row: number | undefined;
  walkItems(form.items, (item) => {
    if (inSurvey) return;
    const names = Object.values(item.media ?? {}).flatMap((text) => Object.values(text ?? {}));
    if (!names.includes(name)) return;
    inSurvey = true;
    row = item.row;
  });
  if (!inSurvey) return { sheet: 'choices' };
  return row === undefined ? { sheet: 'survey' } : { sheet: 'survey', row };
}

/**
 * The media files against what the form names: a file the form never names is refused (a mistaken file,
 * or a misspelled name in a media column); a name without a file is a warning.
 */
export function matchMediaFiles(
  form: FormDefinition,
  files: readonly MediaUpload[],
): { issues: XlsFormIssue[]; warnings: XlsFormIssue[] } {
  const named = new Set(mediaFileNames(form));
  const attached = new Set(files.map((file) => file.name));
  const issues: XlsFormIssue[] = files
    .filter((file) => !named.has(file.name))
    .map((file) => ({
      sheet: 'file',
      message: `${file.name} is attached but no media::image, media::audio or media::video cell names it: remove it or name it in the form`,
    }));
  const warnings: XlsFormIssue[] = [...named]
    .filter((name) => !attached.has(name))
    .map((name) => ({
      ...whereNamed(form, name),
      message: `${name} is named in the form but not attached: devices show the text without it`,
    }));
  return { issues, warnings };
}

/** The version's record of its files, without their bytes, by name. */
export function formFilesOf(files: readonly MediaUpload[]): FormFile[] {
  return files
    .map(({ name, sha256, bytes, contentType }) => ({ name, sha256, bytes, contentType }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
