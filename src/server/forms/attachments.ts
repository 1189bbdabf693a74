import { extensionOf, MEDIA_EXTENSIONS } from '../../core/forms/formFiles';
import type { AttachmentContent, XlsFormIssue } from '../../core/forms/xlsform';
import { parseCsv, sniffDelimiter } from './csv';
import { UNKNOWN_KIND } from './formMedia';
import { toRows, WorkbookError } from './readWorkbook';

/**
 * All attachments of one form together: their choices are embedded in the definition that every device
 * downloads, so this is a budget for the tablet as much as for the upload.
 */
export const MAX_ATTACHMENTS_BYTES = 10 * 1024 * 1024;

/** A file uploaded with a form (ODK Central's form attachments), named as the survey names it. */
export interface AttachmentFile {
  name: string;
  bytes: Uint8Array;
}

export interface ReadAttachments {
  /** By file name; `undefined` for a file that could not be read (its issue is in `issues`). */
  attachments: Record<string, AttachmentContent | undefined>;
  issues: XlsFormIssue[];
}

/**
 * The text of a file: UTF-16 when it starts with its byte order mark (Windows tools write XML so), UTF-8
 * when valid (BOM dropped), else Windows-1252, what Excel writes as plain "CSV".
 */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const hasBom16 = (bytes: Uint8Array) =>
  (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);

/**
 * Reads the files attached to a form: a CSV into rows, header first, line numbers kept for messages; a
 * GeoJSON or XML file as text, which the converter reads (and reports on, with the question's row). Other
 * kinds of files, binary files and two files of one name are refused (which would the form mean?). Images,
 * sounds and videos are no data: they are skipped here (formMedia.ts checks them).
 */
export function readAttachments(files: readonly AttachmentFile[]): ReadAttachments {
  const attachments: Record<string, AttachmentContent | undefined> = {};
  const issues: XlsFormIssue[] = [];
  const refuse = (name: string, message: string) => {
    issues.push({ sheet: 'file', message: `${name}: ${message}` });
    attachments[name] = undefined;
  };
  for (const { name, bytes } of files) {
    if (MEDIA_EXTENSIONS[extensionOf(name)]) continue;
    if (Object.hasOwn(attachments, name)) {
      issues.push({ sheet: 'file', message: `${name} is attached twice` });
      continue;
    }
    const ext = /\.(csv|geojson|xml)$/i.exec(name)?.[1]?.toLowerCase();
    if (!ext) {
      refuse(name, UNKNOWN_KIND);
      continue;
    }
    // A zip (an .xlsx renamed) or any binary file: not text.
    if ((bytes.includes(0) && !hasBom16(bytes)) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
      refuse(
        name,
        ext === 'csv'
          ? 'this is not a CSV text file: save the sheet as CSV UTF-8'
          : `this is not a text file: a .${ext} file is text`,
      );
      continue;
    }
    const text = decode(bytes);
    if (ext !== 'csv') {
      attachments[name] = text;
      continue;
    }
    try {
      attachments[name] = toRows(parseCsv(text, sniffDelimiter(text)), name);
    } catch (err) {
      if (!(err instanceof WorkbookError)) throw err;
      issues.push({ sheet: 'file', message: err.message });
      attachments[name] = undefined;
    }
  }
  return { attachments, issues };
}
