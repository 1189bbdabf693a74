import { z } from 'zod/mini';
import { FieldName } from '../forms/definition';
import { IsoDate } from './iatiCodes';
import { ReviewStatus } from './review';

const RecordId = z.string().check(z.minLength(1), z.maxLength(100));

/**
 * The value of an indicator for one reporting period, entered by hand (a partner's report). One record per
 * indicator, period and disaggregation category (`{}` for the total), so two focal points entering values for
 * different categories never touch the same record. The value computed from submissions is not stored: it is
 * recomputed from them (src/core/indicators) and shown beside this one when they differ.
 */
export const IndicatorValue = z.object({
  id: RecordId,
  indicatorId: RecordId,
  projectId: RecordId,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  /** The category of each disaggregation this value is for: `{ sex: 'f' }`; `{}` for the total. */
  categories: z.record(FieldName, z.string().check(z.minLength(1), z.maxLength(50))),
  /** Null until entered. */
  value: z.nullable(z.number()),
  comment: z.string().check(z.maxLength(2000)),
  /** Who entered the current value (stamped by the server). */
  enteredBy: z.nullable(z.string()),
  /**
   * The review of this value, on the record itself so that it merges field by field like the value: focal
   * points set verified / has_issues, supervisors approved / rejected (as for submissions).
   */
  reviewStatus: z.nullable(ReviewStatus),
  reviewComment: z.string().check(z.maxLength(2000)),
  /** Who set the current review status (stamped by the server). */
  reviewedBy: z.nullable(z.string()),
  deleted: z.boolean(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;
