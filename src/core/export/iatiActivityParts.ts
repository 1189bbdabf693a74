import { IATI_ACTIVITY_STATUS } from '../records/iatiCodes';
import type { Indicator } from '../records/indicator';
import type { IndicatorValue } from '../records/indicatorValue';
import type { Organisation } from '../records/organisation';
import type { PlannedDisbursement } from '../records/plannedDisbursement';
import type { Project } from '../records/project';
import { documentFormat, publicDocumentPath } from './iatiDocuments';
import type { Transaction } from '../records/transaction';
import { contactInfo } from './iatiContactInfo';
import type { IatiDefaults } from './iatiDefaults';
import { plannedDisbursements, transactions } from './iatiFlowParts';
import { el, narrative, narratives, orgElement, requiredNarratives, valueElement } from './iatiXml';
import { escapeXml, xsdDecimal } from './xml';

/** What every part of one activity is written from. */
export interface ActivityContext {
  project: Project;
  /** The reporting organisation, which has an IATI identifier. */
  reporting: Organisation & { iatiId: string };
  organisations: ReadonlyMap<string, Organisation>;
  /** The project's own indicators, and every indicator value (each part picks its own). */
  indicators: readonly Indicator[];
  indicatorValues: readonly IndicatorValue[];
  /** Every transaction and planned disbursement given (each part picks the project's own, not deleted). */
  transactions: readonly Transaction[];
  plannedDisbursements: readonly PlannedDisbursement[];
  /** The activity's default-currency: a value in another currency says its own. */
  currency: string;
  defaults: IatiDefaults;
  /** The file's date (YYYY-MM-DD): an "actual" date after it is not a fact yet. */
  today: string;
  /** IATI GeographicVocabulary of the administrative codes (A2: UN SALB, whose codes OCHA's P-codes are). */
  adminVocabulary: string;
  /**
   * The public site's address (`https://terrain.example.org`, no trailing slash) that document links point
   * into; null when the deployment has not said it: no link is written then, as none could be absolute.
   */
  publicUrl: string | null;
}

/** Writes the elements of one kind (none, one or several) of an activity. */
export type ActivityPart = (ctx: ActivityContext) => string[];

const WGS84 = 'http://www.opengis.net/def/crs/EPSG/0/4326';
const ROLE_ACCOUNTABLE = '2';

/** IATI asks an activity identifier to start with its reporting organisation's identifier. */
export function activityIdentifier(project: Project, orgId: string): string {
  return project.code.startsWith(`${orgId}-`) ? project.code : `${orgId}-${project.code}`;
}

const identifier: ActivityPart = ({ project, reporting }) => [
  `<iati-identifier>${escapeXml(activityIdentifier(project, reporting.iatiId))}</iati-identifier>`,
];

const reportingOrg: ActivityPart = ({ reporting }) => [orgElement('reporting-org', reporting, {})];

const title: ActivityPart = ({ project }) => [
  el('title', {}, requiredNarratives(project.title, project.code)),
];

// A description is required: the title stands for it when the project has none.
const description: ActivityPart = ({ project }) => {
  const own = narratives(project.description);
  return [
    el('description', { type: '1' }, own.length > 0 ? own : requiredNarratives(project.title, project.code)),
  ];
};

const participatingOrgs: ActivityPart = ({ project, reporting, organisations }) => {
  const out = project.participatingOrgs.flatMap((p) => {
    const org = organisations.get(p.organisationId);
    return org ? [orgElement('participating-org', org, { role: p.role })] : [];
  });
  // IATI requires a participating organisation: without one, the reporting one is the accountable one.
  return out.length > 0 ? out : [orgElement('participating-org', reporting, { role: ROLE_ACCOUNTABLE })];
};

const activityStatus: ActivityPart = ({ project }) => [
  el('activity-status', { code: IATI_ACTIVITY_STATUS[project.status] }),
];

/** The activity's dates; an actual start or end after the file's date is not a fact yet and is left out. */
export function activityDates(project: Project, today: string): [string, string][] {
  const dates: [string, string | null][] = [
    ['1', project.plannedStart],
    ['2', project.actualStart && project.actualStart <= today ? project.actualStart : null],
    ['3', project.plannedEnd],
    ['4', project.actualEnd && project.actualEnd <= today ? project.actualEnd : null],
  ];
  return dates.filter((d): d is [string, string] => d[1] !== null);
}

const dates: ActivityPart = ({ project, today }) =>
  activityDates(project, today).map(([type, date]) => el('activity-date', { type, 'iso-date': date }));

const contact: ActivityPart = ({ reporting }) => contactInfo(reporting);

/**
 * The country at 100 % and its DAC region at 0 % (see IatiDefaults.recipientRegion). The places inside the
 * country are `location`s with their administrative codes. Transactions must then name no recipient of
 * their own: IATI takes recipients at one level only.
 */
const recipients: ActivityPart = ({ defaults }) => [
  el('recipient-country', { code: defaults.recipientCountry, percentage: 100 }),
  el('recipient-region', { code: defaults.recipientRegion, vocabulary: '1', percentage: 0 }),
];

const locations: ActivityPart = ({ project, adminVocabulary }) =>
  project.locations.map((loc) =>
    el('location', {}, [
      el('name', {}, [narrative(loc.name)]),
      ...[loc.adm1, loc.adm2, loc.adm3].flatMap((code, i) =>
        code ? [el('administrative', { vocabulary: adminVocabulary, level: i + 1, code })] : [],
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

const sectors: ActivityPart = ({ project }) =>
  project.sectors.map((s) => el('sector', { vocabulary: '1', code: s.code, percentage: s.percentage }));

/** The defaults every transaction inherits: collaboration, flow, finance and aid type. */
const classifications: ActivityPart = ({ defaults }) => [
  el('collaboration-type', { code: defaults.collaborationType }),
  el('default-flow-type', { code: defaults.flowType }),
  el('default-finance-type', { code: defaults.financeType }),
  el('default-aid-type', { code: defaults.aidType, vocabulary: '1' }),
];

const budgets: ActivityPart = ({ project }) =>
  project.budgets.map((b) =>
    el('budget', { type: b.type === 'original' ? '1' : '2' }, [
      el('period-start', { 'iso-date': b.periodStart }),
      el('period-end', { 'iso-date': b.periodEnd }),
      valueElement(b.value, b.currency, b.periodStart),
    ]),
  );

/**
 * One result per indicator, with a period for every target period and every period with a value entered
 * by hand: the target, the total actual, and one actual per disaggregated value (its categories as
 * dimensions). Rejected and empty values are not reported.
 */
const results: ActivityPart = ({ indicators, indicatorValues }) =>
  indicators.map((indicator) => {
    const own = indicatorValues.filter(
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
    const heading = el('title', {}, requiredNarratives(indicator.title, indicator.code));
    return el('result', { type: '1' }, [
      heading,
      el(
        'indicator',
        {
          measure: indicator.measure === 'unit' ? '1' : '2',
          ascending: indicator.direction === 'increase' ? '1' : '0',
        },
        [
          heading,
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

/**
 * A link to each public document of a public project (the public site serves it at this address, and only
 * once its bytes came from whoever added it: src/server/routes/public.ts). None without the site's address.
 */
const documentLinks: ActivityPart = ({ project, publicUrl }) => {
  if (publicUrl === null || !project.public) return [];
  return project.documents
    .filter((d) => d.public)
    .map((d) =>
      el(
        'document-link',
        { url: `${publicUrl}${publicDocumentPath(project.id, d.sha256)}`, format: documentFormat(d.type) },
        [
          el('title', {}, [narrative(d.title)]),
          el('category', { code: d.category }),
          ...(d.language ? [el('language', { code: d.language })] : []),
          ...(d.date ? [el('document-date', { 'iso-date': d.date })] : []),
        ],
      ),
    );
};

/**
 * An activity's parts in the order of the schema's xsd:sequence (the order publishers most often get wrong).
 * Each part is one function: planned disbursements and transactions (iatiFlowParts.ts) come right after
 * `budgets` (the schema's capital-spend, between them, is not written), before `results`.
 * The contact is the reporting organisation's (iatiContactInfo.ts). Document links come after the
 * transactions, for a public project's public documents only, pointing at the public site.
 */
export const ACTIVITY_PARTS: readonly ActivityPart[] = [
  identifier,
  reportingOrg,
  title,
  description,
  participatingOrgs,
  activityStatus,
  dates,
  contact,
  recipients,
  locations,
  sectors,
  classifications,
  budgets,
  plannedDisbursements,
  transactions,
  documentLinks,
  results,
];
