import type { UsageReview, UsageSubmission } from '../../core/usage/usageStats';
import type { TerrainDb } from '../db/TerrainDb';
import type { ProjectRecord } from '../db/schema';

/** What the use-of-the-database page is computed from, as this device holds it (read-only). */
export interface UsageData {
  submissions: UsageSubmission[];
  reviews: UsageReview[];
  projects: ProjectRecord[];
  /** Each form's title by formId (its latest version's). */
  formTitles: Map<string, Record<string, string>>;
}

/**
 * Reads every submission (a supervisor's device holds those of their projects), the review events on them
 * and the current reviews (a status known without its history still counts as flagged), in one read
 * transaction so that a sync landing meanwhile never shows half of its changes. Submissions whose rejected
 * change the user discarded never reached the server: they are left out, as in the report.
 */
export async function loadUsageData(db: TerrainDb): Promise<UsageData> {
  return db.transaction(
    'r',
    [db.submissions, db.reviewEvents, db.reviews, db.projects, db.forms],
    async () => {
      const [rows, events, reviews, projects, forms] = await Promise.all([
        db.submissions.toArray(),
        db.reviewEvents.toArray(),
        db.reviews.toArray(),
        db.projects.toArray(),
        db.forms.toArray(),
      ]);
      const submissions = rows
        .filter((s) => s.discardedAt === undefined)
        .map(({ id, projectId, formId, createdBy, finalizedAt, replaces }) => ({
          id,
          projectId,
          formId,
          createdBy,
          finalizedAt,
          replaces,
        }));
      const usageReviews: UsageReview[] = [
        ...events
          .filter((e) => e.targetTable === 'submissions')
          .map((e) => ({ submissionId: e.targetId, status: e.status, at: e.at, by: e.by })),
        ...reviews
          .filter((r) => !r.deleted)
          .map((r) => ({ submissionId: r.submissionId, status: r.status, at: null, by: null })),
      ];
      const formTitles = new Map<string, Record<string, string>>();
      for (const form of forms.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt)))
        formTitles.set(form.formId, form.definition.title);
      return { submissions, reviews: usageReviews, projects, formTitles };
    },
  );
}
