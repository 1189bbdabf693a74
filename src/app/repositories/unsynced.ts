import { mediaRefsOf } from '../../core/forms/mediaRefs';
import type { TerrainDb } from '../db/TerrainDb';
import type { DraftRecord, MediaRecord, OutboxEntry, SubmissionRecord, SyncMeta } from '../db/schema';
import { getSyncMeta } from './syncMeta';

/** Everything on this device that the server does not have yet: what an export file carries. */
export interface UnsyncedContent {
  meta: SyncMeta;
  /** Every outbox entry, pending and rejected, in seq order. */
  outbox: OutboxEntry[];
  /** The local submissions those entries concern. */
  submissions: SubmissionRecord[];
  drafts: DraftRecord[];
  /** Files named by those submissions and drafts, and files whose upload is still due. */
  media: MediaRecord[];
}

/** Read in one transaction, so the file is one consistent moment of the device, even while a sync runs. */
export async function readUnsynced(db: TerrainDb): Promise<UnsyncedContent> {
  return db.transaction('r', [db.meta, db.outbox, db.submissions, db.drafts, db.media], async () => {
    const meta = await getSyncMeta(db);
    const outbox = await db.outbox.orderBy('seq').toArray();
    const submissionIds = [...new Set(outbox.filter((e) => e.table === 'submissions').map((e) => e.id))];
    const submissions = (await db.submissions.bulkGet(submissionIds)).filter(
      (s): s is SubmissionRecord => s !== undefined,
    );
    const drafts = await db.drafts.orderBy('updatedAt').toArray();
    const named = new Set([
      ...submissions.flatMap((s) => mediaRefsOf(s.data).map((ref) => ref.sha256)),
      ...drafts.flatMap((d) => mediaRefsOf(d.answers).map((ref) => ref.sha256)),
    ]);
    const found = (await db.media.bulkGet([...named])).filter((m): m is MediaRecord => m !== undefined);
    // A photo of a submission that synced, whose bytes have not followed yet.
    const due = await db.media.where('uploadState').equals('pending').toArray();
    const media = new Map([...found, ...due].map((m) => [m.sha256, m]));
    return { meta, outbox, submissions, drafts, media: [...media.values()] };
  });
}

export interface UnsyncedCounts {
  pending: number;
  rejected: number;
  drafts: number;
}

export async function countUnsynced(db: TerrainDb): Promise<UnsyncedCounts> {
  const [pending, rejected, drafts] = await Promise.all([
    db.outbox.where('state').equals('pending').count(),
    db.outbox.where('state').equals('rejected').count(),
    db.drafts.count(),
  ]);
  return { pending, rejected, drafts };
}
