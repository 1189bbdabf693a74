import { Indicator } from '../../../src/core/records/indicator';
import { Project, type ProjectInput } from '../../../src/core/records/project';
import type { IndicatorValueRecord, SubmissionRecord } from '../../../src/app/db/schema';
import { indicatorValueIdOf } from '../../../src/app/repositories/indicatorValues';
import { USER_ID } from '../fixtures';

/** Coordination records for the app tests: a project, an indicator, values, submissions. */
export function projectOf(input: Partial<ProjectInput> & { id: string }): Project {
  return Project.parse({
    code: input.id.toUpperCase(),
    title: { fr: input.id },
    organisationId: null,
    ...input,
  });
}

export const indicator: Indicator = Indicator.parse({
  id: 'ind-water',
  projectId: 'p-gao',
  code: 'W1',
  title: { fr: 'Ménages avec accès à l’eau', en: 'Households with water access' },
  unit: 'ménages',
  measure: 'unit',
  direction: 'increase',
  disaggregations: [
    {
      name: 'sex',
      label: { fr: 'Sexe', en: 'Sex' },
      categories: [
        { code: 'f', label: { fr: 'Femmes' } },
        { code: 'm', label: { fr: 'Hommes' } },
      ],
    },
  ],
  baseline: { year: 2023, value: 120 },
  targets: [
    { period: { start: '2024-01-01', end: '2024-06-30' }, value: 300 },
    { period: { start: '2024-07-01', end: '2024-12-31' }, value: 500 },
  ],
  computation: null,
  deleted: false,
});

export function valueOf(
  periodStart: string,
  periodEnd: string,
  value: number | null,
  extra: Partial<IndicatorValueRecord> = {},
): IndicatorValueRecord {
  const identity = { indicatorId: indicator.id, projectId: 'p-gao', periodStart, periodEnd, categories: {} };
  return {
    id: indicatorValueIdOf(identity),
    ...identity,
    value,
    comment: '',
    enteredBy: 'user-other',
    reviewStatus: null,
    reviewComment: '',
    reviewedBy: null,
    deleted: false,
    ...extra,
  };
}

export function submissionAt(
  id: string,
  finalizedAt: string,
  extra: Partial<SubmissionRecord> = {},
): SubmissionRecord {
  return {
    id,
    formId: 'household',
    formVersion: '2024-01',
    projectId: 'p-gao',
    data: { members: 1 },
    startedAt: finalizedAt,
    finalizedAt,
    replaces: null,
    createdBy: USER_ID,
    syncState: 'synced',
    origin: 'local',
    ...extra,
  };
}
