import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indicatorChangeOf, indicatorFormValues } from '../../../src/app/components/edit/indicatorFormValues';
import { projectChangeOf, projectFormValues } from '../../../src/app/components/edit/projectFormValues';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import type { ProjectRecord } from '../../../src/app/db/schema';
import { saveIndicator, type IndicatorChange } from '../../../src/app/repositories/indicatorEdits';
import { EditInvalidError, sameValue } from '../../../src/app/repositories/mergedEdit';
import {
  deleteOrganisation,
  organisationRights,
  saveOrganisation,
} from '../../../src/app/repositories/organisationEdits';
import { projectProblems, saveProject, type ProjectChange } from '../../../src/app/repositories/projectEdits';
import { applyPullPage } from '../../../src/app/sync/applyPullPage';
import { encodeHlc } from '../../../src/core/hlc';
import { Project } from '../../../src/core/records/project';
import { openTestDb } from '../fixtures';
import { indicator } from './coordinationFixtures';

/**
 * The edit pages' repositories (organisations, projects, indicators): each save is the record and its
 * outbox mutation in one transaction, with only the changed fields and the clocks they replace.
 */

const serverHlc = encodeHlc({ wall: Date.parse('2026-11-01T08:00:00.000Z'), counter: 0, node: 'server' });

const pulledProject = Project.parse({
  id: 'p-gao',
  code: 'ML-NIF-1-GAO',
  title: { fr: 'Eau à Gao', en: 'Water in Gao' },
  description: { fr: 'Forages' },
  organisationId: 'org-acf',
  status: 'active',
  participatingOrgs: [{ organisationId: 'org-acf', role: '4' }],
  plannedStart: '2026-01-01',
  plannedEnd: '2027-12-31',
  sectors: [
    { code: '14030', percentage: 60 },
    { code: '31120', percentage: 40 },
  ],
  locations: [{ name: 'Gao', adm1: 'ML07', adm2: null, adm3: null, point: { lat: 16.27, lon: -0.04 } }],
  budgets: [
    {
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      value: 1_000_000,
      currency: 'XOF',
      type: 'original',
    },
  ],
});

/** A record as the server sends it: every field with the server's clock. */
async function pull(table: string, data: Record<string, unknown>) {
  const clocks = Object.fromEntries(
    Object.keys(data)
      .filter((k) => k !== 'id')
      .map((k) => [k, serverHlc]),
  );
  await applyPullPage(db, {
    changes: [{ table, id: String(data.id), serverSeq: 1, op: 'put', data, clocks }],
    cursor: 1,
    hasMore: false,
  });
}

const changeOf = (p: ProjectRecord): ProjectChange => projectChangeOf(projectFormValues(p), p);

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('organisations', () => {
  it('a new one gets a uuid, and its row and put are written together', async () => {
    const saved = await saveOrganisation(
      db,
      null,
      { name: 'Action contre la Faim', acronym: 'ACF', iatiId: 'FR-RCS-123', type: '21' },
      'supervisor',
    );
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db.organisations.get(saved.id)).toMatchObject({
      name: 'Action contre la Faim',
      deleted: false,
    });
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({
      table: 'organisations',
      id: saved.id,
      op: 'put',
      fields: { name: 'Action contre la Faim', acronym: 'ACF', iatiId: 'FR-RCS-123', type: '21' },
    });
  });

  it('refuses what the server would, per field, and writes nothing', async () => {
    const attempt = saveOrganisation(
      db,
      null,
      { name: ' ', acronym: '', iatiId: 'ACF', type: '21' },
      'supervisor',
    );
    await expect(attempt).rejects.toThrow(EditInvalidError);
    const problems = await attempt.catch((e: EditInvalidError) => e.problems);
    expect(problems).toEqual({ name: 'edit.error.orgName', iatiId: 'edit.error.iatiId' });
    const asFocal = await saveOrganisation(
      db,
      null,
      { name: 'X', acronym: '', iatiId: null, type: '22' },
      'focal_point',
    ).catch((e: EditInvalidError) => e.problems);
    expect(asFocal).toEqual({ form: 'edit.error.supervisorOnly' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('checks the contact’s email and website, and sends only the contact parts changed', async () => {
    const base = { name: 'ONG Sahel', acronym: '', iatiId: null, type: '22' } as const;
    const bad = await saveOrganisation(
      db,
      null,
      {
        ...base,
        contactEmail: 'suivi.ong-sahel.org',
        contactWebsite: 'ong-sahel.org',
        contactTelephone: '1'.repeat(51),
      },
      'supervisor',
    ).catch((e: EditInvalidError) => e.problems);
    expect(bad).toEqual({
      contactEmail: 'edit.error.contactEmail',
      contactWebsite: 'edit.error.contactWebsite',
      contactTelephone: 'edit.error.contactTelephone',
    });
    expect(await db.outbox.count()).toBe(0);
    const saved = await saveOrganisation(
      db,
      null,
      { ...base, contactEmail: 'suivi@ong-sahel.org', contactWebsite: 'https://ong-sahel.org' },
      'supervisor',
    );
    // A row stored before organisations had a contact: the form shows '' and a save writes no contact part.
    const { contactEmail: _e, contactWebsite: _w, ...older } = saved;
    await saveOrganisation(
      db,
      saved.id,
      { ...base, name: 'ONG Sahel Eau', contactPerson: '' },
      'supervisor',
      new Date(),
      {
        ...older,
      } as typeof saved,
    );
    const puts = await db.outbox.toArray();
    expect(puts[0]?.fields).toMatchObject({
      contactEmail: 'suivi@ong-sahel.org',
      contactWebsite: 'https://ong-sahel.org',
    });
    expect(puts[1]?.fields).toEqual({ name: 'ONG Sahel Eau' });
  });
});

describe('organisation rights and deletion', () => {
  const acf = { id: 'org-acf', name: 'ACF', acronym: '', iatiId: null, type: '21', deleted: false };

  it('tells what the device can: a named organisation is never offered for deletion', () => {
    const projects = [pulledProject, { ...pulledProject, id: 'p-old', deleted: true }];
    expect(organisationRights('supervisor', 'org-acf', projects)).toMatchObject({
      edit: true,
      delete: false,
      usedBy: [{ id: 'p-gao' }],
    });
    expect(organisationRights('admin', 'org-unicef', projects)).toMatchObject({ edit: true, delete: true });
    expect(organisationRights('focal_point', 'org-unicef', projects)).toMatchObject({
      edit: false,
      delete: false,
    });
  });

  it('refuses to delete an organisation a project on the device names, and writes nothing', async () => {
    await pull('organisations', acf);
    await pull('projects', pulledProject);
    const refused = await deleteOrganisation(db, 'org-acf', 'admin').catch(
      (e: EditInvalidError) => e.problems,
    );
    expect(refused).toEqual({ form: 'edit.org.inUse' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('deletes one nothing on the device names: a tombstone and its delete, based on the clock seen', async () => {
    await pull('organisations', { ...acf, id: 'org-unicef', name: 'UNICEF' });
    await deleteOrganisation(db, 'org-unicef', 'supervisor');
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({
      table: 'organisations',
      id: 'org-unicef',
      op: 'delete',
      fields: {},
      base: { deleted: serverHlc },
    });
    expect(await db.organisations.get('org-unicef')).toMatchObject({ name: 'UNICEF', deleted: true });
  });
});

describe('projects', () => {
  it('an unchanged form writes nothing; a changed title is written alone, based on the clock it replaces', async () => {
    await pull('projects', pulledProject);
    const shown = (await db.projects.get('p-gao'))!;
    await saveProject(db, 'p-gao', changeOf(shown), 'supervisor');
    expect(await db.outbox.count()).toBe(0);

    const values = projectFormValues(shown);
    values.title.en = 'Drinking water in Gao';
    const saved = await saveProject(db, 'p-gao', projectChangeOf(values, shown), 'supervisor');
    const [entry] = await db.outbox.toArray();
    expect(entry?.fields).toEqual({ title: { fr: 'Eau à Gao', en: 'Drinking water in Gao' } });
    expect(entry?.base).toEqual({ title: serverHlc, deleted: serverHlc });
    expect(saved).toMatchObject({ title: { en: 'Drinking water in Gao' }, budgets: pulledProject.budgets });
  });

  it('a colleague’s edit pulled while the form was open is not written back over', async () => {
    await pull('projects', pulledProject);
    const opened = (await db.projects.get('p-gao'))!;
    const values = projectFormValues(opened);
    values.title.fr = 'Eau potable à Gao';
    // Meanwhile a sync brings a colleague's new budget.
    const later = encodeHlc({ wall: Date.parse('2026-11-02T08:00:00.000Z'), counter: 0, node: 'other' });
    const budgets = [...pulledProject.budgets, { ...pulledProject.budgets[0]!, type: 'revised' as const }];
    await applyPullPage(db, {
      changes: [
        {
          table: 'projects',
          id: 'p-gao',
          serverSeq: 2,
          op: 'put',
          data: { ...pulledProject, budgets },
          clocks: {
            ...Object.fromEntries(Object.keys(pulledProject).map((k) => [k, serverHlc])),
            budgets: later,
          },
        },
      ],
      cursor: 2,
      hasMore: false,
    });
    const saved = await saveProject(
      db,
      'p-gao',
      projectChangeOf(values, opened),
      'supervisor',
      new Date(),
      opened,
    );
    expect(Object.keys((await db.outbox.toArray())[0]!.fields)).toEqual(['title']);
    expect(saved.budgets).toEqual(budgets);
    expect(saved.title.fr).toBe('Eau potable à Gao');
  });

  it('lists are written whole when one of their items changes, and nothing else', async () => {
    await pull('projects', pulledProject);
    const shown = (await db.projects.get('p-gao'))!;
    const values = projectFormValues(shown);
    values.budgets.push({
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
      value: '500000',
      currency: 'xof',
      type: 'revised',
    });
    await saveProject(db, 'p-gao', projectChangeOf(values, shown), 'supervisor');
    const [entry] = await db.outbox.toArray();
    expect(Object.keys(entry!.fields)).toEqual(['budgets']);
    expect(entry!.fields.budgets).toHaveLength(2);
    expect((entry!.fields.budgets as { currency: string }[])[1]!.currency).toBe('XOF');
  });

  it('says what is wrong field by field, in message keys the page translates', () => {
    const values = projectFormValues(pulledProject);
    values.code = '';
    values.title = { fr: '', en: ' ' };
    values.sectors[0]!.percentage = '50';
    values.sectors[1]!.code = '311';
    values.locations[0]!.point = { lat: '95', lon: '' };
    values.budgets[0]!.currency = 'F';
    values.budgets[0]!.periodEnd = '2025-12-31';
    values.budgets[0]!.value = 'beaucoup';
    values.plannedEnd = '2025-01-01';
    const problems = projectProblems(projectChangeOf(values, pulledProject), 'supervisor', false);
    expect(problems).toEqual({
      code: 'edit.error.projectCode',
      title: 'edit.error.title',
      sectors: 'edit.error.sectorsTotal',
      'sectors.1.code': 'edit.error.sectorCode',
      'locations.0.point.lat': 'edit.error.lat',
      'locations.0.point.lon': 'edit.error.lon',
      'budgets.0.value': 'edit.error.amount',
      'budgets.0.currency': 'edit.error.currency',
      'budgets.0.periodEnd': 'edit.error.endBeforeStart',
      plannedEnd: 'edit.error.endBeforeStart',
    });
  });

  it('only admins create one (the server’s rule); supervisors edit', async () => {
    const change = changeOf(pulledProject);
    expect(projectProblems(change, 'supervisor', true)).toEqual({ form: 'edit.error.adminOnly' });
    expect(projectProblems(change, 'focal_point', false)).toEqual({ form: 'edit.error.supervisorOnly' });
    const created = await saveProject(db, null, change, 'admin');
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const [entry] = await db.outbox.toArray();
    // Fields at their defaults (no actual dates) are not written: the record's defaults say the same.
    expect(Object.keys(entry!.fields).sort()).toEqual(
      [
        'budgets',
        'code',
        'description',
        'locations',
        'organisationId',
        'participatingOrgs',
        'plannedEnd',
        'plannedStart',
        'sectors',
        'title',
      ].sort(),
    );
    expect(await db.projects.get(created.id)).toMatchObject({ code: 'ML-NIF-1-GAO', status: 'active' });
  });

  it('a project without a description does not get an empty one', async () => {
    const { description: _none, ...bare } = pulledProject;
    await pull('projects', bare);
    const shown = (await db.projects.get('p-gao'))!;
    const values = projectFormValues(shown);
    values.status = 'suspended';
    await saveProject(db, 'p-gao', projectChangeOf(values, shown), 'supervisor');
    expect((await db.outbox.toArray())[0]?.fields).toEqual({ status: 'suspended' });
  });
});

describe('indicators', () => {
  const computed: IndicatorChange = {
    ...indicatorChangeOf(indicatorFormValues(indicator), indicator),
    computation: { formId: 'household', aggregate: 'sum', field: 'members', filter: "${village} = 'gao'" },
  };

  it('a new one carries its project as identity; an edited target is written alone', async () => {
    const created = await saveIndicator(db, 'p-gao', null, computed, 'supervisor');
    expect(created).toMatchObject({ projectId: 'p-gao', code: 'W1', computation: computed.computation });
    const values = indicatorFormValues(created);
    values.targets[1]!.value = '550';
    await saveIndicator(db, 'p-gao', created.id, indicatorChangeOf(values, created), 'supervisor');
    const [first, second] = await db.outbox.toArray();
    expect(first?.fields.projectId).toBe('p-gao');
    expect(second?.fields).toEqual({
      projectId: 'p-gao',
      targets: [
        { period: { start: '2024-01-01', end: '2024-06-30' }, value: 300 },
        { period: { start: '2024-07-01', end: '2024-12-31' }, value: 550 },
      ],
    });
    expect(second?.base).toEqual({ targets: first!.hlc, deleted: first!.hlc });
  });

  it('a computation must be one compute.ts can run', async () => {
    const attempt = await saveIndicator(
      db,
      'p-gao',
      null,
      { ...computed, computation: { formId: 'household', aggregate: 'average', filter: '${village} = ' } },
      'supervisor',
    ).catch((e: EditInvalidError) => e.problems);
    expect(attempt).toEqual({
      'computation.field': 'edit.error.fieldNeeded',
      'computation.filter': 'edit.error.filter',
    });
    const values = indicatorFormValues(indicator);
    values.baseline = { year: '20', value: '' };
    values.targets[0]!.period.end = '2023-01-01';
    values.disaggregations[0]!.name = '2 sexes';
    values.disaggregations[0]!.categories[1]!.label = { fr: ' ', en: '' };
    const problems = await saveIndicator(
      db,
      'p-gao',
      null,
      indicatorChangeOf(values, indicator),
      'supervisor',
    ).catch((e: EditInvalidError) => e.problems);
    expect(problems).toEqual({
      'baseline.year': 'edit.error.year',
      'baseline.value': 'edit.error.number',
      'targets.0.period.end': 'edit.error.endBeforeStart',
      'disaggregations.0.name': 'edit.error.fieldName',
      'disaggregations.0.categories.1.label': 'edit.error.label',
    });
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('form values', () => {
  const sector = fc.record({
    code: fc.stringMatching(/^\d{5}$/),
    percentage: fc.integer({ min: 0, max: 100 }),
  });
  const budget = fc.record({
    periodStart: fc.constant('2026-01-01'),
    periodEnd: fc.constant('2026-12-31'),
    value: fc.double({ min: 0, max: 1e12, noNaN: true }),
    currency: fc.constantFrom('XOF', 'EUR', 'USD'),
    type: fc.constantFrom('original' as const, 'revised' as const),
  });
  const location = fc.record({
    name: fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s !== ''),
    adm1: fc.option(fc.constantFrom('ML07', 'ML06'), { nil: null }),
    adm2: fc.constant(null),
    adm3: fc.constant(null),
    point: fc.option(
      fc.record({
        lat: fc.double({ min: -90, max: 90, noNaN: true }),
        lon: fc.double({ min: -180, max: 180, noNaN: true }),
      }),
      { nil: null },
    ),
  });

  it('read back from the form unchanged, a project is the same value (nothing would be written)', () => {
    fc.assert(
      fc.property(
        fc.array(sector, { maxLength: 4 }),
        fc.array(budget, { maxLength: 3 }),
        fc.array(location, { maxLength: 3 }),
        (sectors, budgets, locations) => {
          const p = { ...pulledProject, sectors, budgets, locations };
          const change = changeOf(p);
          for (const [name, value] of Object.entries(change))
            expect(sameValue(value, p[name as keyof ProjectRecord])).toBe(true);
        },
      ),
    );
  });

  it('equality ignores key order and undefined keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reversed = JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        ) as unknown;
        expect(sameValue(value, reversed)).toBe(true);
      }),
    );
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue([{ a: 1 }], [{ a: 2 }])).toBe(false);
  });
});
