import { createHash } from 'node:crypto';
import {
  IATI_ACTIVITY_STATUS,
  IsoDate,
  ORGANISATION_TYPES,
  type ProjectStatus,
} from '../../core/records/iatiCodes';
import { IatiOrgIdentifier } from '../../core/records/iatiCodes';
import { iatiNote, iatiRefusal, type IatiMessage } from '../../core/iati/importMessages';
import type { ContactField } from '../../core/records/organisation';
import { childNamed, childrenNamed, IatiFileError, type XmlElement } from './xmlTree';

/**
 * What an IATI activity file (2.01 to 2.03; 1.0x is read where it is the same) says, in Terrain's terms:
 * the records it describes, keyed by IATI identifiers (src/server/iati/applyImport.ts matches and writes
 * them). Elements Terrain has no field for (policy markers, documents links, conditions, CRS, FSS,
 * humanitarian scopes, other identifiers, extensions of other namespaces…) are skipped without a word: they
 * are listed in the README's IATI section.
 */
export interface IatiOrg {
  ref: string;
  name: string;
  type: string;
  /**
   * The parts of the first `contact-info` of an activity it reports: Terrain keeps the contact on the
   * reporting organisation (src/core/export/iatiContactInfo.ts writes it back the same way).
   */
  contact?: Partial<Record<ContactField, string>>;
}

export interface IatiRecordPlan {
  /** Values of the record's merge fields, as the file gives them. */
  fields: Record<string, unknown>;
  /** What the record belongs to (its mergeTable identity: projectId). */
  identity: Record<string, string>;
  /** A stable key of the record within its activity (used for its id). */
  key: string;
}

/** A transaction or planned disbursement, whose organisations are resolved when applied. */
export type FlowPlan = IatiRecordPlan & { providerRef: string | null; receiverRef: string | null };

export interface IatiActivity {
  identifier: string;
  line: number;
  project: Record<string, unknown>;
  /** IATI organisation identifiers the project names, by field: resolved to ids when applied. */
  orgRefs: { reporting: string | null; participating: { ref: string; role: string }[] };
  indicators: IatiRecordPlan[];
  values: (IatiRecordPlan & { indicatorKey: string })[];
  transactions: FlowPlan[];
  planned: FlowPlan[];
  /** What was left out of this activity and why (invalid values). */
  notes: IatiMessage[];
}

export interface IatiFile {
  version: string | null;
  organisations: IatiOrg[];
  activities: IatiActivity[];
}

const STATUS_OF_CODE = new Map(
  Object.entries(IATI_ACTIVITY_STATUS).map(([status, code]) => [code, status as ProjectStatus]),
);
/** activity-date types: 2.0x codes and 1.0x names. */
const DATE_FIELDS: Record<string, string> = {
  '1': 'plannedStart',
  '2': 'actualStart',
  '3': 'plannedEnd',
  '4': 'actualEnd',
  'start-planned': 'plannedStart',
  'start-actual': 'actualStart',
  'end-planned': 'plannedEnd',
  'end-actual': 'actualEnd',
};

export const shortHash = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 16);

/** A record id for an IATI identifier: stable, short enough for RecordId, free of odd characters. */
export const projectIdFor = (identifier: string): string => `iati-${shortHash(identifier)}`;
export const organisationIdFor = (ref: string): string => `iati-org-${shortHash(ref)}`;

function lang(el: XmlElement, fallback: string): string {
  const l = el.attrs['xml:lang']?.trim().toLowerCase();
  return l && l.length >= 2 && l.length <= 35 ? l : fallback;
}

/** The narratives of an element as LocalizedText (1.0x: its own text). */
function texts(el: XmlElement | undefined, defaultLang: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!el) return out;
  const narratives = childrenNamed(el, 'narrative');
  if (narratives.length === 0 && el.text) out[lang(el, defaultLang)] = el.text;
  for (const n of narratives) {
    const key = lang(n, defaultLang);
    if (n.text && out[key] === undefined) out[key] = n.text;
  }
  return out;
}

const firstText = (t: Record<string, string>): string => Object.values(t)[0] ?? '';

function date(el: XmlElement | undefined): string | null {
  const d = el?.attrs['iso-date']?.trim().slice(0, 10);
  return d && IsoDate.safeParse(d).success ? d : null;
}

function number(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : null;
}

function readOrg(el: XmlElement, defaultLang: string, orgs: Map<string, IatiOrg>): string | null {
  const ref = el.attrs.ref?.trim();
  if (!ref || !IatiOrgIdentifier.safeParse(ref).success) return null;
  const name = firstText(texts(el, defaultLang)).slice(0, 300) || ref;
  const type = (ORGANISATION_TYPES as readonly string[]).includes(el.attrs.type ?? '')
    ? el.attrs.type!
    : '90';
  if (!orgs.has(ref)) orgs.set(ref, { ref, name, type });
  return ref;
}

/** Reads a parsed file; refuses it (with the line) when an activity has no identifier. */
export function readActivities(root: XmlElement): IatiFile {
  if (root.name !== 'iati-activities')
    throw new IatiFileError(root.line, null, iatiRefusal('wrong_root', { name: root.name }));
  const orgs = new Map<string, IatiOrg>();
  const fileLang = lang(root, 'en');
  const activities: IatiActivity[] = [];
  const seen = new Set<string>();
  childrenNamed(root, 'iati-activity').forEach((el, index) => {
    const identifier = childNamed(el, 'iati-identifier')?.text ?? '';
    if (identifier === '')
      throw new IatiFileError(el.line, null, iatiRefusal('missing_identifier', { activity: index + 1 }));
    if (identifier.length > 200)
      throw new IatiFileError(
        el.line,
        null,
        iatiRefusal('identifier_too_long', { activity: index + 1, max: 200 }),
      );
    if (seen.has(identifier))
      throw new IatiFileError(
        el.line,
        null,
        iatiRefusal('duplicate_identifier', { activity: index + 1, identifier }),
      );
    seen.add(identifier);
    activities.push(readActivity(el, identifier, lang(el, fileLang), orgs));
  });
  return { version: root.attrs.version ?? null, organisations: [...orgs.values()], activities };
}

function readActivity(
  el: XmlElement,
  identifier: string,
  defaultLang: string,
  orgs: Map<string, IatiOrg>,
): IatiActivity {
  const notes: IatiMessage[] = [];
  const projectId = projectIdFor(identifier);
  const currency = el.attrs['default-currency']?.trim() || null;
  const reportingEl = childNamed(el, 'reporting-org');
  const reporting = reportingEl ? readOrg(reportingEl, defaultLang, orgs) : null;
  const reportingOrg = reporting === null ? undefined : orgs.get(reporting);
  if (reportingOrg && !reportingOrg.contact) reportingOrg.contact = readContact(el, defaultLang);
  const participating: { ref: string; role: string }[] = [];
  for (const p of childrenNamed(el, 'participating-org')) {
    const ref = readOrg(p, defaultLang, orgs);
    const role = p.attrs.role ?? '';
    if (ref && ['1', '2', '3', '4'].includes(role)) participating.push({ ref, role });
    else notes.push(iatiNote('participating_org_invalid', { line: p.line }));
  }
  const title = texts(childNamed(el, 'title'), defaultLang);
  const descriptions = childrenNamed(el, 'description');
  const general = descriptions.find((d) => (d.attrs.type ?? '1') === '1') ?? descriptions[0];
  const project: Record<string, unknown> = {
    code: identifier,
    title: Object.keys(title).length > 0 ? title : { [defaultLang]: identifier },
    description: texts(general, defaultLang),
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: null,
  };
  const status = STATUS_OF_CODE.get(childNamed(el, 'activity-status')?.attrs.code ?? '');
  if (status) project.status = status;
  for (const d of childrenNamed(el, 'activity-date')) {
    const field = DATE_FIELDS[d.attrs.type ?? ''];
    const value = date(d);
    if (field && value) project[field] = value;
    else notes.push(iatiNote('activity_date_invalid', { line: d.line }));
  }
  project.sectors = readSectors(el, notes);
  project.locations = readLocations(el, defaultLang, notes);
  project.budgets = readBudgets(el, currency, notes);
  const { indicators, values } = readResults(el, projectId, defaultLang, notes);
  return {
    identifier,
    line: el.line,
    project,
    orgRefs: { reporting, participating },
    indicators,
    values,
    transactions: readTransactions(el, projectId, currency, defaultLang, orgs, notes),
    planned: readPlanned(el, projectId, currency, defaultLang, orgs, notes),
    notes,
  };
}

/** contact-info's parts Terrain keeps, with the element that holds each (narratives, or a plain text). */
const CONTACT_PARTS: [ContactField, string, 'narrative' | 'text'][] = [
  ['contactDepartment', 'department', 'narrative'],
  ['contactPerson', 'person-name', 'narrative'],
  ['contactJobTitle', 'job-title', 'narrative'],
  ['contactTelephone', 'telephone', 'text'],
  ['contactEmail', 'email', 'text'],
  ['contactWebsite', 'website', 'text'],
  ['contactAddress', 'mailing-address', 'narrative'],
];

/**
 * The activity's general contact (type 1, or one of no type; else its first): the parts it gives, the
 * first of a repeated one; undefined when it has none. A part that does not fit the field (a wrong email)
 * is left out when applied, with a note.
 */
function readContact(el: XmlElement, defaultLang: string): IatiOrg['contact'] {
  const all = childrenNamed(el, 'contact-info');
  const info = all.find((c) => (c.attrs.type ?? '1') === '1') ?? all[0];
  if (!info) return undefined;
  const contact: NonNullable<IatiOrg['contact']> = {};
  for (const [field, name, kind] of CONTACT_PARTS) {
    const part = childNamed(info, name);
    const value = (kind === 'narrative' ? firstText(texts(part, defaultLang)) : (part?.text ?? '')).trim();
    if (value !== '') contact[field] = value;
  }
  return Object.keys(contact).length > 0 ? contact : undefined;
}

function readSectors(el: XmlElement, notes: IatiMessage[]): unknown[] {
  const all = childrenNamed(el, 'sector');
  const dac = all.filter(
    (s) => ['1', 'DAC'].includes(s.attrs.vocabulary ?? '1') && /^\d{5}$/.test(s.attrs.code ?? ''),
  );
  if (dac.length < all.length)
    notes.push(iatiNote('sectors_other_vocabulary', { count: all.length - dac.length }));
  const sectors = dac.map((s) => ({
    code: s.attrs.code!,
    percentage: number(s.attrs.percentage) ?? (dac.length === 1 ? 100 : NaN),
  }));
  const sum = sectors.reduce((n, s) => n + s.percentage, 0);
  if (sectors.length > 0 && !(Math.abs(sum - 100) < 1e-6)) {
    notes.push(iatiNote('sectors_percentages'));
    return [];
  }
  return sectors;
}

function readLocations(el: XmlElement, defaultLang: string, notes: IatiMessage[]): unknown[] {
  return childrenNamed(el, 'location').flatMap((loc, i) => {
    const name = firstText(texts(childNamed(loc, 'name'), defaultLang)).slice(0, 300);
    const admin = (level: number): string | null => {
      const a = childrenNamed(loc, 'administrative').find((x) => x.attrs.level === String(level));
      const code = a?.attrs.code?.trim();
      return code && code.length <= 20 ? code : null;
    };
    const pos = childNamed(childNamed(loc, 'point') ?? loc, 'pos')
      ?.text.split(/\s+/)
      .map(Number);
    const point =
      pos && pos.length === 2 && Math.abs(pos[0]!) <= 90 && Math.abs(pos[1]!) <= 180
        ? { lat: pos[0]!, lon: pos[1]! }
        : null;
    if (pos && !point) notes.push(iatiNote('location_point_invalid', { line: loc.line }));
    return [
      {
        name: name || loc.attrs.ref || `Location ${i + 1}`,
        adm1: admin(1),
        adm2: admin(2),
        adm3: admin(3),
        point,
      },
    ];
  });
}

function readBudgets(el: XmlElement, currency: string | null, notes: IatiMessage[]): unknown[] {
  return childrenNamed(el, 'budget').flatMap((b) => {
    const valueEl = childNamed(b, 'value');
    const line = {
      periodStart: date(childNamed(b, 'period-start')),
      periodEnd: date(childNamed(b, 'period-end')),
      value: number(valueEl?.text),
      currency: valueEl?.attrs.currency?.trim() || currency,
      type: b.attrs.type === '2' ? 'revised' : 'original',
    };
    if (line.periodStart && line.periodEnd && line.value !== null && line.value >= 0 && line.currency)
      return [line];
    notes.push(iatiNote('budget_invalid', { line: b.line }));
    return [];
  });
}

function readResults(
  el: XmlElement,
  projectId: string,
  defaultLang: string,
  notes: IatiMessage[],
): Pick<IatiActivity, 'indicators' | 'values'> {
  const indicators: IatiRecordPlan[] = [];
  const values: IatiActivity['values'] = [];
  childrenNamed(el, 'result').forEach((result, r) => {
    childrenNamed(result, 'indicator').forEach((ind, i) => {
      const measure = { '1': 'unit', '2': 'percentage' }[ind.attrs.measure ?? ''];
      if (!measure) {
        notes.push(iatiNote('indicator_measure', { line: ind.line, measure: ind.attrs.measure ?? '?' }));
        return;
      }
      const key = `r${r + 1}-i${i + 1}`;
      const title = texts(childNamed(ind, 'title'), defaultLang);
      const baselineEl = childNamed(ind, 'baseline');
      const year = number(baselineEl?.attrs.year);
      const baseValue = number(baselineEl?.attrs.value);
      const targets: unknown[] = [];
      for (const period of childrenNamed(ind, 'period')) {
        const start = date(childNamed(period, 'period-start'));
        const end = date(childNamed(period, 'period-end'));
        if (!start || !end) continue;
        const target = number(childNamed(period, 'target')?.attrs.value);
        if (target !== null) targets.push({ period: { start, end }, value: target });
        const actual = number(childNamed(period, 'actual')?.attrs.value);
        if (actual !== null)
          values.push({
            key: `${key}-${start}`,
            indicatorKey: key,
            identity: { projectId },
            fields: { periodStart: start, periodEnd: end, categories: {}, value: actual },
          });
      }
      indicators.push({
        key,
        identity: { projectId },
        fields: {
          code: `R${r + 1}.${i + 1}`,
          title: Object.keys(title).length > 0 ? title : { [defaultLang]: `R${r + 1}.${i + 1}` },
          measure,
          direction: ind.attrs.ascending === '0' || ind.attrs.ascending === 'false' ? 'decrease' : 'increase',
          baseline:
            year !== null && baseValue !== null && Number.isInteger(year) ? { year, value: baseValue } : null,
          targets,
        },
      });
    });
  });
  return { indicators, values };
}

function readTransactions(
  el: XmlElement,
  projectId: string,
  currency: string | null,
  defaultLang: string,
  orgs: Map<string, IatiOrg>,
  notes: IatiMessage[],
): FlowPlan[] {
  return childrenNamed(el, 'transaction').flatMap((t, i) => {
    const valueEl = childNamed(t, 'value');
    const when = date(childNamed(t, 'transaction-date'));
    const valueDate = valueEl?.attrs['value-date']?.slice(0, 10);
    const provider = childNamed(t, 'provider-org');
    const receiver = childNamed(t, 'receiver-org');
    const sector = childNamed(t, 'sector')?.attrs.code;
    const fields = {
      type: childNamed(t, 'transaction-type')?.attrs.code ?? '',
      date: when,
      value: number(valueEl?.text),
      currency: valueEl?.attrs.currency?.trim() || currency,
      valueDate: valueDate && IsoDate.safeParse(valueDate).success ? valueDate : when,
      sector: sector && /^\d{5}$/.test(sector) ? sector : null,
      region: '',
      description: firstText(texts(childNamed(t, 'description'), defaultLang)).slice(0, 2000),
    };
    if (!fields.date || fields.value === null || !fields.currency) {
      notes.push(iatiNote('transaction_incomplete', { line: t.line }));
      return [];
    }
    return [
      {
        key: t.attrs.ref ? `ref-${shortHash(t.attrs.ref)}` : `t${i + 1}`,
        identity: { projectId },
        fields,
        providerRef: provider ? readOrg(provider, defaultLang, orgs) : null,
        receiverRef: receiver ? readOrg(receiver, defaultLang, orgs) : null,
      },
    ];
  });
}

function readPlanned(
  el: XmlElement,
  projectId: string,
  currency: string | null,
  defaultLang: string,
  orgs: Map<string, IatiOrg>,
  notes: IatiMessage[],
): FlowPlan[] {
  return childrenNamed(el, 'planned-disbursement').flatMap((pd, i) => {
    const valueEl = childNamed(pd, 'value');
    const periodStart = date(childNamed(pd, 'period-start'));
    const valueDate = valueEl?.attrs['value-date']?.slice(0, 10);
    const fields = {
      type: pd.attrs.type === '2' ? '2' : '1',
      periodStart,
      periodEnd: date(childNamed(pd, 'period-end')) ?? periodStart,
      value: number(valueEl?.text),
      currency: valueEl?.attrs.currency?.trim() || currency,
      valueDate: valueDate && IsoDate.safeParse(valueDate).success ? valueDate : periodStart,
    };
    if (!fields.periodStart || fields.value === null || !fields.currency) {
      notes.push(iatiNote('planned_disbursement_incomplete', { line: pd.line }));
      return [];
    }
    const provider = childNamed(pd, 'provider-org');
    const receiver = childNamed(pd, 'receiver-org');
    return [
      {
        key: `pd${i + 1}`,
        identity: { projectId },
        fields,
        providerRef: provider ? readOrg(provider, defaultLang, orgs) : null,
        receiverRef: receiver ? readOrg(receiver, defaultLang, orgs) : null,
      },
    ];
  });
}
