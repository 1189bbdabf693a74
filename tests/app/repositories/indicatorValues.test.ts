import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import {
  IndicatorValueInvalidError,
  indicatorValueIdOf,
  saveIndicatorValue,
} from '../../../src/app/repositories/indicatorValues';
import { openTestDb, USER_ID } from '../fixtures';

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  await db.delete();
});

const identity = {
  indicatorId: 'ind-water',
  projectId: 'p-gao',
  periodStart: '2024-01-01',
  periodEnd: '2024-06-30',
  categories: {},
};

describe('indicator values', () => {
  it('writes the value and its outbox mutation together, with the identity in every put', async () => {
    const row = await saveIndicatorValue(
      db,
      identity,
      { value: 250, comment: 'Rapport partenaire' },
      'focal_point',
    );
    const id = indicatorValueIdOf(identity);
    expect(row).toMatchObject({ id, value: 250, comment: 'Rapport partenaire', enteredBy: USER_ID });
    expect(await db.indicatorValues.get(id)).toEqual(row);
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      table: 'indicatorValues',
      id,
      op: 'put',
      fields: { ...identity, value: 250, comment: 'Rapport partenaire' },
      base: {},
    });
    expect(row?.clocks?.value).toBe(outbox[0]!.hlc);
  });

  it('sends only what changed, based on the clocks it saw; a review goes the same way', async () => {
    await saveIndicatorValue(db, identity, { value: 250, comment: 'x' }, 'focal_point');
    const first = (await db.outbox.toArray())[0]!;
    expect(await saveIndicatorValue(db, identity, { value: 250, comment: 'x' }, 'focal_point')).toBeDefined();
    expect(await db.outbox.count()).toBe(1);
    await saveIndicatorValue(db, identity, { reviewStatus: 'verified' }, 'focal_point');
    const second = (await db.outbox.toArray())[1]!;
    expect(second.fields).toEqual({ ...identity, reviewStatus: 'verified' });
    expect(second.base).toEqual({ deleted: first.hlc });
    const row = await db.indicatorValues.get(indicatorValueIdOf(identity));
    expect(row).toMatchObject({ value: 250, reviewStatus: 'verified', reviewedBy: USER_ID });
  });

  it('keeps a supervisor’s decision from a focal point: the approved figure and its status are locked', async () => {
    await saveIndicatorValue(db, identity, { value: 250, reviewStatus: 'approved' }, 'supervisor');
    for (const change of [{ value: 251 }, { reviewStatus: 'verified' as const }, { reviewStatus: null }]) {
      const problems = await saveIndicatorValue(db, identity, change, 'focal_point').catch(
        (e: IndicatorValueInvalidError) => e.problems,
      );
      expect(Object.values(problems ?? {})).toEqual(['ind.error.locked']);
    }
    // The supervisor's value and its review event only.
    expect(await db.outbox.count()).toBe(2);
    // The supervisor reopens it; the focal point may then correct it.
    await saveIndicatorValue(db, identity, { reviewStatus: null }, 'supervisor');
    await saveIndicatorValue(db, identity, { value: 251 }, 'focal_point');
    expect(await db.indicatorValues.get(indicatorValueIdOf(identity))).toMatchObject({
      value: 251,
      reviewStatus: null,
    });
  });

  it('gives one id per identity, whatever the order of categories', () => {
    const a = indicatorValueIdOf({ ...identity, categories: { sex: 'f', age: 'u5' } });
    const b = indicatorValueIdOf({ ...identity, categories: { age: 'u5', sex: 'f' } });
    expect(a).toBe(b);
    expect(a).not.toBe(indicatorValueIdOf(identity));
  });

  it('refuses an invalid value with a message per field, and writes nothing', async () => {
    const refused = async (
      ...args: Parameters<typeof saveIndicatorValue> extends [unknown, ...infer R] ? R : never
    ) => {
      const error = await saveIndicatorValue(db, ...args).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IndicatorValueInvalidError);
      return (error as IndicatorValueInvalidError).problems;
    };
    expect(await refused(identity, { value: Number.NaN }, 'focal_point')).toEqual({
      value: 'ind.error.value',
    });
    expect(await refused({ ...identity, periodEnd: '2023-12-31' }, { value: 1 }, 'focal_point')).toEqual({
      period: 'ind.error.period',
    });
    expect(await refused(identity, { value: 1 }, 'agent')).toEqual({ value: 'ind.error.forbidden' });
    expect(await refused(identity, { reviewStatus: 'approved' }, 'focal_point')).toEqual({
      reviewStatus: 'ind.error.supervisorOnly',
    });
    expect(
      await refused(identity, { reviewStatus: 'has_issues', reviewComment: ' ' }, 'focal_point'),
    ).toEqual({
      comment: 'ind.error.issueComment',
    });
    expect(await db.indicatorValues.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('writes neither when the outbox write fails (one transaction)', async () => {
    // An occupied seq makes appendMutation's `add` fail, as a corrupted meta row would.
    await db.outbox.add({
      seq: 1,
      mutationId: 'm',
      table: 'reviews',
      id: 'x',
      op: 'put',
      fields: {},
      hlc: '0',
      createdAt: '2024-01-01T00:00:00.000Z',
      state: 'pending',
    });
    await expect(saveIndicatorValue(db, identity, { value: 3 }, 'supervisor')).rejects.toThrow();
    expect(await db.indicatorValues.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
  });
});
