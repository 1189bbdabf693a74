import type { ImportResponse } from '../../core/sync/unsyncedExport';

/** An import's outcome for the console: the counts, then each refused change with its reason. */
export function formatImportResult(result: ImportResponse): string {
  const lines = [
    `Imported the export of user ${result.userId} (device ${result.clientId}): ${result.total} change(s), ` +
      `${result.applied} applied, ${result.duplicate} already on the server, ${result.rejected} rejected` +
      (result.conflict ? `, ${result.conflict} in conflict.` : '.'),
  ];
  for (const r of result.results) {
    if (r.status === 'rejected') lines.push(`  seq ${r.seq} rejected (${r.code}): ${r.message}`);
    if (r.status === 'conflict') lines.push(`  seq ${r.seq} conflict: ${r.message}`);
  }
  if (result.drafts)
    lines.push(`${result.drafts} draft(s) in the file were not imported (drafts never leave a device).`);
  const notStored = result.media.withBytes - result.media.stored;
  if (notStored)
    lines.push(`${notStored} media file(s) in the export were not stored on the server: keep the file.`);
  return lines.join('\n');
}
