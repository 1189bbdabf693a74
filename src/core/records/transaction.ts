import { z } from 'zod/mini';
import { Iso4217 } from '../flows/currencies';
import { DacSectorCode, IsoDate } from './iatiCodes';

const RecordId = z.string().check(z.minLength(1), z.maxLength(100));

/**
 * IATI TransactionType, kept as IATI writes it: 1 incoming funds, 2 outgoing commitment, 3 disbursement,
 * 4 expenditure, 5 interest payment, 6 loan repayment, 7 reimbursement, 8 purchase of equity, 9 sale of
 * equity, 10 credit guarantee, 11 incoming commitment, 12 outgoing pledge, 13 incoming pledge.
 */
export const TRANSACTION_TYPES = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '13',
] as const;
export const TransactionType = z.enum(TRANSACTION_TYPES, 'Not an IATI transaction type (1 to 13)');
export type TransactionType = z.infer<typeof TransactionType>;

/** Larger than any aid flow, small enough that sums of many stay exact to the unit in a double. */
export const MAX_AMOUNT = 1e13;

/**
 * An amount in its own currency. IATI allows negative values, for corrections of an earlier transaction, so
 * the sign is kept; infinities, NaN and absurd magnitudes are refused.
 */
export const SignedAmount = z.number('An amount is a number').check(
  z.refine(Number.isFinite, 'An amount must be a finite number'),
  z.refine((n) => Math.abs(n) <= MAX_AMOUNT, 'This amount is too large'),
);

/** An amount that cannot be negative (planned disbursements, budgets). */
export const Amount = z
  .number('An amount is a number')
  .check(
    z.refine(Number.isFinite, 'An amount must be a finite number'),
    z.gte(0, 'This amount cannot be negative'),
    z.lte(MAX_AMOUNT, 'This amount is too large'),
  );

/** An organisation of ours (src/core/records/organisation.ts, which holds its IATI identifier), or none. */
export const OrgRef = z.nullable(RecordId);

/**
 * A financial transaction of a project (IATI `transaction`). `value` is in `currency`; `valueDate` is the
 * day whose exchange rate converts it (IATI's value-date). Provider and receiver name organisation records.
 */
export const Transaction = z.object({
  id: RecordId,
  projectId: RecordId,
  type: TransactionType,
  /** When the transaction happened (IATI transaction-date). */
  date: IsoDate,
  value: SignedAmount,
  currency: Iso4217,
  valueDate: IsoDate,
  providerOrgId: OrgRef,
  receiverOrgId: OrgRef,
  /** A DAC 5-digit sector, when the transaction is for one sector only. */
  sector: z.nullable(DacSectorCode),
  /** The area of the country the money is for (free text, as the project's locations name them). */
  region: z.string().check(z.maxLength(200)),
  description: z.string().check(z.maxLength(2000)),
  deleted: z.boolean(),
});
export type Transaction = z.infer<typeof Transaction>;
