import type { ComputeSubmission } from '../../core/indicators/compute';
import type { ReceivedSubmission } from '../../core/indicators/verification';
import type { Period } from '../../core/records/indicator';
import type { TerrainDb } from '../db/TerrainDb';
import type {
  IndicatorRecord,
  IndicatorValueRecord,
  OrganisationRecord,
  ProjectRecord,
  ReviewRecord,
} from '../db/schema';

/** Everything a result-verification report is built from, as this device holds it (read-only). */
export interface ReportData {
  projects: ProjectRecord[];
  organisations: OrganisationRecord[];
  indicators: IndicatorRecord[];
  values: IndicatorValueRecord[];
  submissions: ComputeSubmission[];
  /** The current versions of the submissions finalized in the period, of every form, and their reviews. */
  received: ReceivedSubmission[];
  reviews: ReviewRecord[];
}

/**
 * Reads the device tables a report needs. Only the submissions of forms an indicator computes from are read
 * (by the formId index), so a device with thousands of surveys does not load them all for a report. A
 * submission whose rejected change the user discarded never reached the server: it is not counted, as the
 * server would not count it. The submissions of `period` (for the verification counts) are read by the
 * finalizedAt index, current versions only as this device's version bookkeeping marks them (as the
 * submissions list and the review queue count them). All in one read transaction, so a sync landing
 * meanwhile never shows half of its changes.
 */
export async function loadReportData(db: TerrainDb, period: Period): Promise<ReportData> {
  return db.transaction(
    'r',
    [db.projects, db.organisations, db.indicators, db.indicatorValues, db.submissions, db.reviews],
    async () => {
      const [projects, organisations, indicators, values] = await Promise.all([
        db.projects.toArray(),
        db.organisations.toArray(),
        db.indicators.toArray(),
        db.indicatorValues.toArray(),
      ]);
      const formIds = [
        ...new Set(indicators.flatMap((i) => (i.computation && !i.deleted ? [i.computation.formId] : []))),
      ];
      const submissions = await computeSubmissionsOf(db, formIds);
      const received = await receivedIn(db, period);
      const reviews = (await db.reviews.bulkGet(received.map((s) => s.id))).filter((r) => r !== undefined);
      return { projects, organisations, indicators, values, submissions, received, reviews };
    },
  );
}

/**
 * The current versions finalized in `period`. finalizedAt is an ISO date-time, so the period's days are the
 * keys from its first day to anything its last day starts (core's dayOf then reads each day as written).
 */
async function receivedIn(db: TerrainDb, period: Period): Promise<ReceivedSubmission[]> {
  const rows = await db.submissions
    .where('finalizedAt')
    .between(period.start, `${period.end}\uffff`, true, true)
    .filter((s) => !s.versionState && s.discardedAt === undefined)
    .toArray();
  return rows.map((s) => ({ id: s.id, projectId: s.projectId, finalizedAt: s.finalizedAt }));
}

/**
 * The submissions of `formIds` as indicator computations read them (discarded ones left out). Call inside a
 * transaction that includes `db.submissions`, or alone.
 */
export async function computeSubmissionsOf(
  db: TerrainDb,
  formIds: readonly string[],
): Promise<ComputeSubmission[]> {
  const rows =
    formIds.length === 0
      ? []
      : await db.submissions
          .where('formId')
          .anyOf([...formIds])
          .toArray();
  return rows
    .filter((s) => s.discardedAt === undefined)
    .map((s): ComputeSubmission => ({
      id: s.id,
      formId: s.formId,
      projectId: s.projectId,
      data: s.data,
      finalizedAt: s.finalizedAt,
      replaces: s.replaces,
      // The server's order of corrections once pulled; picks the current version of a fork.
      ...(s.versionHlc === undefined ? {} : { hlc: s.versionHlc }),
    }));
}
