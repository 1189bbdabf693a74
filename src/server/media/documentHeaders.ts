import { MediaType } from '../../core/sync/media';

/** Types a browser shows without running anything of the file's own: opened in place, all else downloaded. */
const SHOWN_IN_PLACE = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/gif']);

/**
 * The policy of a file served as a page of its own. Nothing in it may load or run; a downloaded file gets a
 * sandbox too, should a browser open it anyway. A PDF is not sandboxed: Chrome refuses to show a PDF in a
 * sandboxed document, and its viewer runs apart from the page.
 */
const SANDBOXED =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";
const PDF = "default-src 'none'; object-src 'self'; frame-ancestors 'none'";

/** A name safe in a quoted header value: ASCII letters, digits and `._-`, the rest replaced. */
function asciiName(name: string): string {
  const safe = name
    .normalize('NFKD')
    .replace(/[^\w.\- ]+/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 100);
  return safe === '' ? 'document' : safe;
}

/**
 * The headers a public document is served with: its media type (the document's, else the stored file's,
 * else a plain file's), shown in place only for PDFs and common images (an uploaded HTML or SVG file never
 * runs on the site's origin), its name as a safe filename, and no sniffing.
 */
export function documentHeaders(
  document: { name: string; type: string },
  storedType: string,
): { headers: Record<string, string>; contentSecurityPolicy: string } {
  const declared = document.type.split(';')[0]!.trim().toLowerCase();
  const type = MediaType.safeParse(declared).success
    ? declared
    : MediaType.safeParse(storedType).success
      ? storedType.toLowerCase()
      : 'application/octet-stream';
  const inPlace = SHOWN_IN_PLACE.has(type);
  const name = document.name === '' ? 'document' : document.name;
  const disposition = `${inPlace ? 'inline' : 'attachment'}; filename="${asciiName(name)}"; filename*=UTF-8''${encodeURIComponent(name.slice(0, 200)).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;
  return {
    headers: {
      'Content-Type': type,
      'Content-Disposition': disposition,
      'X-Content-Type-Options': 'nosniff',
    },
    contentSecurityPolicy: type === 'application/pdf' ? PDF : SANDBOXED,
  };
}
