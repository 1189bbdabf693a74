import { z } from 'zod/mini';
import { Iso4217 } from '../flows/currencies';

/** A calendar month, YYYY-MM. */
export const YearMonth = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month is written YYYY-MM'));

/** The base every rate is to: the CFA franc of the region's accounts. */
export const BASE_CURRENCY = 'XOF';

/** A currency other than the base (the base's rate is 1 by definition). */
export const RatedCurrency = Iso4217.check(
  z.refine((code) => code !== BASE_CURRENCY, 'XOF is the base: it needs no rate'),
);

/**
 * How many XOF one unit of `currency` was worth in `month` (one rate per month, the one used for every
 * amount whose value date falls in it). USD totals use cross rates through XOF: src/core/flows/totals.ts.
 * Rates are shared by every project: the record is global, and its id is `<currency>:<month>` so that two
 * supervisors entering the same month's rate offline edit one record.
 */
export const ExchangeRate = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  currency: RatedCurrency,
  month: YearMonth,
  xofPerUnit: z
    .number('A rate is a number')
    .check(
      z.refine(Number.isFinite, 'A rate must be a finite number'),
      z.gt(0, 'A rate must be more than 0'),
      z.lte(1e9, 'This rate is too large'),
    ),
  /** Where the rate comes from (BCEAO, the donor's accounts…). */
  source: z.string().check(z.maxLength(200)),
  deleted: z.boolean(),
});
export type ExchangeRate = z.infer<typeof ExchangeRate>;

export const exchangeRateId = (currency: string, month: string): string => `${currency}:${month}`;
