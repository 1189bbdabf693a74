import { Dexie, type Table } from 'dexie';
import { mediaRefsOf } from '../../core/forms/mediaRefs';
import type { TerrainDb } from '../db/TerrainDb';
import type { OutboxEntry, SubmissionRecord } from '../db/schema';

/**
 * Erasures pulled from the server. A submission the server deletes was erased at a person's request
 * (src/server/erasure: a finalized submission is otherwise never deleted), so the device removes it and
 * everything it holds about it, whatever waits to be sent:
 *
 * - the erased versions, and the versions this device made of them that the server never took (a
 *   correction pending, refused or discarded: the server refuses them now);
 * - drafts correcting any of them (prefilled with the erased answers; their finalized version would be
 *   refused too);
 * - the outbox entries about them, pending or refused: their submission, review and review history changes.
 *   A pending entry removed leaves a hole in the seqs that the next push closes (the server answers
 *   `seq_gap` and the outbox is renumbered, push.ts); a refused one was answered already;
 * - their review and review history;
 * - their photos and files, unless another submission or draft on the device still names them.
 *
 * Nothing else changes: this runs in the pull page's transaction (applyPullPage.ts), with the cursor.
 */

/** The tables an erasure touches, for the scope of the page's transaction. */
export function erasureTables(db: TerrainDb): Table[] {
  return [db.submissions, db.drafts, db.outbox, db.media, db.reviews, db.reviewEvents];
}

export async function applyErasures(db: TerrainDb, erasedIds: readonly string[]): Promise<void> {
  if (erasedIds.length === 0) return;
  const gone = await withLocalVersions(db, erasedIds);
  const ids = [...gone];
  const records = (await db.submissions.bulkGet(ids)).filter((r): r is SubmissionRecord => r !== undefined);
  const drafts = (await db.drafts.toArray()).filter((d) => d.replaces !== undefined && gone.has(d.replaces));
  const files = new Set(
    [...records.map((r) => r.data), ...drafts.map((d) => d.answers)].flatMap((answers) =>
      mediaRefsOf(answers).map((ref) => ref.sha256),
    ),
  );

  await db.outbox.bulkDelete((await outboxAbout(db, gone)).map((entry) => entry.seq));
  await db.drafts.bulkDelete(drafts.map((d) => d.id));
  await db.submissions.bulkDelete(ids);
  await db.reviews.bulkDelete(ids);
  await db.reviewEvents.where('targetId').anyOf(ids).delete();
  if (files.size > 0) await db.media.bulkDelete(await unnamed(db, files));
}

/** The erased ids and, transitively, the versions this device holds that replace one of them. */
async function withLocalVersions(db: TerrainDb, erasedIds: readonly string[]): Promise<Set<string>> {
  const gone = new Set(erasedIds);
  let frontier = [...gone];
  while (frontier.length > 0) {
    const next = await db.submissions.where('replaces').anyOf(frontier).primaryKeys();
    frontier = next.filter((id) => !gone.has(id));
    for (const id of frontier) gone.add(id);
  }
  return gone;
}

/** The outbox entries about these submissions: their own, their reviews', their review history's. */
async function outboxAbout(db: TerrainDb, gone: ReadonlySet<string>): Promise<OutboxEntry[]> {
  const keys = [...gone].flatMap((id) => [
    ['submissions', id],
    ['reviews', id],
  ]);
  const direct = await db.outbox.where('[table+id]').anyOf(keys).toArray();
  // A review event is named by its own id; the submission it is about is in its fields.
  const events = await db.outbox
    .where('[table+id]')
    .between(['reviewEvents', Dexie.minKey], ['reviewEvents', Dexie.maxKey])
    .toArray();
  const about = (entry: OutboxEntry) =>
    entry.fields.targetTable === 'submissions' &&
    typeof entry.fields.targetId === 'string' &&
    gone.has(entry.fields.targetId);
  return [...direct, ...events.filter(about)];
}

/** Of these files, those no remaining submission or draft names (read after the erased ones were deleted). */
async function unnamed(db: TerrainDb, files: ReadonlySet<string>): Promise<string[]> {
  const named = new Set<string>();
  const note = (answers: unknown) => {
    for (const ref of mediaRefsOf(answers)) if (files.has(ref.sha256)) named.add(ref.sha256);
  };
  await db.submissions.each((s) => note(s.data));
  await db.drafts.each((d) => note(d.answers));
  return [...files].filter((sha256) => !named.has(sha256));
}
