import { describe, expect, it } from 'vitest';
import type { FormItem } from '../../../../src/core/forms/definition';
import { issues, item, ok, sheet, survey } from './dsl';

const Q = ['type', 'name', 'label', 'repeat_count', 'relevant', 'appearance'];

const shape = (items: FormItem[]): unknown[] =>
  items.map((i) => (i.kind === 'question' ? i.name : { [`${i.kind}:${i.name}`]: shape(i.items) }));

describe('XLSForm groups and repeats', () => {
  it('nests groups and repeats in any order (begin_group, begin repeat spellings)', () => {
    const form = ok(
      survey(
        Q,
        ['begin_group', 'hh', 'Household', '', '', 'field-list'],
        ['text', 'village', 'Village'],
        ['begin repeat', 'members', 'Members', '${n}', "${village} != ''"],
        ['begin group', 'person', 'Person'],
        ['text', 'first', 'First name'],
        ['begin_repeat', 'visits', 'Visits'],
        ['date', 'visit_date', 'Date'],
        ['end_repeat'],
        ['end group'],
        ['end repeat'],
        ['end_group'],
        ['integer', 'n', 'How many?'],
      ),
    );
    expect(shape(form.items)).toEqual([
      {
        'group:hh': [
          'village',
          { 'repeat:members': [{ 'group:person': ['first', { 'repeat:visits': ['visit_date'] }] }] },
        ],
      },
      'n',
    ]);
    expect(item(form, 'hh')).toMatchObject({ appearance: 'field-list', label: { und: 'Household' }, row: 2 });
    expect(item(form, 'members')).toMatchObject({
      kind: 'repeat',
      repeatCount: '${n}',
      relevant: "${village} != ''",
      row: 4,
    });
    expect(item(form, 'visits')).not.toHaveProperty('repeatCount');
  });

  it('accepts an empty group and end rows carrying a name', () => {
    const form = ok(survey(['type', 'name'], ['begin group', 'g'], ['end group', 'g'], ['text', 'a']));
    expect(shape(form.items)).toEqual([{ 'group:g': [] }, 'a']);
  });

  it('reports an end without begin at its row', () => {
    expect(issues(survey(['type', 'name'], ['text', 'a'], ['end group']))).toEqual([
      { sheet: 'survey', row: 3, column: 'type', message: 'end group without a matching begin group' },
    ]);
  });

  it('reports a block that is never closed at its begin row', () => {
    expect(issues(survey(['type', 'name'], ['begin repeat', 'r'], ['text', 'a']))).toEqual([
      { sheet: 'survey', row: 2, column: 'type', message: 'begin repeat r is never closed: add end repeat' },
    ]);
  });

  it('reports an end that closes the wrong kind of block', () => {
    const found = issues(
      survey(
        ['type', 'name'],
        ['begin group', 'g'],
        ['begin repeat', 'r'],
        ['text', 'a'],
        ['end group'],
        ['end repeat'],
      ),
    );
    expect(found.map((i) => [i.row, i.message])).toEqual([
      [5, 'end group closes begin repeat r of row 3'],
      [6, 'end repeat closes begin group g of row 2'],
    ]);
  });

  it('skips blank rows and rows of notes, keeping the sheet row numbers', () => {
    const form = ok({
      survey: [
        { row: 2, cells: { type: 'text', name: 'a', notes: '' } },
        { row: 3, cells: { type: '', name: '', notes: '' } },
        { row: 9, cells: { type: '', name: '', notes: 'a remark' } },
        { row: 10, cells: { type: 'integer', name: 'b', notes: '' } },
      ],
    });
    expect(form.items.map((i) => i.row)).toEqual([2, 10]);
  });

  it('the result passes FormDefinition and keeps the answers of one level apart across groups', () => {
    // Terrain keeps a group's answers at its parent's level: g's a and the root's a would be one answer.
    expect(
      issues(survey(['type', 'name'], ['begin group', 'g'], ['text', 'a'], ['end group'], ['text', 'a'])),
    ).toEqual([
      {
        sheet: 'survey',
        row: 5,
        column: 'name',
        message: expect.stringMatching(/^a is also the name of row 3, whose answer Terrain keeps/) as string,
      },
    ]);
    const rows = sheet(['type', 'name'], ['text', 'x']);
    expect(ok({ survey: rows }).items).toHaveLength(1);
  });
});
