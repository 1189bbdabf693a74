import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { putServerRecord } from '../../../src/server/catalog';
import { applyImport, type ImportReport } from '../../../src/server/iati/applyImport';
import { readIatiText } from '../../../src/server/iati/commands';
import { organisationIdFor, projectIdFor } from '../../../src/server/iati/readActivities';
import type { Storage } from '../../../src/server/storage/Storage';
import { backends, type TestDatabase } from '../backends';

const SAMPLE = readFileSync(new URL('./files/sample.xml', import.meta.url), 'utf8');
const PROJECT = projectIdFor('ML-NIF-0042-WASH-01');
const ADMIN_SCOPE = { userId: 'nobody', allProjects: true, ownSubmissionsOnly: false };
const T0 = new Date('2026-11-02T08:00:00Z');
const later = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

const run = (storage: Storage, xml: string, at: Date, dryRun = false): Promise<ImportReport> =>
  applyImport(storage, readIatiText(xml), { dryRun, at, userId: null, fileName: 'sample.xml' });

const actions = (report: ImportReport): Record<string, string> =>
  Object.fromEntries(report.records.map((r) => [`${r.tbl}:${r.source}`, r.action]));

describe.each(backends)('IATI import ($name)', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.create();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('a dry run reports what would be created and writes nothing', async () => {
    const report = await run(db.storage, SAMPLE, T0, true);
    expect(report.records.filter((r) => r.action === 'created')).toHaveLength(7);
    expect(await db.storage.pullChanges(ADMIN_SCOPE, 0, 500)).toEqual([]);
    expect(await db.storage.listAudit(50, { action: 'iati.' })).toEqual([]);
  });

  it('creates records with server_seqs devices pull, audited as the operator', async () => {
    const report = await run(db.storage, SAMPLE, T0);
    expect(new Set(report.records.map((r) => r.action))).toEqual(new Set(['created']));
    const pulled = await db.storage.pullChanges(ADMIN_SCOPE, 0, 500);
    expect(pulled.map((e) => e.tbl).sort()).toEqual(
      [
        'indicatorValues',
        'indicators',
        'organisations',
        'organisations',
        'plannedDisbursements',
        'projects',
        'transactions',
      ].sort(),
    );
    const project = pulled.find((e) => e.tbl === 'projects');
    expect(project?.id).toBe(PROJECT);
    expect(project?.data).toMatchObject({ code: 'ML-NIF-0042-WASH-01', status: 'active' });
    const tx = pulled.find((e) => e.tbl === 'transactions');
    const orgs = pulled.filter((e) => e.tbl === 'organisations');
    expect(orgs.map((o) => o.data?.iatiId).sort()).toEqual(['ML-NIF-0042', 'XM-DAC-41114']);
    const undp = orgs.find((o) => o.data?.iatiId === 'XM-DAC-41114')?.id;
    expect(tx?.data?.providerOrgId).toBe(undp);
    expect(pulled.find((e) => e.tbl === 'plannedDisbursements')?.data).toMatchObject({
      type: '1',
      periodStart: '2026-07-01',
      periodEnd: '2026-12-31',
      value: 30000,
      currency: 'EUR',
      providerOrgId: undp,
      receiverOrgId: null,
    });
    const audit = await db.storage.listAudit(50, { action: 'iati.' });
    expect(audit).toHaveLength(7);
    expect(audit.every((a) => a.userId === null)).toBe(true);

    // The same file again changes nothing: no new server_seq.
    const again = await run(db.storage, SAMPLE, later(5));
    expect(new Set(again.records.map((r) => r.action))).toEqual(new Set(['unchanged']));
    const max = Math.max(...pulled.map((e) => e.serverSeq));
    expect(await db.storage.pullChanges(ADMIN_SCOPE, max, 500)).toEqual([]);
  });

  it('updates what the file changed and keeps, as a conflict, what Terrain edited since', async () => {
    await run(db.storage, SAMPLE, T0);
    // Edits made in Terrain after the import: the title and the status.
    await db.storage.transaction((tx) =>
      putServerRecord(
        tx,
        'projects',
        { id: PROJECT, title: { fr: 'Titre de Terrain' }, status: 'suspended' },
        null,
        later(10),
      ),
    );
    // The publisher changes the title and the budget; the status stays.
    const v2 = SAMPLE.replace('Eau potable à Gao', 'Eau potable à Gao et Ansongo').replace(
      '>50000000<',
      '>60000000<',
    );
    const dry = await run(db.storage, v2, later(20), true);
    const dryProject = dry.records.find((r) => r.tbl === 'projects');
    expect(dryProject).toMatchObject({ action: 'updated', updated: ['budgets'], conflicts: ['title'] });
    expect(await db.storage.listConflicts({ projects: 'all', state: 'all', limit: 50 })).toEqual([]);

    const report = await run(db.storage, v2, later(20));
    expect(report.records.find((r) => r.tbl === 'projects')).toMatchObject({
      updated: ['budgets'],
      conflicts: ['title'],
    });
    const project = await db.storage.getEntity('projects', PROJECT);
    expect(project?.data).toMatchObject({
      title: { fr: 'Titre de Terrain' },
      status: 'suspended',
      budgets: [{ value: 60000000 }],
    });
    const conflicts = await db.storage.listConflicts({ projects: 'all', state: 'all', limit: 50 });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      tbl: 'projects',
      recordId: PROJECT,
      field: 'title',
      losing: { value: { fr: 'Eau potable à Gao et Ansongo', en: 'Drinking water in Gao' } },
      winning: { value: { fr: 'Titre de Terrain' } },
    });

    // Importing the same file again logs nothing new: the file did not change since.
    const again = await run(db.storage, v2, later(30));
    expect(again.records.every((r) => r.conflicts.length === 0 && r.action === 'unchanged')).toBe(true);
    expect(await db.storage.listConflicts({ projects: 'all', state: 'all', limit: 50 })).toHaveLength(1);
  });

  it('matches a project made in Terrain by its code, and never overwrites it silently', async () => {
    await db.storage.transaction(async (tx) => {
      await tx.ensureProjectRow('gao-wash', null, T0.toISOString());
      await putServerRecord(
        tx,
        'projects',
        { id: 'gao-wash', code: 'ML-NIF-0042-WASH-01', title: { fr: 'Eau Gao' }, organisationId: null },
        null,
        T0,
      );
    });
    const report = await run(db.storage, SAMPLE, later(1));
    const project = report.records.find((r) => r.tbl === 'projects');
    expect(project?.id).toBe('gao-wash');
    expect(project?.conflicts).toContain('title');
    // Fields Terrain never set are filled; the title it gave is kept.
    expect(project?.updated).toContain('sectors');
    expect(project?.updated).not.toContain('title');
    expect(actions(report)['indicators:ML-NIF-0042-WASH-01']).toBe('created');
    const indicator = (await db.storage.pullChanges(ADMIN_SCOPE, 0, 500)).find((e) => e.tbl === 'indicators');
    expect(indicator?.projectId).toBe('gao-wash');
  });

  it('reads an activity’s contact into its reporting organisation, the file’s parts as any field', async () => {
    const ORG = organisationIdFor('ML-NIF-0042');
    const withContact = (parts: string) =>
      SAMPLE.replace(
        '<activity-date type="3" iso-date="2027-12-31"/>',
        `<activity-date type="3" iso-date="2027-12-31"/>
    <contact-info type="2"><email>presse@adn.org</email></contact-info>
    <contact-info type="1">${parts}</contact-info>`,
      );
    const v1 = withContact(
      '<organisation><narrative>ADN Mali</narrative></organisation>' +
        '<person-name><narrative>Awa Diallo</narrative></person-name>' +
        '<telephone>+223 20 00 00 01</telephone><telephone>+223 20 00 00 02</telephone>' +
        '<email>suivi@adn.org</email><website>adn.org</website>' +
        '<mailing-address><narrative>BP 12, Gao</narrative></mailing-address>',
    );
    const first = await run(db.storage, v1, T0);
    const created = first.records.find((r) => r.id === ORG);
    // The general enquiries contact (type 1), not the press one; a website that is no http(s) URL is not kept.
    expect(created).toMatchObject({
      action: 'created',
      notes: [
        {
          code: 'field_invalid',
          params: { field: 'contactWebsite' },
          message: 'contactWebsite left out: not a valid value',
        },
      ],
    });
    expect((await db.storage.getEntity('organisations', ORG))?.data).toMatchObject({
      name: 'ADN Mali',
      contactPerson: 'Awa Diallo',
      contactTelephone: '+223 20 00 00 01',
      contactEmail: 'suivi@adn.org',
      contactWebsite: '',
      contactAddress: 'BP 12, Gao',
      contactDepartment: '',
    });
    // A supervisor changes the email in Terrain; the publisher then changes the email and the person.
    await db.storage.transaction((tx) =>
      putServerRecord(tx, 'organisations', { id: ORG, contactEmail: 'terrain@adn.org' }, null, later(1)),
    );
    const v2 = withContact(
      '<person-name><narrative>Moussa Keïta</narrative></person-name><email>info@adn.org</email>',
    );
    const second = await run(db.storage, v2, later(2));
    expect(second.records.find((r) => r.id === ORG)).toMatchObject({
      action: 'updated',
      updated: ['contactPerson'],
      conflicts: ['contactEmail'],
    });
    // Parts the file no longer gives keep Terrain's value.
    expect((await db.storage.getEntity('organisations', ORG))?.data).toMatchObject({
      contactPerson: 'Moussa Keïta',
      contactEmail: 'terrain@adn.org',
      contactTelephone: '+223 20 00 00 01',
    });
    const conflicts = await db.storage.listConflicts({ projects: 'all', state: 'all', limit: 50 });
    expect(conflicts).toMatchObject([
      { tbl: 'organisations', field: 'contactEmail', losing: { value: 'info@adn.org' } },
    ]);
  });

  it('skips a record deleted in Terrain', async () => {
    await run(db.storage, SAMPLE, T0);
    await db.storage.transaction((tx) =>
      putServerRecord(tx, 'projects', { id: PROJECT, deleted: true }, null, later(1)),
    );
    const report = await run(db.storage, SAMPLE, later(2));
    expect(report.records.find((r) => r.tbl === 'projects')).toMatchObject({
      action: 'skipped',
      notes: [{ code: 'deleted_in_terrain', params: {}, message: 'deleted in Terrain' }],
    });
  });
});
