import { mediaRefsOf } from '../../core/forms/mediaRefs';
import type { MediaRefRecord } from '../storage/MediaOps';
import type { EntityWrite, StorageTx, UserRecord } from '../storage/Storage';
import { pullScope } from '../sync/pull';

/**
 * Records which files the submissions of a push name, in the push's transaction. A reference lets the
 * submission's readers download the file only when its author (`author`, whose submissions these are)
 * proved they hold the bytes: they uploaded the file, or could download it already (a focal point
 * correcting a submission whose photo they saw). Otherwise it grants once the author's upload completes
 * (receiveChunk); a submission may arrive before its photo, as the device sends records first.
 */
export async function recordMediaRefs(
  tx: StorageTx,
  written: readonly EntityWrite[],
  author: UserRecord,
): Promise<void> {
  const named: Omit<MediaRefRecord, 'grants'>[] = [];
  for (const entity of written) {
    if (entity.tbl !== 'submissions' || entity.deleted) continue;
    for (const ref of mediaRefsOf(entity.data.data))
      named.push({ sha256: ref.sha256, submissionId: entity.id });
  }
  if (named.length === 0) return;
  const held = await tx.media.downloadable(
    pullScope(author),
    named.map((r) => r.sha256),
  );
  await tx.media.insertRefs(named.map((r) => ({ ...r, grants: held.has(r.sha256) })));
}
