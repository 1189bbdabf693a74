import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import { Review } from '../../../src/core/records/review';
import { applyWrites, type FieldStates } from '../../../src/core/sync/merge';
import { mergeTable } from '../../../src/core/sync/mergeTables';
import { fieldWrites, materialize, parseWrite, valueAt, valuesOf } from '../../../src/core/sync/mergeRecords';

const spec = mergeTable('reviews');
const identity = { submissionId: 'sub-1', projectId: 'p-gao' };
const at = (wall: number, node: string) => encodeHlc({ wall, counter: 0, node });

function write(
  state: FieldStates,
  op: 'put' | 'delete',
  fields: Record<string, unknown>,
  hlc: string,
  by: string,
  base?: Record<string, string>,
) {
  const parsed = parseWrite(spec, op, { ...identity, ...fields });
  if (!parsed.ok) throw parsed.error;
  return applyWrites(state, fieldWrites(spec, parsed.values, { hlc, by, base }));
}

const record = (state: FieldStates) => Review.parse(materialize(spec, 'sub-1', identity, valuesOf(state)));

describe('the reviews table', () => {
  it('turns a put into field writes, one per map entry, with the tombstone and the stamp', () => {
    const parsed = parseWrite(spec, 'put', {
      ...identity,
      status: 'verified',
      fieldComments: { age: 'Too old?', name: null },
    });
    expect(parsed).toEqual({
      ok: true,
      identity,
      values: {
        status: 'verified',
        'fieldComments.age': 'Too old?',
        'fieldComments.name': null,
        deleted: false,
      },
    });
    const writes = fieldWrites(
      spec,
      { status: 'verified' },
      { hlc: at(1, 'd'), by: 'u1', base: { status: at(0, 's') } },
    );
    expect(writes).toEqual([
      { path: 'status', value: 'verified', hlc: at(1, 'd'), by: 'u1', base: at(0, 's') },
      { path: 'reviewedBy', value: 'u1', hlc: at(1, 'd'), by: 'u1', base: at(0, 's') },
    ]);
  });

  it('refuses unknown fields, a stamped field, a bad status, a missing identity', () => {
    for (const fields of [
      { ...identity, colour: 'red' },
      { ...identity, reviewedBy: 'me' },
      { ...identity, status: 'maybe' },
      { status: 'verified' },
      { ...identity, fieldComments: { 'not a name': 'x' } },
    ]) {
      expect(parseWrite(spec, 'put', fields).ok).toBe(false);
    }
    expect(parseWrite(spec, 'delete', { ...identity, status: 'verified' }).ok).toBe(false);
  });

  it('keeps both comments of two focal points who commented on different questions offline', () => {
    let state: FieldStates = write({}, 'put', { status: 'verified' }, at(1, 'a'), 'u-a').state;
    const base = { 'fieldComments.age': '', 'fieldComments.village': '' };
    const one = write(state, 'put', { fieldComments: { age: 'Check the age' } }, at(5, 'a'), 'u-a', base);
    const two = write(
      one.state,
      'put',
      { fieldComments: { village: 'Which Gao?' } },
      at(4, 'b'),
      'u-b',
      base,
    );
    state = two.state;
    expect(one.lost).toEqual([]);
    expect(two.lost).toEqual([]);
    expect(record(state)).toMatchObject({
      status: 'verified',
      reviewedBy: 'u-a',
      fieldComments: { age: 'Check the age', village: 'Which Gao?' },
      deleted: false,
    });
    // Removing one comment removes it alone.
    state = write(state, 'put', { fieldComments: { age: null } }, at(6, 'b'), 'u-b', {
      'fieldComments.age': at(5, 'a'),
    }).state;
    expect(record(state).fieldComments).toEqual({ village: 'Which Gao?' });
    expect(valueAt(spec, record(state), 'fieldComments.age')).toBeNull();
  });

  it('merges a delete and a concurrent edit by clock, logging the loser either way', () => {
    const created = write({}, 'put', { comment: 'ok' }, at(1, 'a'), 'u-a').state;
    const seen = { deleted: at(1, 'a'), comment: at(1, 'a') };
    // The delete is later: the record is a tombstone that keeps the edit; the edit's "alive" is logged.
    const deleteLater = write(
      write(created, 'put', { comment: 'edited' }, at(2, 'b'), 'u-b', seen).state,
      'delete',
      {},
      at(3, 'c'),
      'u-super',
      { deleted: at(1, 'a') },
    );
    expect(record(deleteLater.state)).toMatchObject({ deleted: true, comment: 'edited' });
    expect(deleteLater.lost).toMatchObject([
      { path: 'deleted', losing: { value: false, by: 'u-b' }, winning: { value: true, by: 'u-super' } },
    ]);
    // The edit is later: the record lives on; the delete is logged.
    const editLater = write(
      write(created, 'delete', {}, at(2, 'c'), 'u-super', { deleted: at(1, 'a') }).state,
      'put',
      { comment: 'edited' },
      at(3, 'b'),
      'u-b',
      seen,
    );
    expect(record(editLater.state)).toMatchObject({ deleted: false, comment: 'edited' });
    expect(editLater.lost).toMatchObject([{ path: 'deleted', losing: { value: true, by: 'u-super' } }]);
  });

  it('lets focal points verify and flag, and only supervisors and admins approve, reject or withdraw', () => {
    expect(spec.refuse('focal_point', { status: 'verified', deleted: false })).toBeNull();
    expect(spec.refuse('focal_point', { status: 'has_issues', comment: 'x', deleted: false })).toBeNull();
    expect(spec.refuse('focal_point', { status: null, deleted: false })).toBeNull();
    expect(spec.refuse('focal_point', { status: 'approved', deleted: false })).toMatch(/supervisors/);
    expect(spec.refuse('focal_point', { deleted: true })).toMatch(/supervisors/);
    expect(spec.refuse('agent', { comment: 'x', deleted: false })).toMatch(/focal points/);
    for (const role of ['supervisor', 'admin'] as const) {
      expect(spec.refuse(role, { status: 'rejected', deleted: false })).toBeNull();
      expect(spec.refuse(role, { deleted: true })).toBeNull();
    }
    expect(spec.idOf?.(identity)).toBe('sub-1');
    expect(spec.projectOf(identity, 'x')).toBe('p-gao');
  });
});

describe("the projects table's documents", () => {
  const spec = mergeTable('projects');
  const doc = (sha: string, extra: Record<string, unknown> = {}) => ({
    sha256: sha.repeat(64),
    title: 'Plan',
    name: 'plan.pdf',
    type: 'application/pdf',
    ...extra,
  });
  it('takes a list naming each file once, with the later fields defaulted; refuses a file twice', () => {
    const ok = parseWrite(spec, 'put', { documents: [doc('a'), doc('b', { category: 'A07' })] });
    expect(ok.ok && ok.values.documents).toMatchObject([
      { category: 'A02', public: false, language: null, date: null },
      { category: 'A07' },
    ]);
    expect(parseWrite(spec, 'put', { documents: [doc('a'), doc('a', { title: 'Autre' })] }).ok).toBe(false);
    expect(parseWrite(spec, 'put', { documents: [doc('a', { category: 'C01' })] }).ok).toBe(false);
  });
  it('lets only admins make a document public', () => {
    const stored = { documents: [doc('a')] };
    expect(spec.refuse('supervisor', { documents: [doc('a', { public: true })] }, stored)).toMatch(/admins/);
    expect(spec.refuse('admin', { documents: [doc('a', { public: true })] }, stored)).toBeNull();
    expect(spec.refuse('supervisor', { documents: [doc('a'), doc('b')] }, stored)).toBeNull();
  });
});
