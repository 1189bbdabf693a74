import { Transaction } from '../records/transaction';

/**
 * Transactions from a donor's report, pasted as CSV (docs/aid-flows.md, "CSV import of transactions"). The
 * first line names the columns, in any order (English or French names): `type`, `date`, `value`/`montant`,
 * `currency`/`monnaie`, and optionally `valueDate`/`date de valeur`, `provider`/`fournisseur`,
 * `receiver`/`bénéficiaire`, `sector`/`secteur`, `region`/`région`, `description`. Commas or semicolons
 * separate the cells (semicolons: a decimal comma is read as a point, as in ratesCsv.ts). An organisation is
 * named by its IATI identifier, acronym or name, and must be one of ours. Every line is checked with the
 * transaction's schema; the caller saves all of them or none.
 */

/** A transaction as read, ready to be saved (the page gives it its id). */
export type CsvTransaction = Omit<Transaction, 'id' | 'deleted'>;

export interface TransactionsCsvResult {
  transactions: { line: number; transaction: CsvTransaction }[];
  /** 1-based line numbers with why each was refused. */
  errors: { line: number; message: string }[];
}

export interface CsvOrganisation {
  id: string;
  name: string;
  acronym: string;
  iatiId: string | null;
}

type Column =
  | 'type'
  | 'date'
  | 'value'
  | 'currency'
  | 'valueDate'
  | 'provider'
  | 'receiver'
  | 'sector'
  | 'region'
  | 'description';

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

const NAMES: Record<string, Column> = {
  type: 'type',
  date: 'date',
  value: 'value',
  montant: 'value',
  amount: 'value',
  currency: 'currency',
  monnaie: 'currency',
  devise: 'currency',
  valuedate: 'valueDate',
  datedevaleur: 'valueDate',
  provider: 'provider',
  fournisseur: 'provider',
  receiver: 'receiver',
  beneficiaire: 'receiver',
  sector: 'sector',
  secteur: 'sector',
  region: 'region',
  description: 'description',
};

const REQUIRED: Column[] = ['type', 'date', 'value', 'currency'];

export function parseTransactionsCsv(
  text: string,
  projectId: string,
  organisations: readonly CsvOrganisation[],
): TransactionsCsvResult {
  const lines = text.split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  const result: TransactionsCsvResult = { transactions: [], errors: [] };
  if (headerIndex < 0) return result;
  const header = lines[headerIndex]!;
  const semicolons = header.includes(';');
  const separator = semicolons ? ';' : ',';
  const columns = header.split(separator).map((c) => NAMES[fold(c.trim())] ?? null);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    result.errors.push({ line: headerIndex + 1, message: `Missing columns: ${missing.join(', ')}` });
    return result;
  }
  const orgOf = (named: string): string | null | undefined => {
    const key = fold(named);
    if (key === '') return null;
    const found = organisations.find(
      (o) =>
        (o.iatiId && fold(o.iatiId) === key) ||
        (o.acronym && fold(o.acronym) === key) ||
        fold(o.name) === key,
    );
    return found?.id;
  };
  lines.forEach((raw, index) => {
    if (index <= headerIndex || raw.trim() === '') return;
    const line = index + 1;
    const cells: Partial<Record<Column, string>> = {};
    raw.split(separator).forEach((cell, i) => {
      const column = columns[i];
      if (column) cells[column] = cell.trim();
    });
    const problems: string[] = [];
    const org = (column: 'provider' | 'receiver') => {
      const id = orgOf(cells[column] ?? '');
      if (id === undefined) problems.push(`Unknown organisation: ${cells[column]}`);
      return id ?? null;
    };
    const amount = (cells.value ?? '').replace(/\s/g, '');
    const date = cells.date ?? '';
    const candidate = {
      id: 'csv',
      projectId,
      type: cells.type ?? '',
      date,
      value: amount === '' ? NaN : Number(semicolons ? amount.replace(',', '.') : amount),
      currency: (cells.currency ?? '').toUpperCase(),
      valueDate: cells.valueDate || date,
      providerOrgId: org('provider'),
      receiverOrgId: org('receiver'),
      sector: cells.sector || null,
      region: cells.region ?? '',
      description: cells.description ?? '',
      deleted: false,
    };
    const parsed = Transaction.safeParse(candidate);
    if (!parsed.success) problems.push(...parsed.error.issues.map((i) => i.message));
    if (problems.length > 0 || !parsed.success) {
      result.errors.push({ line, message: problems.join('; ') });
      return;
    }
    const { id: _id, deleted: _deleted, ...transaction } = parsed.data;
    result.transactions.push({ line, transaction });
  });
  return result;
}
