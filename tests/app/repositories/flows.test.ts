import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeOf, formValuesOf } from '../../../src/app/components/flows/flowFields';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import {
  deleteFlow,
  flowProblems,
  importRates,
  importTransactions,
  listRates,
  listTransactions,
  saveFlow,
} from '../../../src/app/repositories/flows';
import { EditInvalidError } from '../../../src/app/repositories/mergedEdit';
import { deleteOrganisation, saveOrganisation } from '../../../src/app/repositories/organisationEdits';
import { applyPullPage } from '../../../src/app/sync/applyPullPage';
import type { MergedRow } from '../../../src/app/sync/mergedRows';
import { parseRatesCsv } from '../../../src/core/flows/ratesCsv';
import { encodeHlc } from '../../../src/core/hlc';
import { openTestDb } from '../fixtures';

/**
 * The aid-flow repository (docs/aid-flows.md): saves write the row and its outbox mutation together, with
 * only the changed fields and the clocks they replace; the form's strings become the record's values.
 */

const serverHlc = encodeHlc({ wall: Date.parse('2026-11-01T08:00:00.000Z'), counter: 0, node: 'server' });

const disbursement = {
  type: '3',
  date: '2026-03-15',
  value: 25_000,
  currency: 'EUR',
  valueDate: '2026-03-15',
  providerOrgId: 'unicef',
  receiverOrgId: null,
  sector: null,
  region: '',
  description: 'Première tranche',
};

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('transactions', () => {
  it('a new one gets a uuid; its row and put are written together', async () => {
    const saved = await saveFlow(db, 'transactions', 'p1', null, disbursement, 'supervisor');
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await listTransactions(db, 'p1')).toMatchObject([{ ...disbursement, deleted: false }]);
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ table: 'transactions', op: 'put' });
    // Defaults (no receiver, no sector, no region) are not sent.
    expect(entry?.fields).toEqual({
      projectId: 'p1',
      type: '3',
      date: '2026-03-15',
      value: 25_000,
      currency: 'EUR',
      valueDate: '2026-03-15',
      providerOrgId: 'unicef',
      description: 'Première tranche',
    });
  });

  it('refuses what the server would, per field, and writes nothing; agents may not', async () => {
    const bad = { ...disbursement, value: NaN, currency: 'CFA', sector: '311', date: '2026-02-30' };
    const attempt = saveFlow(db, 'transactions', 'p1', null, bad, 'supervisor');
    await expect(attempt).rejects.toThrow(EditInvalidError);
    expect(await attempt.catch((e: EditInvalidError) => e.problems)).toEqual({
      value: 'flows.error.amount',
      currency: 'flows.error.currency',
      sector: 'flows.error.sector',
      date: 'edit.error.date',
    });
    expect(flowProblems('transactions', disbursement, 'agent')).toEqual({
      form: 'edit.error.supervisorOnly',
    });
    expect(flowProblems('transactions', { ...disbursement, value: -10 }, 'supervisor')).toEqual({});
    expect(await db.outbox.count()).toBe(0);
  });

  it('an edit sends only the changed field, with the clock it replaces; a delete is a tombstone', async () => {
    const data = { id: 'tr-1', projectId: 'p1', ...disbursement, deleted: false };
    const clocks = Object.fromEntries(
      Object.keys(data)
        .filter((k) => k !== 'id')
        .map((k) => [k, serverHlc]),
    );
    await applyPullPage(db, {
      changes: [{ table: 'transactions', id: 'tr-1', serverSeq: 1, op: 'put', data, clocks }],
      cursor: 1,
      hasMore: false,
    });
    const [pulled] = await listTransactions(db, 'p1');
    const values = { ...formValuesOf('transactions', pulled), value: '26000,5' };
    await saveFlow(
      db,
      'transactions',
      'p1',
      'tr-1',
      changeOf('transactions', values),
      'supervisor',
      new Date(),
      pulled as MergedRow,
    );
    const [edit] = await db.outbox.toArray();
    expect(edit?.fields).toEqual({ projectId: 'p1', value: 26_000.5 });
    expect(edit?.base).toEqual({ value: serverHlc, deleted: serverHlc });

    const [shown] = await listTransactions(db, 'p1');
    await deleteFlow(db, 'transactions', shown as MergedRow, 'supervisor');
    expect(await listTransactions(db, 'p1')).toEqual([]);
    const deleted = (await db.outbox.toArray())[1];
    // Its base is the tombstone's clock as shown: the edit's own (every put says "not deleted").
    expect(deleted).toMatchObject({
      op: 'delete',
      fields: { projectId: 'p1' },
      base: { deleted: edit?.hlc },
    });
  });
});

describe('organisations named by aid flows', () => {
  it('are not deleted on the device while a transaction of a project names them', async () => {
    const org = await saveOrganisation(
      db,
      null,
      { name: 'Bailleur', acronym: '', iatiId: null, type: '10' },
      'admin',
    );
    const projectId = (await db.projects.toArray())[0]!.id;
    const saved = await saveFlow(
      db,
      'transactions',
      projectId,
      null,
      { ...disbursement, receiverOrgId: org.id },
      'admin',
    );
    const attempt = deleteOrganisation(db, org.id, 'admin');
    await expect(attempt).rejects.toThrow(EditInvalidError);
    expect(await attempt.catch((e: EditInvalidError) => e.problems)).toEqual({ form: 'edit.org.inUse' });
    await deleteFlow(db, 'transactions', saved, 'admin');
    await deleteOrganisation(db, org.id, 'admin');
    expect((await db.organisations.get(org.id))?.deleted).toBe(true);
  });
});

describe('form values', () => {
  it('read a French decimal comma, upper-case the currency, and take the date as value date when empty', () => {
    const values = { ...formValuesOf('transactions', undefined), date: '2026-04-02', value: '1 000' };
    expect(changeOf('transactions', values)).toMatchObject({
      value: NaN,
      currency: 'XOF',
      valueDate: '2026-04-02',
    });
    expect(changeOf('transactions', { ...values, value: '-12,5', currency: 'usd' })).toMatchObject({
      value: -12.5,
      currency: 'USD',
      providerOrgId: null,
    });
  });
});

describe('exchange rates', () => {
  it('one record per currency and month, its id made of them; XOF and bad months are refused', async () => {
    const rate = { currency: 'USD', month: '2026-03', xofPerUnit: 600, source: 'BCEAO' };
    const saved = await saveFlow(db, 'exchangeRates', '', null, rate, 'supervisor');
    expect(saved.id).toBe('USD:2026-03');
    const [entry] = await db.outbox.toArray();
    expect(entry?.fields).toEqual(rate);
    expect(await listRates(db)).toMatchObject([{ id: 'USD:2026-03', xofPerUnit: 600 }]);
    expect(flowProblems('exchangeRates', { ...rate, currency: 'XOF' }, 'admin')).toEqual({
      currency: 'flows.error.xof',
    });
    expect(flowProblems('exchangeRates', { ...rate, month: '2026-3', xofPerUnit: 0 }, 'admin')).toEqual({
      month: 'flows.error.month',
      xofPerUnit: 'flows.error.rate',
    });
  });
});

describe('importing rates', () => {
  it('saves every line as a month’s record, and an existing month only where it changed', async () => {
    await saveFlow(
      db,
      'exchangeRates',
      '',
      null,
      { currency: 'EUR', month: '2026-03', xofPerUnit: 655.957, source: '' },
      'supervisor',
    );
    const { rates, errors } = parseRatesCsv('EUR,2026-03,655.957\nUSD,2026-03,603.5,BCEAO\nUSD,2026-04,601');
    expect(errors).toEqual([]);
    await importRates(db, rates, 'admin');
    expect((await listRates(db)).map((r) => [r.id, r.xofPerUnit, r.source])).toEqual([
      ['EUR:2026-03', 655.957, ''],
      ['USD:2026-03', 603.5, 'BCEAO'],
      ['USD:2026-04', 601, ''],
    ]);
    // The euro rate was already that: nothing more for it in the outbox.
    expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([
      'EUR:2026-03',
      'USD:2026-03',
      'USD:2026-04',
    ]);
    await expect(importRates(db, rates, 'focal_point')).rejects.toThrow(EditInvalidError);
  });
});

describe('planned disbursements', () => {
  it('are never negative and end after they start', () => {
    const planned = {
      type: '1',
      periodStart: '2026-04-01',
      periodEnd: '2026-03-31',
      value: -5,
      currency: 'XOF',
      valueDate: '2026-04-01',
      providerOrgId: null,
      receiverOrgId: null,
    };
    expect(flowProblems('plannedDisbursements', planned, 'supervisor')).toEqual({
      value: 'flows.error.amountNegative',
      periodEnd: 'edit.error.endBeforeStart',
    });
  });
});

describe('transactions imported from a CSV', () => {
  it('saves every row with its outbox mutation, or none when one is refused', async () => {
    const good = { ...disbursement, providerOrgId: null, projectId: 'p1' };
    await expect(
      importTransactions(db, 'p1', [good, { ...good, value: Number.NaN }], 'supervisor'),
    ).rejects.toThrow(EditInvalidError);
    expect(await listTransactions(db, 'p1')).toEqual([]);
    expect(await db.outbox.count()).toBe(0);
    await importTransactions(db, 'p1', [good, { ...good, type: '4', value: 900 }], 'supervisor');
    expect((await listTransactions(db, 'p1')).map((t) => [t.type, t.value]).sort()).toEqual([
      ['3', 25_000],
      ['4', 900],
    ]);
    expect(await db.outbox.count()).toBe(2);
    await expect(importTransactions(db, 'p1', [good], 'focal_point')).rejects.toThrow(EditInvalidError);
  });
});
