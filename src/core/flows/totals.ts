import { BASE_CURRENCY, exchangeRateId, type ExchangeRate } from '../records/exchangeRate';

/**
 * Totals of amounts in several currencies, in XOF and in USD (docs/aid-flows.md, "Currencies").
 *
 * Every rate is to one base, XOF: `xofPerUnit` of a currency for a month. An amount converts at the rate of
 * the month of its value date (IATI's value-date is the day of conversion): to XOF by its currency's rate
 * (XOF amounts as they are), to USD by that XOF value divided by the USD rate of the same month (a cross
 * rate; USD amounts as they are). A rate that is missing makes the total unknown (null) and is named in
 * `missing`: a total is never short of an amount that could not be converted.
 */

/** What a total is made of: an amount, its currency and its value date (YYYY-MM-DD). */
export interface Money {
  value: number;
  currency: string;
  valueDate: string;
}

export interface RateKey {
  currency: string;
  /** YYYY-MM */
  month: string;
}

export interface RateUsed extends RateKey {
  xofPerUnit: number;
}

export interface Totals {
  /** How many amounts were summed. */
  count: number;
  /** The sum in XOF, or null when a rate it needs is missing. */
  xof: number | null;
  usd: number | null;
  /** The rates the sums used, by currency then month. */
  used: RateUsed[];
  /** The rates that were needed and not found, by currency then month. */
  missing: RateKey[];
}

/** Rates by `<currency>:<month>`; deleted ones are not rates. */
export type RateBook = ReadonlyMap<string, number>;

export function rateBook(rates: readonly ExchangeRate[]): RateBook {
  const book = new Map<string, number>();
  for (const rate of rates)
    if (!rate.deleted) book.set(exchangeRateId(rate.currency, rate.month), rate.xofPerUnit);
  return book;
}

const byKey = (a: RateKey, b: RateKey) =>
  a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : a.month.localeCompare(b.month);

/** The sum of `amounts` in XOF and USD with the rates of `book`. */
export function totalOf(amounts: readonly Money[], book: RateBook): Totals {
  let xof: number | null = 0;
  let usd: number | null = 0;
  const used = new Map<string, RateUsed>();
  const missing = new Map<string, RateKey>();
  // The rate of a currency for a month, noting it as used or as missing.
  const rate = (currency: string, month: string): number | null => {
    const key = exchangeRateId(currency, month);
    const found = book.get(key);
    if (found === undefined) missing.set(key, { currency, month });
    else used.set(key, { currency, month, xofPerUnit: found });
    return found ?? null;
  };
  for (const { value, currency, valueDate } of amounts) {
    const month = valueDate.slice(0, 7);
    const ownRate = currency === BASE_CURRENCY ? 1 : rate(currency, month);
    const inXof = ownRate === null ? null : value * ownRate;
    xof = xof === null || inXof === null ? null : xof + inXof;
    if (currency === 'USD') {
      usd = usd === null ? null : usd + value;
    } else {
      const usdRate = rate('USD', month);
      usd = usd === null || inXof === null || usdRate === null ? null : usd + inXof / usdRate;
    }
  }
  return {
    count: amounts.length,
    xof,
    usd,
    used: [...used.values()].sort(byKey),
    missing: [...missing.values()].sort(byKey),
  };
}

/** Totals of records by one of their keys (transactions by IATI type), deleted records left out. */
export function totalsBy<R extends Money & { deleted: boolean }, K extends string>(
  records: readonly R[],
  keyOf: (record: R) => K,
  book: RateBook,
): Map<K, Totals> {
  const groups = new Map<K, R[]>();
  for (const record of records) {
    if (record.deleted) continue;
    const key = keyOf(record);
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  return new Map([...groups].map(([key, group]) => [key, totalOf(group, book)]));
}
