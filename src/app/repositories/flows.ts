import { hasRole, type Role } from '../../core/records/user';
import type { MergeTableName } from '../../core/sync/mergeTables';
import { exchangeRateId, type ExchangeRate } from '../../core/records/exchangeRate';
import type { TerrainDb } from '../db/TerrainDb';
import type { ExchangeRateRecord, PlannedDisbursementRecord, TransactionRecord } from '../db/schema';
import type { MessageKey } from '../i18n/types';
import { overlay, type MergedRow } from '../sync/mergedRows';
import { appendMutation } from './appendMutation';
import { addWriteIssues, EditInvalidError, saveEdit, type EditProblems } from './mergedEdit';

/**
 * The aid flows on the device (docs/aid-flows.md): a project's transactions and planned disbursements, and
 * the exchange rates, read for the finances page and written like the other coordination records
 * (mergedEdit.ts): the changed fields only, with their bases, in one transaction with the outbox entry.
 */

export type FlowTable = Extract<MergeTableName, 'transactions' | 'plannedDisbursements' | 'exchangeRates'>;

const byDate = <R extends { valueDate: string; id: string }>(a: R, b: R) =>
  a.valueDate.localeCompare(b.valueDate) || a.id.localeCompare(b.id);

export async function listTransactions(db: TerrainDb, projectId: string): Promise<TransactionRecord[]> {
  const all = await db.transactions.where('projectId').equals(projectId).toArray();
  return all.filter((t) => !t.deleted).sort(byDate);
}

export async function listPlannedDisbursements(
  db: TerrainDb,
  projectId: string,
): Promise<PlannedDisbursementRecord[]> {
  const all = await db.plannedDisbursements.where('projectId').equals(projectId).toArray();
  return all.filter((p) => !p.deleted).sort(byDate);
}

/** Every rate on the device, deleted ones left out, by currency then month. */
export async function listRates(db: TerrainDb): Promise<ExchangeRateRecord[]> {
  const all = await db.exchangeRates.toArray();
  return all.filter((r) => !r.deleted).sort((a, b) => a.id.localeCompare(b.id));
}

/** The message of each field's problem, by field. */
const MESSAGES = {
  type: 'edit.error.invalid',
  date: 'edit.error.date',
  value: 'flows.error.amount',
  currency: 'flows.error.currency',
  valueDate: 'edit.error.date',
  providerOrgId: 'edit.error.invalid',
  receiverOrgId: 'edit.error.invalid',
  sector: 'flows.error.sector',
  region: 'edit.error.invalid',
  description: 'edit.error.invalid',
  periodStart: 'edit.error.date',
  periodEnd: 'edit.error.date',
  xofPerUnit: 'flows.error.rate',
  source: 'edit.error.invalid',
  month: 'flows.error.month',
} satisfies Record<string, MessageKey>;

/**
 * The problems of a change of `table` by field (message keys), empty when it may be saved: the sync's
 * write schema (what the server checks), and what the fields cannot say alone.
 */
export function flowProblems(
  table: FlowTable,
  change: Readonly<Record<string, unknown>>,
  role: Role,
): EditProblems {
  const problems: EditProblems = {};
  if (!hasRole(role, 'supervisor')) problems.form = 'edit.error.supervisorOnly';
  const { currency, month } = change;
  const fields = valuesOf(table, change);
  if (table === 'exchangeRates') {
    // Identity of a rate: checked here, with the form's messages (the write schema checks it too).
    if (currency === 'XOF') problems.currency = 'flows.error.xof';
    if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) problems.month = MESSAGES.month;
  }
  if (table === 'exchangeRates' || table === 'plannedDisbursements') {
    if (typeof fields.value === 'number' && fields.value < 0) problems.value = 'flows.error.amountNegative';
  }
  addWriteIssues(problems, table, fields, MESSAGES);
  if (table === 'exchangeRates' && typeof currency === 'string')
    addWriteIssues(problems, 'transactions', { currency }, MESSAGES);
  const { periodStart, periodEnd } = change;
  if (typeof periodStart === 'string' && typeof periodEnd === 'string' && periodEnd < periodStart)
    problems.periodEnd ??= 'edit.error.endBeforeStart';
  return problems;
}

/** The merge fields of a change: a rate's currency and month are its identity, not fields. */
function valuesOf(table: FlowTable, change: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const values = { ...change };
  if (table === 'exchangeRates') {
    delete values.currency;
    delete values.month;
  }
  return values;
}

/** A new record's id: a rate's is its currency and month (one record per month, whoever enters it). */
export function flowIdOf(table: FlowTable, id: string | null, change: Readonly<Record<string, unknown>>) {
  if (table === 'exchangeRates') return exchangeRateId(String(change.currency), String(change.month));
  return id ?? crypto.randomUUID();
}

/**
 * Saves a transaction or planned disbursement of `projectId`, or a rate (`projectId` ignored): a new one
 * (`id` null) or the changed fields of one. Throws EditInvalidError with the problems by field.
 */
export async function saveFlow<R extends MergedRow>(
  db: TerrainDb,
  table: FlowTable,
  projectId: string,
  id: string | null,
  change: Readonly<Record<string, unknown>>,
  role: Role,
  now = new Date(),
  seen?: R,
): Promise<R> {
  const problems = flowProblems(table, change, role);
  if (Object.keys(problems).length > 0) throw new EditInvalidError(problems);
  const recordId = flowIdOf(table, id, change);
  const identity: Record<string, string> =
    table === 'exchangeRates'
      ? { currency: String(change.currency), month: String(change.month) }
      : { projectId };
  const row = await saveEdit(db, table, recordId, identity, valuesOf(table, change), now, seen);
  return (row ?? (await db.table(table).get(recordId))) as R;
}

/**
 * Saves imported rates (src/core/flows/ratesCsv.ts) all together or none: each as a save of the page would
 * (the changed fields of the month's record, with their bases), in one transaction.
 */
export async function importRates(
  db: TerrainDb,
  rates: readonly ExchangeRate[],
  role: Role,
  now = new Date(),
): Promise<void> {
  if (!hasRole(role, 'supervisor')) throw new EditInvalidError({ form: 'edit.error.supervisorOnly' });
  await db.transaction('rw', [db.exchangeRates, db.outbox, db.meta], async () => {
    for (const { currency, month, xofPerUnit, source } of rates)
      await saveFlow(db, 'exchangeRates', '', null, { currency, month, xofPerUnit, source }, role, now);
  });
}

/**
 * Saves transactions read from a CSV (src/core/flows/transactionsCsv.ts) all together or none: each as the
 * page's form would save a new one, in one Dexie transaction, so that one refused row aborts every write.
 */
export async function importTransactions(
  db: TerrainDb,
  projectId: string,
  transactions: readonly Readonly<Record<string, unknown>>[],
  role: Role,
  now = new Date(),
): Promise<void> {
  if (!hasRole(role, 'supervisor')) throw new EditInvalidError({ form: 'edit.error.supervisorOnly' });
  await db.transaction('rw', [db.transactions, db.outbox, db.meta], async () => {
    for (const transaction of transactions) {
      const { projectId: _ignored, ...change } = transaction;
      await saveFlow(db, 'transactions', projectId, null, change, role, now);
    }
  });
}

/**
 * Deletes a record of an aid-flow table (a tombstone, as every mergeable record): its mutation and the row
 * as shown, in one transaction. `seen` is the record as the page showed it: its tombstone's clock is the base.
 */
export async function deleteFlow(
  db: TerrainDb,
  table: FlowTable,
  record: MergedRow,
  role: Role,
  now = new Date(),
): Promise<void> {
  if (!hasRole(role, 'supervisor')) throw new EditInvalidError({ form: 'edit.error.supervisorOnly' });
  const rows = db.table<MergedRow, string>(table);
  const identity: Record<string, string> =
    table === 'exchangeRates'
      ? { currency: String(record.currency), month: String(record.month) }
      : { projectId: String(record.projectId) };
  await db.transaction('rw', [rows, db.outbox, db.meta], async () => {
    const current = await rows.get(record.id);
    const seenClock = record.clocks?.deleted ?? current?.clocks?.deleted;
    const base: Record<string, string> = seenClock ? { deleted: seenClock } : {};
    await appendMutation(db, { table, id: record.id, op: 'delete', fields: identity, base }, now);
    const entries = await db.outbox.where('[table+id]').equals([table, record.id]).toArray();
    await rows.put(overlay(table, record.id, identity, current?.server ?? {}, entries, db.userId));
  });
}
