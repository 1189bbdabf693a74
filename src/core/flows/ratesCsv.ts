import { ExchangeRate, exchangeRateId } from '../records/exchangeRate';

/**
 * Exchange rates pasted or read as CSV, one per line: `currency,month,xofPerUnit[,source]`
 * (`EUR,2026-03,655.957,BCEAO`). Commas or semicolons separate the cells (a spreadsheet in French writes
 * semicolons, and a decimal comma, which is read as a point then). A first line naming the columns, and
 * blank lines, are skipped. Every line is checked with the record's schema; a line that fails is reported
 * with its number and the schema's message, and nothing of the text should be saved then.
 */

export interface RatesCsvResult {
  rates: ExchangeRate[];
  /** 1-based line numbers with why each was refused. */
  errors: { line: number; message: string }[];
}

const HEADER = /^\s*(currency|monnaie|devise)\b/i;

export function parseRatesCsv(text: string): RatesCsvResult {
  const rates = new Map<string, ExchangeRate>();
  const errors: RatesCsvResult['errors'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || (index === 0 && HEADER.test(raw))) return;
    const semicolons = raw.includes(';');
    const separator = semicolons ? ';' : ',';
    const cells = raw.split(separator);
    const [currency = '', month = '', rate = ''] = cells.slice(0, 3).map((c) => c.trim());
    // The source is the rest of the line as written, separators included.
    const source = cells.slice(3).join(separator).trim();
    const amount = semicolons ? rate.replace(',', '.') : rate;
    const candidate = {
      id: exchangeRateId(currency.toUpperCase(), month),
      currency: currency.toUpperCase(),
      month,
      xofPerUnit: amount === '' ? NaN : Number(amount),
      source,
      deleted: false,
    };
    const parsed = ExchangeRate.safeParse(candidate);
    if (!parsed.success) {
      errors.push({ line, message: parsed.error.issues.map((i) => i.message).join('; ') });
      return;
    }
    // The last line for a currency and month wins, as it would if typed one after the other.
    rates.set(parsed.data.id, parsed.data);
  });
  return { rates: [...rates.values()], errors };
}
