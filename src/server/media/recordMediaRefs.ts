import { mediaRefsOf } from '../../core/forms/mediaRefs';
import type { MediaRefRecord } from '../storage/MediaOps';
import type { EntityWrite, StorageTx } from '../storage/Storage';

/**
 * Records which files the submissions of a push name, in the push's transaction: whoever may see one of
 * those submissions may then download the file. A submission may arrive before its photo (the device sends
 * records first): the reference waits for the bytes.
 */
export async function recordMediaRefs(tx: StorageTx, written: readonly EntityWrite[]): Promise<void> {
  const refs: MediaRefRecord[] = [];
  for (const entity of written) {
    if (entity.tbl !== 'submissions' || entity.deleted) continue;
    for (const ref of mediaRefsOf(entity.data.data))
      refs.push({ sha256: ref.sha256, submissionId: entity.id });
  }
  if (refs.length) await tx.media.insertRefs(refs);
}
