import { z } from 'zod/mini';
import { Iso4217 } from '../flows/currencies';
import { IsoDate } from './iatiCodes';
import { Amount, OrgRef } from './transaction';

const RecordId = z.string().check(z.minLength(1), z.maxLength(100));

/** IATI BudgetType of a planned disbursement: 1 original, 2 revised. */
export const PlannedDisbursementType = z.enum(
  ['1', '2'],
  'A planned disbursement is 1 original or 2 revised',
);

/** Money a provider expects to pay over a period (IATI `planned-disbursement`). */
export const PlannedDisbursement = z.object({
  id: RecordId,
  projectId: RecordId,
  type: PlannedDisbursementType,
  periodStart: IsoDate,
  /** Not before periodStart: the edit form checks it (the two merge apart, so the record cannot). */
  periodEnd: IsoDate,
  value: Amount,
  currency: Iso4217,
  valueDate: IsoDate,
  providerOrgId: OrgRef,
  receiverOrgId: OrgRef,
  deleted: z.boolean(),
});
export type PlannedDisbursement = z.infer<typeof PlannedDisbursement>;
