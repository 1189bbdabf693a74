import type { TerrainDb } from '../db/TerrainDb';
import type { DraftRecord } from '../db/schema';

/**
 * Starts correcting a finalized submission (ODK's "edit submission"): a draft prefilled with its answers, on
 * the form version it was filled with, whose finalized version will replace it. The submission itself never
 * changes. A correction already open for the same submission is reused, so a second tap on "Edit" never
 * makes two competing versions.
 */
export async function startCorrection(db: TerrainDb, submissionId: string): Promise<DraftRecord> {
  return db.transaction('rw', [db.drafts, db.submissions], async () => {
    const submission = await db.submissions.get(submissionId);
    if (!submission) throw new Error(`No submission ${submissionId}`);
    const open = await db.drafts.filter((d) => d.replaces === submissionId).first();
    if (open) return open;
    const now = new Date().toISOString();
    const draft: DraftRecord = {
      id: crypto.randomUUID(),
      formId: submission.formId,
      formVersion: submission.formVersion,
      projectId: submission.projectId,
      answers: structuredClone(submission.data),
      startedAt: now,
      updatedAt: now,
      replaces: submission.id,
    };
    await db.drafts.add(draft);
    return draft;
  });
}
