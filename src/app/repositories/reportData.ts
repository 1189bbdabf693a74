import type { ComputeSubmission } from '../../core/indicators/compute';
import type { TerrainDb } from '../db/TerrainDb';
import type { IndicatorRecord, IndicatorValueRecord, OrganisationRecord, ProjectRecord } from '../db/schema';

/** Everything a result-verification report is built from, as this device holds it (read-only). */
export interface ReportData {
  projects: ProjectRecord[];
  organisations: OrganisationRecord[];
  indicators: IndicatorRecord[];
  values: IndicatorValueRecord[];
  submissions: ComputeSubmission[];
}

/**
 * Reads the device tables a report needs. Only the submissions of forms an indicator computes from are read
 * (by the formId index), so a device with thousands of surveys does not load them all for a report. A
 * submission whose rejected change the user discarded never reached the server: it is not counted, as the
 * server would not count it.
 */
export async function loadReportData(db: TerrainDb): Promise<ReportData> {
  return db.transaction(
    'r',
    [db.projects, db.organisations, db.indicators, db.indicatorValues, db.submissions],
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
      return { projects, organisations, indicators, values, submissions };
    },
  );
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
