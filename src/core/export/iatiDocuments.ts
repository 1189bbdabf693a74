/**
 * IATI's FileFormat codelist is IANA's media types. The formats a project's documents are expected in are
 * listed here, as IANA registers them; any other type a device reported (a browser may say nothing, or
 * something IANA never registered) is written as a plain file rather than make the file invalid.
 */
const KNOWN_FORMATS = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/zip',
  'image/jpeg',
  'image/png',
  'image/webp',
  'text/csv',
  'text/plain',
]);

/** The IATI FileFormat (IANA media type) of a document of this type. */
export function documentFormat(type: string): string {
  const base = type.split(';')[0]!.trim().toLowerCase();
  return KNOWN_FORMATS.has(base) ? base : 'application/octet-stream';
}

/** Where the public site serves a public project's public document (src/server/routes/public.ts). */
export function publicDocumentPath(projectId: string, sha256: string): string {
  return `/public/projects/${encodeURIComponent(projectId)}/documents/${sha256}`;
}
