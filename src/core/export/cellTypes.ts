import type { QuestionType } from '../forms/definition';

/**
 * The type of a column of an export. CSV is text whatever the type; XLSX writes numbers as numbers, dates as
 * date cells and yes/no as booleans, and GeoJSON writes numbers and booleans as JSON ones, so a spreadsheet
 * can sum and sort them and a GIS can style by them without converting a column first.
 */
export type CellType = 'text' | 'number' | 'date' | 'dateTime' | 'boolean';

/** A typed value of a cell: `null` for an empty cell, or text a typed column could not read. */
export type CellValue = string | number | boolean | null;

/** The column type of a question's answers (text unless the answer's canonical form is typed). */
export function cellTypeOf(type: QuestionType): CellType {
  switch (type) {
    case 'integer':
    case 'decimal':
    case 'range':
      return 'number';
    case 'date':
      return 'date';
    case 'dateTime':
      return 'dateTime';
    case 'acknowledge':
      return 'boolean';
    default:
      return 'text';
  }
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[-+]\d{2}:?\d{2})?$/;

/**
 * A cell's text as the value of its type: numbers as numbers, yes/no (`OK`, acknowledge's answer) as true,
 * empty as null. Dates stay ISO text here (GeoJSON and JSON have no date type; see `excelSerial`). A value
 * the type does not fit (an old answer typed differently) stays text rather than being lost.
 */
export function typedValue(text: string, type: CellType | undefined): CellValue {
  if (type === undefined || type === 'text') return text;
  if (text === '') return null;
  if (type === 'number') return NUMBER.test(text) ? Number(text) : text;
  if (type === 'boolean') return text === 'OK' || text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/**
 * A date or date-time as a spreadsheet's serial number (days since 1899-12-30, the time as a fraction of a
 * day), or null when the text is not one. A date-time is taken at the wall-clock time it was written with
 * (its offset dropped): spreadsheets have no time zones, and that is the time the agent saw and the CSV shows.
 */
export function excelSerial(text: string, type: 'date' | 'dateTime'): number | null {
  const match = (type === 'date' ? DATE : DATE_TIME).exec(text);
  // Spreadsheets count from 1900; Date.UTC would also read years 0-99 as 1900-1999.
  if (!match || Number(match[1]) < 1900) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = match;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Date.UTC rolls 2026-02-30 over to March: such a text is not a date.
  const back = new Date(ms);
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const millis = frac ? Math.round(Number(frac) * 1000) : 0;
  return (ms + millis) / 86_400_000 + 25_569;
}
