import type { ComputeSubmission } from '../../../src/core/indicators/compute';
import type { Indicator, IndicatorComputation } from '../../../src/core/records/indicator';

/** An indicator of project p1 computed from form `distribution`, broken down by sex. */
export function indicator(
  computation: Partial<IndicatorComputation> | null,
  extra: Partial<Indicator> = {},
): Indicator {
  return {
    id: 'i1',
    projectId: 'p1',
    code: 'IND-1',
    title: { fr: 'Ménages servis', en: 'Households served' },
    unit: 'households',
    measure: 'unit',
    direction: 'increase',
    disaggregations: [
      {
        name: 'sex',
        label: { en: 'Sex' },
        categories: [
          { code: 'f', label: { en: 'Female' } },
          { code: 'm', label: { en: 'Male' } },
        ],
        field: 'head_sex',
      },
      { name: 'age', label: { en: 'Age' }, categories: [] },
    ],
    baseline: null,
    targets: [],
    computation: computation === null ? null : { formId: 'distribution', aggregate: 'count', ...computation },
    deleted: false,
    ...extra,
  };
}

let counter = 0;

/** A submission of form `distribution` in project p1, finalized at `finalizedAt`. */
export function submission(
  data: Record<string, unknown>,
  finalizedAt = '2026-03-10T09:00:00.000Z',
  extra: Partial<ComputeSubmission> = {},
): ComputeSubmission {
  counter++;
  return {
    id: `s${String(counter).padStart(5, '0')}`,
    formId: 'distribution',
    projectId: 'p1',
    data,
    finalizedAt,
    replaces: null,
    ...extra,
  };
}
