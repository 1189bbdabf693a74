import { z } from 'zod/mini';
import { FieldName } from '../forms/definition';
import {
  FOCAL_POINT_STATUSES,
  Review,
  ReviewComment,
  ReviewStatus,
  type ReviewStatus as ReviewStatusType,
} from '../records/review';
import { hasRole, type Role } from '../records/user';
import { refuseIndicatorValue, refuseReview, refuseReviewEvent, storedState } from './reviewRules';
import { LocalizedText } from '../i18n/localized';
import { IsoDate, ProjectStatus } from '../records/iatiCodes';
import { Indicator } from '../records/indicator';
import { IndicatorValue } from '../records/indicatorValue';
import { CONTACT_VALUES, NO_CONTACT, Organisation } from '../records/organisation';
import { ExchangeRate, exchangeRateId, RatedCurrency, YearMonth } from '../records/exchangeRate';
import { PlannedDisbursement } from '../records/plannedDisbursement';
import { Transaction } from '../records/transaction';
import { ReviewEvent, ReviewTarget } from '../records/reviewEvent';
import {
  BudgetLine,
  documentsRefusal,
  ParticipatingOrg,
  Project,
  ProjectDocument,
  ProjectLocation,
  ProjectSector,
} from '../records/project';

/**
 * The registry of mergeable tables: records that several people edit, offline, at the same time, and that
 * merge field by field (src/core/sync/merge.ts) instead of being immutable like submissions. Adding a table
 * is a schema and an entry here, its name in PULL_TABLES and a table in the device's Dexie schema; the
 * server's push, pull and conflict log and the device's store use the entry and need no other change.
 *
 * Field granularity. Each field of `fields` is one merge unit, and so is each ENTRY of a field listed in
 * `maps` (path `<map>.<key>`): two reviewers commenting on different questions both keep their comment.
 * A map entry set to null is removed. The path `deleted` is the record's tombstone, see `parseWrite` (mergeRecords.ts).
 */

/** The tombstone field every mergeable record has. */
export const DELETED = 'deleted';

export interface MapField {
  key: z.ZodMiniType<string>;
  value: z.ZodMiniType;
}

export interface MergeTableSpec {
  /**
   * The record's identity: fields given with every write that never change (what it belongs to). They are
   * required so that any write, whichever arrives first, can create the record.
   */
  identity: Record<string, z.ZodMiniType<string>>;
  /** The fields that merge, each last-writer-wins on its own, with the schema of its value. */
  fields: Record<string, z.ZodMiniType>;
  /** Fields whose value is an object merged entry by entry. */
  maps: Record<string, MapField>;
  /** The value of a field nobody has written yet. */
  defaults: Record<string, unknown>;
  /**
   * Fields the writer's account is stamped into whenever the field they follow is written (same clock):
   * `{ status: 'reviewedBy' }`. Devices cannot write them; their lost values are not logged apart.
   */
  stamps: Record<string, string>;
  /** Like `stamps`, with the writer's display name (a review event says who acted to every reader). */
  nameStamps?: Record<string, string>;
  /** The whole record as devices store and pull it. */
  record: z.ZodMiniType<Record<string, unknown>>;
  /**
   * The project a record belongs to: rights and pull scoping follow it. A project's project is its own id
   * (`id`); a record of no project (an organisation) answers '' and sets `global`.
   */
  projectOf(identity: Record<string, string>, id: string): string;
  /** Records of no project: every signed-in user pulls them, no project membership is needed to write them. */
  global?: true;
  /**
   * The records ARE the projects: creating one (admins only) also creates its membership anchor, and
   * writing one needs membership of that very project.
   */
  isProject?: true;
  /** When set, the id a record must have (reviews are one per submission, so first reviews merge). */
  idOf?(identity: Record<string, string>): string;
  /**
   * The record that must exist, not deleted, in the same project, for this one to be created (a review's
   * submission, an indicator value's indicator); the same batch may create it first.
   */
  parent?(identity: Readonly<Record<string, string>>): { table: ParentTable; id: string };
  /**
   * Records about a submission: an agent reads one only when this submission is one of theirs (an agent
   * sees the reviews of their own submissions, nothing else of these tables); null: no agent reads it.
   */
  ownerSubmission?(identity: Readonly<Record<string, string>>): string | null;
  /**
   * Records written once and never changed (review events): a later write of an existing record is refused,
   * except the very same write again (a replay), and a delete always is; so they never conflict.
   */
  writeOnce?: true;
  /**
   * Null when `role` may write these values (project membership is checked apart); else the reason.
   * `current` is the record as it stands on the server before this write (null for a new record), for rules
   * that depend on where a record is now (a review's status may only move as its state machine allows).
   */
  refuse(
    role: Role,
    values: Readonly<Record<string, unknown>>,
    current?: Readonly<Record<string, unknown>> | null,
  ): string | null;
  /**
   * Records whose rule also reads ANOTHER record as it stands (a review event is a move of the review it
   * records): `record` names it, and the server passes it (as the batch sees it, after its earlier changes;
   * null when there is none) to `refuse`, after the table's own `refuse`.
   */
  about?: {
    record(identity: Readonly<Record<string, string>>): { table: AboutTable; id: string };
    refuse(
      role: Role,
      values: Readonly<Record<string, unknown>>,
      about: Readonly<Record<string, unknown>> | null,
      identity: Readonly<Record<string, string>>,
    ): string | null;
  };
}

/** The tables a record's rule may read another record of (see MergeTableSpec.about). */
export type AboutTable = 'reviews' | 'indicatorValues';

const Id = z.string().check(z.minLength(1), z.maxLength(100));

/** The tables a record's parent may be in: submissions (not mergeable) and the mergeable ones. */
export type ParentTable = 'submissions' | 'indicators' | 'indicatorValues';

const reviews: MergeTableSpec = {
  identity: { submissionId: Id, projectId: Id },
  fields: { status: z.nullable(ReviewStatus), comment: ReviewComment },
  maps: { fieldComments: { key: FieldName, value: ReviewComment } },
  defaults: { status: null, comment: '', fieldComments: {}, reviewedBy: null },
  stamps: { status: 'reviewedBy' },
  record: Review,
  projectOf: (identity) => identity.projectId ?? '',
  idOf: (identity) => identity.submissionId ?? '',
  parent: (identity) => ({ table: 'submissions', id: identity.submissionId ?? '' }),
  ownerSubmission: (identity) => identity.submissionId ?? null,
  // Who may move its status from which to which: src/core/records/reviewTransitions.ts.
  refuse: refuseReview,
};

/** Supervisors and admins write the coordination records (organisations, projects, indicators). */
function supervisorsOnly(what: string) {
  return (role: Role): string | null =>
    hasRole(role, 'supervisor') ? null : `Only supervisors and admins edit ${what}`;
}

/** A project's sector percentages add up to 100 (IATI's rule); no sector at all is allowed. */
const Sectors = z
  .array(ProjectSector)
  .check(
    z.refine(
      (sectors) =>
        sectors.length === 0 || Math.abs(sectors.reduce((n, s) => n + s.percentage, 0) - 100) < 1e-6,
      'Sector percentages must add up to 100',
    ),
  );
const NullableDate = z.nullable(IsoDate);

/**
 * The merge fields taken as they are from the record's schema, so that what a write may set cannot drift
 * from what the record holds (projects are apart: their record schema fills defaults, a write must not).
 */
function fieldsOf<Shape extends Record<string, z.ZodMiniType>>(
  record: { shape: Shape },
  names: readonly (keyof Shape & string)[],
): Record<string, z.ZodMiniType> {
  const fields: Record<string, z.ZodMiniType> = {};
  for (const name of names) fields[name] = record.shape[name] as Shape[typeof name];
  return fields;
}

const organisations: MergeTableSpec = {
  identity: {},
  // The contact fields without their record defaults: a write that leaves one out leaves it alone.
  fields: { ...fieldsOf(Organisation, ['name', 'acronym', 'iatiId', 'type']), ...CONTACT_VALUES },
  maps: {},
  defaults: { acronym: '', iatiId: null, ...NO_CONTACT },
  stamps: {},
  record: Organisation,
  projectOf: () => '',
  global: true,
  refuse: supervisorsOnly('organisations'),
};

/** The most documents a project lists (a write naming more is refused). */
export const MAX_PROJECT_DOCUMENTS = 200;

const projects: MergeTableSpec = {
  identity: {},
  fields: {
    code: z.string().check(z.minLength(1), z.maxLength(200)),
    title: LocalizedText,
    description: LocalizedText,
    organisationId: z.nullable(z.string().check(z.maxLength(100))),
    location: z.string().check(z.maxLength(500)),
    status: ProjectStatus,
    participatingOrgs: z.array(ParticipatingOrg),
    plannedStart: NullableDate,
    plannedEnd: NullableDate,
    actualStart: NullableDate,
    actualEnd: NullableDate,
    sectors: Sectors,
    locations: z.array(ProjectLocation),
    budgets: z.array(BudgetLine),
    focalPointId: z.nullable(z.string().check(z.maxLength(100))),
    // One merge unit (the list is small and edited whole): a concurrent edit's losing list goes to the
    // conflict log, from which a supervisor restores it. Each file once; a bounded list.
    documents: z.array(ProjectDocument).check(
      z.maxLength(MAX_PROJECT_DOCUMENTS),
      z.refine(
        (documents) => new Set(documents.map((d) => d.sha256)).size === documents.length,
        'A file is named once among the documents',
      ),
    ),
    public: z.boolean(),
  },
  maps: {},
  // Project's own defaults (src/core/records/project.ts); code and title have none: a new project gives them.
  defaults: {
    organisationId: null,
    status: 'active',
    participatingOrgs: [],
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: null,
    sectors: [],
    locations: [],
    budgets: [],
    focalPointId: null,
    documents: [],
    public: false,
  },
  stamps: {},
  record: Project,
  projectOf: (_identity, id) => id,
  isProject: true,
  refuse(role, values, stored) {
    if (!hasRole(role, 'supervisor')) return 'Only supervisors and admins edit projects';
    if (values[DELETED] === true && role !== 'admin') return 'Only admins delete a project';
    // Publishing is the coordination body's decision: a supervisor's write may carry the flag unchanged.
    if ('public' in values && values.public !== (stored?.public ?? false) && role !== 'admin')
      return 'Only admins make a project public or private';
    if ('documents' in values) return documentsRefusal(role === 'admin', values.documents, stored?.documents);
    return null;
  },
};

const indicators: MergeTableSpec = {
  identity: { projectId: Id },
  fields: fieldsOf(Indicator, [
    'code',
    'title',
    'unit',
    'measure',
    'direction',
    'disaggregations',
    'baseline',
    'targets',
    'computation',
  ]),
  maps: {},
  defaults: {
    unit: '',
    measure: 'unit',
    direction: 'increase',
    disaggregations: [],
    baseline: null,
    targets: [],
    computation: null,
  },
  stamps: {},
  record: Indicator,
  projectOf: (identity) => identity.projectId ?? '',
  refuse: supervisorsOnly('indicators'),
};

const indicatorValues: MergeTableSpec = {
  identity: { indicatorId: Id, projectId: Id, periodStart: IsoDate, periodEnd: IsoDate },
  // `categories` is a field rather than identity (identity holds strings only): devices set it when creating the value.
  fields: fieldsOf(IndicatorValue, ['categories', 'value', 'comment', 'reviewStatus', 'reviewComment']),
  maps: {},
  defaults: {
    categories: {},
    value: null,
    comment: '',
    enteredBy: null,
    reviewStatus: null,
    reviewComment: '',
    reviewedBy: null,
  },
  stamps: { value: 'enteredBy', reviewStatus: 'reviewedBy' },
  record: IndicatorValue,
  projectOf: (identity) => identity.projectId ?? '',
  parent: (identity) => ({ table: 'indicators', id: identity.indicatorId ?? '' }),
  // The same state machine as reviews of submissions; an approved figure is locked (reviewRules.ts).
  refuse: refuseIndicatorValue,
};

/**
 * The review history (src/core/records/reviewEvent.ts): one record per review action, of a submission or of
 * an indicator value, with the rights of that review. Agents read the events of their own submissions, as
 * they read the reviews.
 */
const reviewEvents: MergeTableSpec = {
  identity: { targetTable: ReviewTarget, targetId: Id, projectId: Id },
  fields: fieldsOf(ReviewEvent, ['status', 'comment', 'at']),
  maps: { fieldComments: { key: FieldName, value: ReviewComment } },
  defaults: { status: null, comment: null, fieldComments: {}, by: null, byName: null },
  stamps: { at: 'by' },
  nameStamps: { at: 'byName' },
  record: ReviewEvent,
  projectOf: (identity) => identity.projectId ?? '',
  parent: (identity) => ({
    table: identity.targetTable === 'indicatorValues' ? 'indicatorValues' : 'submissions',
    id: identity.targetId ?? '',
  }),
  ownerSubmission: (identity) =>
    identity.targetTable === 'submissions' ? (identity.targetId ?? null) : null,
  writeOnce: true,
  refuse(role, values) {
    if (!hasRole(role, 'focal_point')) return 'Only focal points, supervisors and admins review';
    if (hasRole(role, 'supervisor')) return null;
    const status = values.status as ReviewStatusType | null | undefined;
    if (status && !FOCAL_POINT_STATUSES.includes(status))
      return 'Only supervisors and admins approve or reject';
    return null;
  },
  // An event is allowed only as a move its writer may make from the review's status as it stands.
  about: {
    record: (identity) => ({
      table: identity.targetTable === 'indicatorValues' ? 'indicatorValues' : 'reviews',
      // A submission's review has the submission's id.
      id: identity.targetId ?? '',
    }),
    refuse: (role, values, about, identity) =>
      refuseReviewEvent(
        role,
        values,
        storedState(about, identity.targetTable === 'indicatorValues' ? 'reviewStatus' : 'status'),
      ),
  },
};

/**
 * Aid flows (docs/aid-flows.md): a project's financial transactions and planned disbursements, written by
 * the supervisors and admins of the project like its indicators.
 */
const transactions: MergeTableSpec = {
  identity: { projectId: Id },
  fields: fieldsOf(Transaction, [
    'type',
    'date',
    'value',
    'currency',
    'valueDate',
    'providerOrgId',
    'receiverOrgId',
    'sector',
    'region',
    'description',
  ]),
  maps: {},
  defaults: { providerOrgId: null, receiverOrgId: null, sector: null, region: '', description: '' },
  stamps: {},
  record: Transaction,
  projectOf: (identity) => identity.projectId ?? '',
  refuse: supervisorsOnly('transactions'),
};

const plannedDisbursements: MergeTableSpec = {
  identity: { projectId: Id },
  fields: fieldsOf(PlannedDisbursement, [
    'type',
    'periodStart',
    'periodEnd',
    'value',
    'currency',
    'valueDate',
    'providerOrgId',
    'receiverOrgId',
  ]),
  maps: {},
  defaults: { type: '1', providerOrgId: null, receiverOrgId: null },
  stamps: {},
  record: PlannedDisbursement,
  projectOf: (identity) => identity.projectId ?? '',
  refuse: supervisorsOnly('planned disbursements'),
};

/** The monthly exchange rates to XOF, shared by every project (src/core/records/exchangeRate.ts). */
const exchangeRates: MergeTableSpec = {
  identity: { currency: RatedCurrency, month: YearMonth },
  fields: fieldsOf(ExchangeRate, ['xofPerUnit', 'source']),
  maps: {},
  defaults: { source: '' },
  stamps: {},
  record: ExchangeRate,
  projectOf: () => '',
  global: true,
  idOf: (identity) => exchangeRateId(identity.currency ?? '', identity.month ?? ''),
  refuse: supervisorsOnly('exchange rates'),
};

export const MERGE_TABLES = {
  reviews,
  organisations,
  projects,
  indicators,
  indicatorValues,
  reviewEvents,
  transactions,
  plannedDisbursements,
  exchangeRates,
} satisfies Record<string, MergeTableSpec>;
export type MergeTableName = keyof typeof MERGE_TABLES;
export const MERGE_TABLE_NAMES = Object.keys(MERGE_TABLES) as MergeTableName[];

export function isMergeTable(table: string): table is MergeTableName {
  return Object.hasOwn(MERGE_TABLES, table);
}

export function mergeTable(table: MergeTableName): MergeTableSpec {
  return MERGE_TABLES[table];
}

/** The stamp paths of a table, whose lost values go with the field they follow. */
export function isStampPath(spec: MergeTableSpec, path: string): boolean {
  return Object.values(spec.stamps).includes(path) || Object.values(spec.nameStamps ?? {}).includes(path);
}
