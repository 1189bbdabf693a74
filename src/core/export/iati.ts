import type { LocalizedText } from '../i18n/localized';
import { IATI_ACTIVITY_STATUS } from '../records/iatiCodes';
import type { Indicator } from '../records/indicator';
import type { IndicatorValue } from '../records/indicatorValue';
import type { Organisation } from '../records/organisation';
import type { Project } from '../records/project';
import { escapeXml, xsdDecimal } from './xml';

/**
 * Projects as an IATI Activity Standard 2.03 file (`iati-activities`), valid against the official schema
 * (tests/core/export/iati.test.ts checks it with xmllint). Elements follow the schema's xsd:sequence order,
 * which is what publishers most often get wrong.
 */
export interface IatiInput {
  projects: readonly Project[];
  organisations: readonly Organisation[];
  indicators: readonly Indicator[];
  indicatorValues: readonly IndicatorValue[];
  /** The file's generated-datetime (ISO 8601). */
  generatedAt: string;
  /** The activities' default language (`xml:lang`); narratives of every language are written. */
  defaultLanguage?: string;
  /**
   * IATI GeographicVocabulary of the administrative codes. Mali's codes (ML07, ML0701) are OCHA P-codes,
   * which come from the national boundaries that UN SALB (A2) holds; a publisher may choose another.
   */
  adminVocabulary?: string;
}

export interface IatiExport {
  /** Null when no project could be written (IATI requires at least one activity). */
  xml: string | null;
  /** Projects left out, with why: IATI cannot take them as they are. */
  skipped: { projectId: string; reason: string }[];
}

const IATI_VERSION = '2.03';
const WGS84 = 'http://www.opengis.net/def/crs/EPSG/0/4326';
const ROLE_ACCOUNTABLE = '2';
/** xsd:language, which xml:lang must match; other LocalizedText keys are left out rather than made invalid. */
const XSD_LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
const PREFERRED_LANGUAGES = ['fr', 'en'];

type Attrs = Record<string, string | number | null | undefined>;

function attrs(values: Attrs): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? xsdDecimal(v) : v)}"`)
    .join('');
}

function el(name: string, attributes: Attrs, children: string[] = []): string {
  const open = `<${name}${attrs(attributes)}`;
  return children.length === 0 ? `${open}/>` : `${open}>${children.join('')}</${name}>`;
}

/** The narratives of a text, French and English first; empty texts are left out. */
function narratives(text: LocalizedText | undefined): string[] {
  if (!text) return [];
  const langs = Object.keys(text)
    .filter((lang) => XSD_LANGUAGE.test(lang) && (text[lang] ?? '').trim() !== '')
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return langs.map(
    (lang) => `<narrative xml:lang="${escapeXml(lang)}">${escapeXml(text[lang] ?? '')}</narrative>`,
  );
}

function rank(lang: string): number {
  const i = PREFERRED_LANGUAGES.indexOf(lang);
  return i < 0 ? PREFERRED_LANGUAGES.length : i;
}

/** Narratives of `text`, else one plain narrative of `fallback` (title and description require one). */
function requiredNarratives(text: LocalizedText | undefined, fallback: string): string[] {
  const out = narratives(text);
  return out.length > 0 ? out : [`<narrative>${escapeXml(fallback)}</narrative>`];
}

function orgElement(name: string, org: Organisation, extra: Attrs): string {
  return el(name, { ref: org.iatiId, type: org.type, ...extra }, [
    `<narrative>${escapeXml(org.name)}</narrative>`,
  ]);
}

/** IATI asks an activity identifier to start with its reporting organisation's identifier. */
function activityIdentifier(project: Project, orgId: string): string {
  return project.code.startsWith(`${orgId}-`) ? project.code : `${orgId}-${project.code}`;
}

function activityDates(project: Project): string[] {
  const dates: [string, string | null][] = [
    ['1', project.plannedStart],
    ['2', project.actualStart],
    ['3', project.plannedEnd],
    ['4', project.actualEnd],
  ];
  return dates.flatMap(([type, date]) => (date ? [el('activity-date', { type, 'iso-date': date })] : []));
}

function locations(project: Project, vocabulary: string): string[] {
  return project.locations.map((loc) =>
    el('location', {}, [
      el('name', {}, [`<narrative>${escapeXml(loc.name)}</narrative>`]),
      ...[loc.adm1, loc.adm2, loc.adm3].flatMap((code, i) =>
        code ? [el('administrative', { vocabulary, level: i + 1, code })] : [],
      ),
      ...(loc.point
        ? [
            el('point', { srsName: WGS84 }, [
              `<pos>${xsdDecimal(loc.point.lat)} ${xsdDecimal(loc.point.lon)}</pos>`,
            ]),
          ]
        : []),
    ]),
  );
}

function budgets(project: Project): string[] {
  return project.budgets.map((b) =>
    el('budget', { type: b.type === 'original' ? '1' : '2' }, [
      el('period-start', { 'iso-date': b.periodStart }),
      el('period-end', { 'iso-date': b.periodEnd }),
      `<value${attrs({ currency: b.currency, 'value-date': b.periodStart })}>${xsdDecimal(b.value)}</value>`,
    ]),
  );
}

/**
 * One result per indicator, with a period for every target period and every period with a value entered
 * by hand: the target, the total actual, and one actual per disaggregated value (its categories as
 * dimensions). Rejected and empty values are not reported.
 */
function results(indicators: readonly Indicator[], values: readonly IndicatorValue[]): string[] {
  return indicators.map((indicator) => {
    const own = values.filter(
      (v) =>
        v.indicatorId === indicator.id && !v.deleted && v.value !== null && v.reviewStatus !== 'rejected',
    );
    const periods = new Map<string, { start: string; end: string }>();
    for (const t of indicator.targets) periods.set(`${t.period.start}/${t.period.end}`, t.period);
    for (const v of own)
      periods.set(`${v.periodStart}/${v.periodEnd}`, { start: v.periodStart, end: v.periodEnd });
    const sorted = [...periods.values()].sort(
      (a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end),
    );
    const title = el('title', {}, requiredNarratives(indicator.title, indicator.code));
    return el('result', { type: '1' }, [
      title,
      el(
        'indicator',
        {
          measure: indicator.measure === 'unit' ? '1' : '2',
          ascending: indicator.direction === 'increase' ? '1' : '0',
        },
        [
          title,
          ...(indicator.baseline
            ? [el('baseline', { year: indicator.baseline.year, value: indicator.baseline.value })]
            : []),
          ...sorted.map((period) => {
            const inPeriod = own.filter((v) => v.periodStart === period.start && v.periodEnd === period.end);
            const targets = indicator.targets.filter(
              (t) => t.period.start === period.start && t.period.end === period.end,
            );
            return el('period', {}, [
              el('period-start', { 'iso-date': period.start }),
              el('period-end', { 'iso-date': period.end }),
              ...targets.map((t) => el('target', { value: t.value })),
              ...inPeriod
                .sort(
                  (a, b) =>
                    Object.keys(a.categories).length - Object.keys(b.categories).length ||
                    a.id.localeCompare(b.id),
                )
                .map((v) =>
                  el(
                    'actual',
                    { value: v.value },
                    Object.entries(v.categories)
                      .sort(([a], [b]) => a.localeCompare(b))
                      .map(([name, value]) => el('dimension', { name, value })),
                  ),
                ),
            ]);
          }),
        ],
      ),
    ]);
  });
}

function activity(
  project: Project,
  input: IatiInput,
  orgs: Map<string, Organisation>,
): string | { reason: string } {
  const reporting = project.organisationId ? orgs.get(project.organisationId) : undefined;
  if (!reporting?.iatiId) return { reason: 'The reporting organisation has no IATI identifier' };
  const dates = activityDates(project);
  if (dates.length === 0) return { reason: 'IATI needs at least one activity date' };
  const participating = project.participatingOrgs.flatMap((p) => {
    const org = orgs.get(p.organisationId);
    return org ? [orgElement('participating-org', org, { role: p.role })] : [];
  });
  // IATI requires a participating organisation: without one, the reporting one is the accountable one.
  if (participating.length === 0)
    participating.push(orgElement('participating-org', reporting, { role: ROLE_ACCOUNTABLE }));
  const titleText = requiredNarratives(project.title, project.code);
  const indicators = input.indicators.filter((i) => i.projectId === project.id && !i.deleted);
  return el(
    'iati-activity',
    {
      'xml:lang': input.defaultLanguage ?? 'fr',
      'default-currency': project.budgets[0]?.currency,
    },
    [
      `<iati-identifier>${escapeXml(activityIdentifier(project, reporting.iatiId))}</iati-identifier>`,
      orgElement('reporting-org', reporting, {}),
      el('title', {}, titleText),
      // A description is required: the title stands for it when the project has none.
      el(
        'description',
        { type: '1' },
        narratives(project.description).length > 0 ? narratives(project.description) : titleText,
      ),
      ...participating,
      el('activity-status', { code: IATI_ACTIVITY_STATUS[project.status] }),
      ...dates,
      ...locations(project, input.adminVocabulary ?? 'A2'),
      ...project.sectors.map((s) =>
        el('sector', { vocabulary: '1', code: s.code, percentage: s.percentage }),
      ),
      ...budgets(project),
      ...results(indicators, input.indicatorValues),
    ],
  );
}

export function toIatiXml(input: IatiInput): IatiExport {
  const orgs = new Map(input.organisations.filter((o) => !o.deleted).map((o) => [o.id, o]));
  const skipped: IatiExport['skipped'] = [];
  const activities: string[] = [];
  for (const project of input.projects) {
    if (project.deleted) continue;
    const out = activity(project, input, orgs);
    if (typeof out === 'string') activities.push(out);
    else skipped.push({ projectId: project.id, reason: out.reason });
  }
  if (activities.length === 0) return { xml: null, skipped };
  const root = el(
    'iati-activities',
    { version: IATI_VERSION, 'generated-datetime': input.generatedAt },
    activities,
  );
  // A project left out is said in the file itself, so whoever publishes it sees what is missing.
  const notes = skipped.map((s) => `<!-- Left out: ${commentText(`${s.projectId}: ${s.reason}`)} -->\n`);
  return { xml: `<?xml version="1.0" encoding="UTF-8"?>\n${notes.join('')}${root}\n`, skipped };
}

/** Text safe inside an XML comment, which may not hold `--` nor end with `-`. */
function commentText(text: string): string {
  return text.replace(/-{2,}/g, '-').replace(/-$/, '');
}
