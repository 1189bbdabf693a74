import { z } from 'zod/mini';
import { IsoDate } from '../../core/records/iatiCodes';
import { FOCAL_POINT_STATUSES, ReviewStatus } from '../../core/records/review';
import { hasRole, type Role } from '../../core/records/user';
import { mergeTable } from '../../core/sync/mergeTables';
import { parseWrite } from '../../core/sync/mergeRecords';
import { refuseIndicatorValue } from '../../core/sync/reviewRules';
import type { TerrainDb } from '../db/TerrainDb';
import type { IndicatorValueRecord } from '../db/schema';
import { overlay } from '../sync/mergedRows';
import { appendMutation } from './appendMutation';
import { appendReviewEvent } from './reviewEvents';

/** What makes a value one record: the indicator, its project, the period and the categories (`{}`: total). */
export interface IndicatorValueIdentity {
  indicatorId: string;
  projectId: string;
  periodStart: string;
  periodEnd: string;
  categories: Record<string, string>;
}

/**
 * The record's id, computed from its identity so that two focal points entering the same period offline
 * write ONE record whose fields merge, instead of two competing ones (as a review's id is its submission's).
 * Categories are sorted by name so their order does not matter.
 */
export function indicatorValueIdOf(identity: IndicatorValueIdentity): string {
  const categories = Object.keys(identity.categories)
    .sort()
    .map((name) => `${name}=${identity.categories[name]}`)
    .join(',');
  return [identity.indicatorId, identity.periodStart, identity.periodEnd, categories].join('|');
}

/** What a focal point changes: the value and its comment, and/or the review of the value. */
export interface IndicatorValueChange {
  value?: number | null;
  comment?: string;
  reviewStatus?: ReviewStatus | null;
  reviewComment?: string;
}

/** The message keys of what is wrong with a change, by field; shown next to the field. */
export type IndicatorValueProblems = Partial<Record<'period' | 'value' | 'comment' | 'reviewStatus', string>>;

export class IndicatorValueInvalidError extends Error {
  constructor(readonly problems: IndicatorValueProblems) {
    super(`Invalid indicator value: ${Object.keys(problems).join(', ')}`);
    this.name = 'IndicatorValueInvalidError';
  }
}

/**
 * The rules of a change, in one place for the form (react-hook-form runs it as its resolver) and the
 * repository (which refuses what the form might have let through). Messages are i18n keys.
 */
export const IndicatorValueEntry = z
  .object({
    periodStart: IsoDate,
    periodEnd: IsoDate,
    value: z.optional(z.nullable(z.number().check(z.refine(Number.isFinite, 'ind.error.value')))),
    comment: z.optional(z.string().check(z.maxLength(2000, 'ind.error.comment'))),
    reviewStatus: z.optional(z.nullable(ReviewStatus)),
    reviewComment: z.optional(z.string().check(z.maxLength(2000, 'ind.error.comment'))),
  })
  .check(
    z.refine((v) => v.periodStart <= v.periodEnd, { message: 'ind.error.period', path: ['periodEnd'] }),
    z.refine((v) => v.reviewStatus !== 'has_issues' || (v.reviewComment ?? '').trim() !== '', {
      message: 'ind.error.issueComment',
      path: ['reviewComment'],
    }),
  );

/** The problems of a change for `role`, by field (message keys); empty when it may be saved. */
export function indicatorValueProblems(
  identity: IndicatorValueIdentity,
  change: IndicatorValueChange,
  role: Role,
): IndicatorValueProblems {
  const problems: IndicatorValueProblems = {};
  const parsed = IndicatorValueEntry.safeParse({
    periodStart: identity.periodStart,
    periodEnd: identity.periodEnd,
    ...change,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      const key =
        field === 'periodStart' || field === 'periodEnd'
          ? 'period'
          : field === 'reviewComment'
            ? 'comment'
            : field === 'value' || field === 'comment' || field === 'reviewStatus'
              ? field
              : 'value';
      problems[key] ??= issue.message.startsWith('ind.error.') ? issue.message : `ind.error.${key}`;
    }
  }
  // The server refuses these too; saying it here keeps the write out of "needs attention".
  if (!hasRole(role, 'focal_point')) problems.value ??= 'ind.error.forbidden';
  const status = change.reviewStatus;
  if (status && !hasRole(role, 'supervisor') && !FOCAL_POINT_STATUSES.includes(status))
    problems.reviewStatus = 'ind.error.supervisorOnly';
  return problems;
}

const FIELDS = ['value', 'comment', 'reviewStatus', 'reviewComment'] as const;

/**
 * Saves a focal point's change of an indicator value. In ONE transaction, like a review (reviews.ts): the
 * value as shown and its mutation in the outbox, and, when its review changed, the event that keeps that
 * action in the review history. Only the fields that differ from what the user saw are
 * written, each with the clock of the value it replaces as base, so a colleague's concurrent review of the
 * same value (another field) is kept. Every put carries the identity, so whichever write reaches the server
 * first creates the record.
 *
 * Returns the value as shown; nothing is written when nothing differs. Throws IndicatorValueInvalidError.
 */
export async function saveIndicatorValue(
  db: TerrainDb,
  identity: IndicatorValueIdentity,
  change: IndicatorValueChange,
  role: Role,
  now = new Date(),
): Promise<IndicatorValueRecord | undefined> {
  const problems = indicatorValueProblems(identity, change, role);
  if (Object.keys(problems).length > 0) throw new IndicatorValueInvalidError(problems);
  const id = indicatorValueIdOf(identity);
  const spec = mergeTable('indicatorValues');
  return db.transaction('rw', [db.indicatorValues, db.reviewEvents, db.outbox, db.meta], async () => {
    const current = await db.indicatorValues.get(id);
    // A deleted value is edited as if empty; the edit brings it back.
    const shown: Record<string, unknown> = current?.deleted ? spec.defaults : (current ?? spec.defaults);
    const { indicatorId, projectId, periodStart, periodEnd } = identity;
    const fields: Record<string, unknown> = { ...identity };
    const base: Record<string, string> = {};
    for (const name of FIELDS) {
      const next = change[name];
      if (next === undefined || next === shown[name]) continue;
      fields[name] = next;
      const seen = current?.clocks?.[name];
      if (seen !== undefined) base[name] = seen;
    }
    if (!FIELDS.some((name) => name in fields)) return current;
    // Every put also says the value is not deleted: name the tombstone's clock as seen.
    if (current?.clocks?.deleted !== undefined) base.deleted = current.clocks.deleted;

    const parsed = parseWrite(spec, 'put', fields);
    if (!parsed.ok) throw parsed.error;
    // The server's rule, against the value as this device shows it: a supervisor's decision is not a
    // focal point's to undo (src/core/records/reviewTransitions.ts). Said here, it stays out of "needs attention".
    if (refuseIndicatorValue(role, parsed.values, current) !== null) {
      const field = 'reviewStatus' in fields || 'reviewComment' in fields ? 'reviewStatus' : 'value';
      throw new IndicatorValueInvalidError({ [field]: 'ind.error.locked' });
    }
    await appendMutation(db, { table: 'indicatorValues', id, op: 'put', fields, base }, now);
    const entries = await db.outbox.where('[table+id]').equals(['indicatorValues', id]).toArray();
    // The indicatorValues table holds the rows `overlay` builds: the fields plus the merge bookkeeping.
    const row = overlay(
      'indicatorValues',
      id,
      { indicatorId, projectId, periodStart, periodEnd },
      current?.server ?? {},
      entries,
      db.userId,
    );
    await db.indicatorValues.put(row as unknown as IndicatorValueRecord);
    if ('reviewStatus' in fields || 'reviewComment' in fields)
      await appendReviewEvent(
        db,
        { table: 'indicatorValues', id, projectId },
        {
          status: fields.reviewStatus as ReviewStatus | null | undefined,
          comment: fields.reviewComment as string | undefined,
        },
        now,
      );
    return row as unknown as IndicatorValueRecord;
  });
}
