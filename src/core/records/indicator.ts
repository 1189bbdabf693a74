import { z } from 'zod/mini';
import { FieldName } from '../forms/definition';
import { LocalizedText } from '../i18n/localized';
import { IsoDate } from './iatiCodes';

const RecordId = z.string().check(z.minLength(1), z.maxLength(100));

/** A reporting period, both ends included (bimonthly: two months; annual: a year). */
export const Period = z.object({ start: IsoDate, end: IsoDate });
export type Period = z.infer<typeof Period>;

/** A dimension values are broken down by, with its categories: `{ name: 'sex', categories: ['f', 'm'] }`. */
export const Disaggregation = z.object({
  name: FieldName,
  label: LocalizedText,
  categories: z.array(
    z.object({ code: z.string().check(z.minLength(1), z.maxLength(50)), label: LocalizedText }),
  ),
  /** When computed from submissions: the form field whose value is the category. */
  field: z.optional(FieldName),
});
export type Disaggregation = z.infer<typeof Disaggregation>;

/**
 * How a value is computed from the submissions of one form: the count of submissions, or the sum or average
 * of a numeric field, over those that pass `filter` (an XLSForm expression such as `${village} = 'x'`) and
 * whose date (`dateField`, else the submission's finalization time) falls in the period.
 */
export const IndicatorComputation = z.object({
  formId: RecordId,
  aggregate: z.enum(['count', 'sum', 'average']),
  /** The numeric field summed or averaged; absent for a count. */
  field: z.optional(FieldName),
  filter: z.optional(z.string().check(z.maxLength(2000))),
  dateField: z.optional(FieldName),
});
export type IndicatorComputation = z.infer<typeof IndicatorComputation>;

export const Target = z.object({ period: Period, value: z.number() });
export type Target = z.infer<typeof Target>;

/** A result indicator of a project (an IATI result indicator). */
export const Indicator = z.object({
  id: RecordId,
  projectId: RecordId,
  code: z.string().check(z.minLength(1), z.maxLength(50)),
  title: LocalizedText,
  /** What is counted: "households", "t", "%"… */
  unit: z.string().check(z.maxLength(100)),
  /** IATI IndicatorMeasure 1 (unit) or 2 (percentage). */
  measure: z.enum(['unit', 'percentage']),
  /** Whether progress means going up or going down (IATI `ascending`). */
  direction: z.enum(['increase', 'decrease']),
  disaggregations: z.array(Disaggregation),
  baseline: z.nullable(
    z.object({ year: z.number().check(z.int(), z.gte(1900), z.lte(2200)), value: z.number() }),
  ),
  targets: z.array(Target),
  /** Null when values are only entered by hand. */
  computation: z.nullable(IndicatorComputation),
  deleted: z.boolean(),
});
export type Indicator = z.infer<typeof Indicator>;
