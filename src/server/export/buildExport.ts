import { z } from 'zod/mini';
import { toCsv, UTF8_BOM } from '../../core/export/csv';
import { projectsGeoJson, submissionsGeoJson } from '../../core/export/geojson';
import { GEO_PRECISION_MAX, roundCoordinate } from '../../core/export/geoPrecision';
import { toIatiXml } from '../../core/export/iati';
import { toIatiOrganisationsXml } from '../../core/export/iatiOrganisations';
import { personalFieldNames, submissionTables, type TableOptions } from '../../core/export/submissionTables';
import { UI_LANGUAGES } from '../../core/i18n/uiLanguages';
import { FormVersion } from '../../core/records/formVersion';
import { Indicator } from '../../core/records/indicator';
import { IndicatorValue } from '../../core/records/indicatorValue';
import { IatiOrgIdentifier } from '../../core/records/iatiCodes';
import { Organisation } from '../../core/records/organisation';
import { PlannedDisbursement } from '../../core/records/plannedDisbursement';
import { Project } from '../../core/records/project';
import { Submission } from '../../core/records/submission';
import { Transaction } from '../../core/records/transaction';
import { hasRole } from '../../core/records/user';
import { HttpError } from '../http/errors';
import type { StorageOps, UserRecord } from '../storage/Storage';
import type { ExportScope } from './ExportReads';
import { iatiPublicUrl, iatiSettings } from './iatiSettings';
import { withServedDocuments } from '../media/projectDocuments';
import { parseAll } from './parseRows';
import { tablesToXlsx } from './xlsx';

export const EXPORT_FORMATS = ['csv', 'hxl', 'xlsx', 'geojson', 'iati', 'iati-organisations'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an export asks for; the API's query and the CLI's options both parse into it. */
export const ExportRequest = z.object({
  format: z.enum(EXPORT_FORMATS),
  project: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  form: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))),
  lang: z._default(z.enum(UI_LANGUAGES), 'fr'),
  /** Choice codes rather than labels. */
  codes: z._default(z.boolean(), false),
  /** The answers of personal questions too (supervisors and admins only; see `mayIncludePersonal`). */
  includePersonal: z._default(z.boolean(), false),
  /** Decimals of every latitude and longitude written (0 to 8); full precision when absent. */
  geoPrecision: z.optional(z.int().check(z.gte(0), z.lte(GEO_PRECISION_MAX))),
  /**
   * IATI only: the projects this organisation reports (its IATI identifier), as its own publication on the
   * IATI Registry holds nothing else.
   */
  organisation: z.optional(IatiOrgIdentifier),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

/** The filters of an export as the audit log records them (what was asked, not what was found). */
export function exportFilters(request: ExportRequest): Record<string, unknown> {
  return {
    project: request.project ?? null,
    form: request.form ?? null,
    lang: request.lang,
    codes: request.codes,
    includePersonal: request.includePersonal,
    geoPrecision: request.geoPrecision ?? null,
    ...(request.organisation === undefined ? {} : { organisation: request.organisation }),
  };
}

/**
 * Who may take personal answers out of Terrain in a file: supervisors and admins (and the operator at the
 * console). Focal points read them one submission at a time to review; a file of them all is the project
 * managers' decision, as the issue of personal data says.
 */
export function mayIncludePersonal(who: Exporter): boolean {
  return who === 'operator' || hasRole(who.role, 'supervisor');
}

export const PERSONAL_REFUSED =
  'Only supervisors and admins may include personal data in an export: leave includePersonal out';

export interface ExportFile {
  name: string;
  contentType: string;
  body: string | Uint8Array;
  /** What the operator should know (e.g. projects left out of an IATI file, which also says so inside). */
  notes?: string[];
  /** How many records the export holds (submissions, projects or activities), for the audit log. */
  records?: number;
  /** The form's personal questions: left out, or included on purpose (`includePersonal`), for the audit log. */
  personalFields?: string[];
}

/** Who runs the export: a user of the API, or the CLI (the operator, who sees everything). */
export type Exporter = UserRecord | 'operator';

async function scopeOf(
  storage: StorageOps,
  who: Exporter,
  project: string | undefined,
): Promise<ExportScope> {
  const projects =
    who === 'operator' || who.role === 'admin' ? 'all' : await storage.memberProjectIds(who.id);
  if (project !== undefined && projects !== 'all' && !projects.includes(project))
    throw new HttpError('forbidden', 'You are not a member of this project');
  return {
    projects,
    ...(who !== 'operator' && who.role === 'agent' ? { ownSubmissionsOf: who.id } : {}),
  };
}

/**
 * The latest published version of the form: its columns are the export's (older answers fill what they can).
 * Form ids are each project's own: when several of the projects the exporter sees publish this id, they are
 * different forms, and the exporter chooses the project (those projects are theirs to see).
 */
async function latestForm(
  storage: StorageOps,
  scope: ExportScope,
  request: ExportRequest,
): Promise<FormVersion> {
  const versions = parseAll(await storage.exports.rows('forms', scope, request.project), FormVersion).filter(
    (v) => v.formId === request.form,
  );
  const projects = [...new Set(versions.map((v) => v.projectId))].sort();
  if (projects.length > 1)
    throw new HttpError(
      'validation',
      `Form ${request.form ?? ''} is published in several of your projects (${projects.join(', ')}): ` +
        'choose one (project=… in the API, --project on the command line)',
      { projects },
    );
  const latest = versions.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))[0];
  if (!latest) throw new HttpError('not_found', `No form ${request.form ?? ''} in your projects`);
  return latest;
}

/** The submissions of the form in its own project (another project's form of the same id is another form). */
async function submissionsOf(
  storage: StorageOps,
  scope: ExportScope,
  form: FormVersion,
): Promise<Submission[]> {
  const rows = await storage.exports.rows('submissions', scope, form.projectId);
  return parseAll(rows, Submission, (row) => ({ id: row.id, createdBy: row.createdBy ?? '' })).filter(
    (s) => s.formId === form.formId,
  );
}

/**
 * The username and name of who submitted each of `submissions` (people the exporter may see the records of),
 * for the exports' SubmitterUsername and SubmitterName columns.
 */
async function submittersOf(
  storage: StorageOps,
  submissions: readonly Submission[],
): Promise<Record<string, { username: string; name: string }>> {
  const ids = new Set(submissions.map((s) => s.createdBy));
  const out: Record<string, { username: string; name: string }> = {};
  for (const user of await storage.listUsers())
    if (ids.has(user.id)) out[user.id] = { username: user.username, name: user.displayName };
  return out;
}

/**
 * The files of one export, with the exporter's rights: members see their projects (admins and the CLI
 * all), agents only their own submissions, and IATI (published to the world) is for supervisors and admins,
 * or focal points for the projects they are the focal point of.
 */
export async function buildExport(
  storage: StorageOps,
  who: Exporter,
  request: ExportRequest,
  now: Date,
): Promise<ExportFile[]> {
  if (request.includePersonal && !mayIncludePersonal(who)) throw new HttpError('forbidden', PERSONAL_REFUSED);
  if (request.organisation !== undefined && !request.format.startsWith('iati'))
    throw new HttpError(
      'validation',
      'organisation= chooses the reporting organisation of an IATI export only',
    );
  const scope = await scopeOf(storage, who, request.project);
  const options = {
    lang: request.lang,
    codes: request.codes,
    includePersonal: request.includePersonal,
    ...(request.geoPrecision === undefined ? {} : { geoPrecision: request.geoPrecision }),
  };
  if (request.format === 'csv' || request.format === 'hxl' || request.format === 'xlsx') {
    if (request.form === undefined)
      throw new HttpError('validation', `A ${request.format} export needs a form`);
    const version = await latestForm(storage, scope, request);
    const form = version.definition;
    const personalFields = personalFieldNames(form);
    const submissions = await submissionsOf(storage, scope, version);
    const submitters = await submittersOf(storage, submissions);
    const tables = submissionTables(form, submissions, { ...options, submitters });
    if (request.format === 'xlsx')
      return [
        {
          name: `${form.id}.xlsx`,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          // The HXL row too: HXL tools read spreadsheets, and a row of hashtags is harmless elsewhere.
          body: tablesToXlsx(tables, true),
          records: submissions.length,
          personalFields,
        },
      ];
    return tables.map((t) => ({
      name: `${t.name}.csv`,
      contentType: 'text/csv; charset=utf-8',
      // csv is opened in spreadsheets, so it starts with the byte-order mark Excel needs to read UTF-8;
      // hxl is read by HXL tools, which take plain UTF-8, as it always was.
      body: request.format === 'csv' ? UTF8_BOM + toCsv(t, false) : toCsv(t, true),
      records: submissions.length,
      personalFields,
    }));
  }
  if (request.format === 'geojson') {
    const { body, personalFields } =
      request.form === undefined
        ? {
            body: projectsGeoJson(
              parseAll(await storage.exports.rows('projects', scope, request.project), Project),
              request.lang,
              request.geoPrecision,
            ),
            personalFields: [],
          }
        : await formGeoJson(storage, scope, request, options);
    return [
      {
        name: `${request.form ?? 'projects'}.geojson`,
        contentType: 'application/geo+json',
        body: JSON.stringify(body),
        records: body.features.length,
        personalFields,
      },
    ];
  }
  return [await iatiExport(storage, who, scope, request, now)];
}

async function formGeoJson(
  storage: StorageOps,
  scope: ExportScope,
  request: ExportRequest,
  options: TableOptions,
) {
  const version = await latestForm(storage, scope, request);
  const submissions = await submissionsOf(storage, scope, version);
  return {
    body: submissionsGeoJson(version.definition, submissions, options),
    personalFields: personalFieldNames(version.definition),
  };
}

async function iatiExport(
  storage: StorageOps,
  who: Exporter,
  scope: ExportScope,
  request: ExportRequest,
  now: Date,
): Promise<ExportFile> {
  if (who !== 'operator' && who.role === 'agent')
    throw new HttpError('forbidden', 'Agents do not publish IATI files');
  // IATI holds no submissions, so no personal answers; its projects' points are rounded like any coordinate.
  let projects = parseAll(await storage.exports.rows('projects', scope, request.project), Project).map((p) =>
    coarsenedProject(p, request.geoPrecision),
  );
  if (who !== 'operator' && !hasRole(who.role, 'supervisor')) {
    projects = projects.filter((p) => p.focalPointId === who.id);
    if (projects.length === 0)
      throw new HttpError('forbidden', 'IATI files are for supervisors, or the focal point of the project');
  }
  // Organisations are shared by every project: the reporting and participating ones may belong to any.
  const organisations = parseAll(
    await storage.exports.rows('organisations', { projects: 'all' }),
    Organisation,
  );
  if (request.organisation !== undefined) {
    const reporting = new Set(
      organisations.filter((o) => o.iatiId === request.organisation).map((o) => o.id),
    );
    projects = projects.filter((p) => p.organisationId !== null && reporting.has(p.organisationId));
    if (projects.length === 0)
      throw new HttpError('not_found', `No project of yours is reported by ${request.organisation}`);
  }
  const ids = new Set(projects.map((p) => p.id));
  const indicators = parseAll(
    await storage.exports.rows('indicators', scope, request.project),
    Indicator,
  ).filter((i) => ids.has(i.projectId));
  const indicatorValues = parseAll(
    await storage.exports.rows('indicatorValues', scope, request.project),
    IndicatorValue,
  ).filter((v) => ids.has(v.projectId));
  // One query per table, for the exported projects only (all of them in the exporter's scope).
  const exported = { projects: [...ids] };
  const transactions =
    ids.size === 0 ? [] : parseAll(await storage.exports.rows('transactions', exported), Transaction);
  const defaults = iatiSettings(process.env);
  if (request.format === 'iati-organisations') {
    const file = toIatiOrganisationsXml({
      projects,
      organisations,
      transactions,
      generatedAt: now.toISOString(),
      defaultLanguage: request.lang,
      defaults,
    });
    if (file.xml === null)
      throw new HttpError('conflict', 'No reporting organisation of these projects has an IATI identifier');
    return {
      name: 'iati-organisations.xml',
      contentType: 'application/xml; charset=utf-8',
      body: file.xml,
      records: file.organisations,
    };
  }
  const plannedDisbursements =
    ids.size === 0
      ? []
      : parseAll(await storage.exports.rows('plannedDisbursements', exported), PlannedDisbursement);
  const { xml, skipped } = toIatiXml({
    // Links only to the documents the public site serves (media/projectDocuments.ts).
    projects: await withServedDocuments(storage.media, projects),
    publicUrl: iatiPublicUrl(process.env),
    organisations,
    indicators,
    indicatorValues,
    transactions,
    plannedDisbursements,
    generatedAt: now.toISOString(),
    defaultLanguage: request.lang,
    defaults,
  });
  if (xml === null) throw new HttpError('conflict', 'No project can be published to IATI yet', { skipped });
  return {
    name: 'iati-activities.xml',
    contentType: 'application/xml; charset=utf-8',
    body: xml,
    notes: skipped.map((s) => `Project ${s.projectId} left out: ${s.reason}`),
    records: projects.length - skipped.length,
  };
}

function coarsenedProject(project: Project, precision: number | undefined): Project {
  if (precision === undefined) return project;
  return {
    ...project,
    locations: project.locations.map((loc) =>
      loc.point
        ? {
            ...loc,
            point: {
              lat: roundCoordinate(loc.point.lat, precision),
              lon: roundCoordinate(loc.point.lon, precision),
            },
          }
        : loc,
    ),
  };
}
