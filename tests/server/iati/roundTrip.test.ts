import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activityIdentifier } from '../../../src/core/export/iatiActivityParts';
import { toIatiXml } from '../../../src/core/export/iati';
import { buildExport, ExportRequest } from '../../../src/server/export/buildExport';
import { readIatiText } from '../../../src/server/iati/commands';
import { applyImport } from '../../../src/server/iati/applyImport';
import type { FlowPlan, IatiActivity, IatiFile } from '../../../src/server/iati/readActivities';
import {
  demoProject,
  donor,
  gao,
  organisationArb,
  projectArb,
  validateIati,
} from '../../core/export/iatiFixtures';
import { backends, type TestDatabase } from '../backends';

const SAMPLE = readFileSync(new URL('./files/sample.xml', import.meta.url), 'utf8');
const AT = new Date('2026-11-02T08:00:00Z');

/** What a round trip keeps of an activity: everything the export writes back. */
function kept(a: IatiActivity): unknown {
  const p = a.project;
  return {
    identifier: a.identifier,
    orgs: a.orgRefs,
    dates: [p.plannedStart, p.actualStart, p.plannedEnd, p.actualEnd],
    status: p.status,
    title: p.title,
    sectors: p.sectors,
    locations: p.locations,
    budgets: p.budgets,
    indicators: a.indicators.map((i) => i.fields),
    values: a.values.map((v) => v.fields),
  };
}
/** A transaction or planned disbursement as the file says it (not its position-made key). */
const flow = ({ fields, providerRef, receiverRef }: FlowPlan): unknown => ({
  fields,
  providerRef,
  receiverRef,
});
const organisations = (f: IatiFile): unknown =>
  f.organisations
    .map((o) => ({ ref: o.ref, type: o.type, name: o.name }))
    .sort((x, y) => x.ref.localeCompare(y.ref));

describe.each(backends)('IATI import then export ($name)', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.create();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('gives a schema-valid file with the same identifiers, organisations, dates, sectors, locations, budgets and results', async () => {
    const original = readIatiText(SAMPLE);
    await applyImport(db.storage, original, { dryRun: false, at: AT, userId: null, fileName: 'sample.xml' });
    const [file] = await buildExport(
      db.storage,
      'operator',
      ExportRequest.parse({ format: 'iati', lang: 'fr' }),
      AT,
    );
    const xml = String(file?.body);
    expect(await validateIati(xml)).toEqual({ valid: true, errors: [] });
    const again = readIatiText(xml);
    expect(again.activities.map(kept)).toEqual(original.activities.map(kept));
    expect(organisations(again)).toEqual(organisations(original));
  });

  it('keeps transactions and planned disbursements through the round trip', async () => {
    const original = readIatiText(SAMPLE);
    await applyImport(db.storage, original, { dryRun: false, at: AT, userId: null, fileName: 'sample.xml' });
    const [file] = await buildExport(
      db.storage,
      'operator',
      ExportRequest.parse({ format: 'iati', lang: 'fr' }),
      AT,
    );
    const again = readIatiText(String(file?.body));
    const flows = (f: IatiFile) =>
      f.activities.map((a) => ({ transactions: a.transactions.map(flow), planned: a.planned.map(flow) }));
    expect(flows(again)).toEqual(flows(original));
    expect(flows(original)[0]?.transactions).toHaveLength(1);
    expect(flows(original)[0]?.planned).toHaveLength(1);
  });
});

describe.each(backends)('IATI contact round trip ($name)', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.create();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('export, import, export keeps the reporting organisation’s contact-info', async () => {
    const first = toIatiXml({
      projects: [demoProject],
      organisations: [gao, donor],
      indicators: [],
      indicatorValues: [],
      generatedAt: AT.toISOString(),
    }).xml!;
    const contactOf = (xml: string) => xml.match(/<contact-info .*?<\/contact-info>/g);
    expect(contactOf(first)).toHaveLength(1);
    await applyImport(db.storage, readIatiText(first), {
      dryRun: false,
      at: AT,
      userId: null,
      fileName: 'first.xml',
    });
    const [file] = await buildExport(
      db.storage,
      'operator',
      ExportRequest.parse({ format: 'iati', lang: 'fr' }),
      AT,
    );
    const again = String(file?.body);
    expect(await validateIati(again)).toEqual({ valid: true, errors: [] });
    expect(contactOf(again)).toEqual(contactOf(first));
  });
});

/** Identifiers as publishers write them (the export keeps no control character: XML cannot hold one). */
const code = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,40}$/);
/** DAC sectors whose percentages add up to 100, as IATI (and our reader) asks. */
const sectors = fc.oneof(
  fc.constant([] as { code: string; percentage: number }[]),
  fc.stringMatching(/^\d{5}$/).map((c) => [{ code: c, percentage: 100 }]),
  fc
    .tuple(fc.stringMatching(/^\d{5}$/), fc.stringMatching(/^\d{5}$/), fc.integer({ min: 0, max: 100 }))
    .map(([a, b, p]) => [
      { code: a, percentage: p },
      { code: b, percentage: 100 - p },
    ]),
);

describe('import(export(x))', () => {
  it('preserves the activity identifiers, organisations, sectors and dates', () => {
    fc.assert(
      fc.property(projectArb, organisationArb, code, sectors, (generated, reporting, projectCode, dac) => {
        const project = { ...generated, code: projectCode, sectors: dac };
        const org = { ...reporting, id: 'rep', iatiId: reporting.iatiId ?? 'XM-DAC-41114', deleted: false };
        const input = {
          projects: [{ ...project, organisationId: 'rep', deleted: false, participatingOrgs: [] }],
          organisations: [org],
          indicators: [],
          indicatorValues: [],
          generatedAt: '2026-11-02T08:00:00Z',
        };
        const { xml } = toIatiXml(input);
        if (xml === null) return; // IATI refuses it (no start date or sector): nothing to read back.
        const [activity] = readIatiText(xml).activities;
        expect(activity?.identifier).toBe(activityIdentifier(input.projects[0]!, org.iatiId).trim());
        expect(activity?.orgRefs.reporting).toBe(org.iatiId);
        expect(activity?.project.sectors).toEqual(
          project.sectors.map((s) => ({ code: s.code, percentage: s.percentage })),
        );
        expect(activity?.project.plannedEnd).toBe(project.plannedEnd);
      }),
      { numRuns: 200 },
    );
  });
});
