import { z } from 'zod/mini';
import type { Table } from '../../core/export/csv';
import { toCsv } from '../../core/export/csv';
import { submissionsGeoJson, type Feature } from '../../core/export/geojson';
import { GEO_PRECISION_MAX } from '../../core/export/geoPrecision';
import { personalFieldNames, submissionTables } from '../../core/export/submissionTables';
import { UI_LANGUAGES } from '../../core/i18n/uiLanguages';
import { FormVersion } from '../../core/records/formVersion';
import type { Submission } from '../../core/records/submission';
import type { ExportFile } from '../export/buildExport';
import type { StoredVersion, VersionStatus } from '../export/ExportReads';
import { tablesToXlsx } from '../export/xlsx';
import type { StorageOps } from '../storage/Storage';
import { parseVersion, type PersonSearch } from './findPerson';

export const ACCESS_FORMATS = ['csv', 'hxl', 'xlsx', 'geojson', 'json'] as const;

/** How the person's records are written; personal answers are always in: they are the point. */
export const AccessFormat = z.object({
  format: z.enum(ACCESS_FORMATS),
  lang: z._default(z.enum(UI_LANGUAGES), 'fr'),
  codes: z._default(z.boolean(), false),
  geoPrecision: z.optional(z.int().check(z.gte(0), z.lte(GEO_PRECISION_MAX))),
});
export type AccessFormat = z.infer<typeof AccessFormat>;

interface Version {
  submission: Submission;
  status: VersionStatus;
  rootId: string;
}

/**
 * The person's records: every version (current, earlier, concurrent) of every submission in which the value
 * was found in some version, so a name corrected since is still answered with the record as it stands now.
 * Tables and GeoJSON use each form's latest version, as exports do, with two more columns on the submissions'
 * table: `VersionStatus` and `Replaces`; `json` holds every version exactly as stored, with the reviews and
 * review history about them (comments may name the person), answers to questions a later version dropped
 * included.
 */
export async function accessExport(
  storage: StorageOps,
  projectId: string,
  found: PersonSearch,
  how: AccessFormat,
  generatedAt: Date,
): Promise<ExportFile[]> {
  const roots = [...new Set(found.matches.map((m) => m.rootId))];
  const versions = (await storage.exports.chains(projectId, roots)).flatMap(versionOf);
  if (how.format === 'json') return [await jsonFile(storage, projectId, versions, generatedAt)];

  const latest = await latestForms(storage, projectId);
  const options = {
    lang: how.lang,
    codes: how.codes,
    includePersonal: true,
    ...(how.geoPrecision === undefined ? {} : { geoPrecision: how.geoPrecision }),
  };
  const byForm = new Map<string, Version[]>();
  for (const v of versions) byForm.set(v.submission.formId, [...(byForm.get(v.submission.formId) ?? []), v]);
  const tables: Table[] = [];
  const features: Feature[] = [];
  const personalFields: string[] = [];
  for (const [formId, list] of byForm) {
    const form = latest.get(formId)?.definition;
    if (!form) continue;
    personalFields.push(...personalFieldNames(form));
    const submissions = list.map((v) => v.submission);
    const formTables = submissionTables(form, submissions, options);
    const [main, ...repeats] = formTables;
    if (main) tables.push(withVersions(main, list), ...repeats);
    for (const f of submissionsGeoJson(form, submissions, options).features) {
      const v = list.find((x) => x.submission.id === f.properties.KEY);
      features.push({
        ...f,
        properties: {
          ...f.properties,
          form: formId,
          VersionStatus: v?.status ?? '',
          Replaces: v?.submission.replaces ?? '',
        },
      });
    }
  }
  const base = { records: versions.length, personalFields };
  if (how.format === 'geojson')
    return [
      {
        name: `person-${projectId}.geojson`,
        contentType: 'application/geo+json',
        body: JSON.stringify({ type: 'FeatureCollection', features }),
        ...base,
      },
    ];
  if (how.format === 'xlsx')
    return [
      {
        name: `person-${projectId}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: tablesToXlsx(tables, true),
        ...base,
      },
    ];
  return tables.map((t) => ({
    name: `${t.name}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: toCsv(t, how.format === 'hxl'),
    ...base,
  }));
}

function versionOf(stored: StoredVersion): Version[] {
  const submission = parseVersion(stored);
  return submission ? [{ submission, status: stored.status, rootId: stored.rootId }] : [];
}

/** The submissions' table with where each row stands among its versions (rows are in `list`'s order). */
function withVersions(table: Table, list: readonly Version[]): Table {
  return {
    ...table,
    header: [...table.header, 'VersionStatus', 'Replaces'],
    hxl: [...table.hxl, '#meta+status', '#meta+id+replaces'],
    rows: table.rows.map((row, i) => [...row, list[i]?.status ?? '', list[i]?.submission.replaces ?? '']),
  };
}

async function latestForms(storage: StorageOps, projectId: string): Promise<Map<string, FormVersion>> {
  const rows = await storage.exports.rows('forms', { projects: [projectId] }, projectId);
  const latest = new Map<string, FormVersion>();
  for (const row of rows) {
    const parsed = FormVersion.safeParse(row.data);
    if (!parsed.success) continue;
    const known = latest.get(parsed.data.formId);
    if (!known || parsed.data.publishedAt > known.publishedAt) latest.set(parsed.data.formId, parsed.data);
  }
  return latest;
}

async function jsonFile(
  storage: StorageOps,
  projectId: string,
  versions: readonly Version[],
  generatedAt: Date,
): Promise<ExportFile> {
  const ids = versions.map((v) => v.submission.id);
  const about = await storage.exports.aboutSubmissions(projectId, ids);
  const body = {
    project: projectId,
    generatedAt: generatedAt.toISOString(),
    submissions: versions.map((v) => ({
      ...v.submission,
      versionStatus: v.status,
      rootId: v.rootId,
      reviews: about
        .filter((r) => r.submissionId === v.submission.id)
        .map((r) => ({ table: r.tbl, ...r.data })),
    })),
  };
  return {
    name: `person-${projectId}.json`,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(body, null, 2),
    records: versions.length,
    personalFields: [],
  };
}
