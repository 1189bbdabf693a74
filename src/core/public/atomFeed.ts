import { escapeXml } from '../export/xml';

/** One entry of the public site's news feed: a project published, or a result reported. */
export interface FeedEntry {
  /** A stable URI (tag: URI), so that feed readers never show an entry twice. */
  id: string;
  title: string;
  summary: string;
  /** ISO 8601. */
  updated: string;
  link: string;
}

export interface Feed {
  id: string;
  title: string;
  /** The feed's own address (rel="self"). */
  self: string;
  /** The public site, where a reader goes. */
  site: string;
  entries: readonly FeedEntry[];
}

/**
 * An Atom 1.0 feed (RFC 4287), newest entries first. Its `updated` is the newest entry's, so the bytes, and
 * the ETag the server makes of them, change only when something was published.
 */
export function atomFeed(feed: Feed): string {
  const entries = [...feed.entries].sort(
    (a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id),
  );
  const updated = entries[0]?.updated ?? '1970-01-01T00:00:00.000Z';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <updated>${escapeXml(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.site)}"/>`,
    '  <author><name>Terrain</name></author>',
  ];
  for (const entry of entries)
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(entry.id)}</id>`,
      `    <title>${escapeXml(entry.title)}</title>`,
      `    <updated>${escapeXml(entry.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(entry.link)}"/>`,
      `    <summary>${escapeXml(entry.summary)}</summary>`,
      '  </entry>',
    );
  lines.push('</feed>', '');
  return lines.join('\n');
}
