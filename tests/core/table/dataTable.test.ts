import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REVIEW_STATUSES } from '../../../src/core/records/review';
import {
  answerSortValue,
  answerText,
  compareValues,
  DEFAULT_QUERY,
  foldText,
  queryRows,
  type SortValue,
  type StatusFilter,
  type TableRow,
} from '../../../src/core/table/dataTable';

const value: fc.Arbitrary<SortValue> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -1000, max: 1000 }),
  fc.string({ maxLength: 6 }),
);
const status = fc.constantFrom(null, ...REVIEW_STATUSES);
const rows: fc.Arbitrary<TableRow[]> = fc
  .array(fc.tuple(status, fc.array(value, { minLength: 2, maxLength: 2 })), { maxLength: 30 })
  .map((list) =>
    list.map(([s, values], i) => ({
      id: `r${i}`,
      status: s,
      values,
      texts: values.map((v) => (v === null ? '' : String(v))),
    })),
  );
const filter: fc.Arbitrary<StatusFilter> = fc.constantFrom('all', 'none', ...REVIEW_STATUSES);

const row = (id: string, values: SortValue[], s: TableRow['status'] = null): TableRow => ({
  id,
  status: s,
  values,
  texts: values.map((v) => (v === null ? '' : String(v))),
});

describe('the data table query', () => {
  it('sorts numbers by value, text as a French reader does, blanks last both ways', () => {
    const list = [row('a', [10]), row('b', [null]), row('c', [9]), row('d', [100])];
    const up = queryRows(list, { ...DEFAULT_QUERY, sortColumn: 0 });
    expect(up.map((r) => r.id)).toEqual(['c', 'a', 'd', 'b']);
    const down = queryRows(list, { ...DEFAULT_QUERY, sortColumn: 0, descending: true });
    expect(down.map((r) => r.id)).toEqual(['d', 'a', 'c', 'b']);
    const names = [row('1', ['Ousmane']), row('2', ['Élise']), row('3', ['awa']), row('4', ['Zeinab'])];
    expect(queryRows(names, { ...DEFAULT_QUERY, sortColumn: 0 }).map((r) => r.texts[0])).toEqual([
      'awa',
      'Élise',
      'Ousmane',
      'Zeinab',
    ]);
  });

  it('searches the shown cells without case or accents', () => {
    const list = [row('a', ['Aïssata Maïga', 7]), row('b', ['Moussa', 12])];
    expect(queryRows(list, { ...DEFAULT_QUERY, search: '  MAIGA ' }).map((r) => r.id)).toEqual(['a']);
    expect(queryRows(list, { ...DEFAULT_QUERY, search: '12' }).map((r) => r.id)).toEqual(['b']);
    expect(foldText('Ménaka')).toBe('menaka');
  });

  it('filters by review status, "none" being the rows not reviewed yet', () => {
    const list = [row('a', [1], 'verified'), row('b', [2], null), row('c', [3], 'has_issues')];
    expect(queryRows(list, { ...DEFAULT_QUERY, status: 'none' }).map((r) => r.id)).toEqual(['b']);
    expect(queryRows(list, { ...DEFAULT_QUERY, status: 'has_issues' }).map((r) => r.id)).toEqual(['c']);
    expect(queryRows(list, DEFAULT_QUERY)).toHaveLength(3);
  });

  it('keeps exactly the rows that pass the filter and the search, each once', () => {
    fc.assert(
      fc.property(
        rows,
        filter,
        fc.string({ maxLength: 2 }),
        fc.option(fc.constantFrom(0, 1)),
        fc.boolean(),
        (list, s, search, sortColumn, descending) => {
          const out = queryRows(list, { sortColumn, descending, status: s, search });
          const needle = foldText(search);
          const expected = list.filter(
            (r) =>
              (s === 'all' || (s === 'none' ? r.status === null : r.status === s)) &&
              (!needle || r.texts.some((t) => foldText(t).includes(needle))),
          );
          expect(new Set(out.map((r) => r.id))).toEqual(new Set(expected.map((r) => r.id)));
          expect(out).toHaveLength(expected.length);
        },
      ),
    );
  });

  it('orders by the column, blanks last, ties in the input order (a stable sort)', () => {
    fc.assert(
      fc.property(rows, fc.constantFrom(0, 1), fc.boolean(), (list, column, descending) => {
        const out = queryRows(list, { ...DEFAULT_QUERY, sortColumn: column, descending });
        const index = new Map(list.map((r, i) => [r.id, i]));
        for (let i = 1; i < out.length; i += 1) {
          const a = out[i - 1]!.values[column] ?? null;
          const b = out[i]!.values[column] ?? null;
          if (a === null) expect(b).toBeNull();
          if (a === null || b === null) continue;
          const order = (descending ? -1 : 1) * compareValues(a, b);
          expect(order).toBeLessThanOrEqual(0);
          if (order === 0) expect(index.get(out[i - 1]!.id)!).toBeLessThan(index.get(out[i]!.id)!);
        }
      }),
    );
  });

  it('compares as a total order: antisymmetric and transitive', () => {
    fc.assert(
      fc.property(value, value, value, (a, b, c) => {
        expect(Math.sign(compareValues(a, b))).toBe(-Math.sign(compareValues(b, a)) || 0);
        if (compareValues(a, b) <= 0 && compareValues(b, c) <= 0)
          expect(compareValues(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('shows answers as text: choices by label, lists joined, numbers sort as numbers', () => {
    const label = (code: string) => ({ gao: 'Gao', kidal: 'Kidal' })[code] ?? code;
    expect(answerText(['gao', 'kidal'], label)).toBe('Gao, Kidal');
    expect(answerText({ lat: 16.27, lon: -0.04 }, label)).toBe('16.27, -0.04');
    expect(answerText(undefined, label)).toBe('');
    expect(answerSortValue(7, '7')).toBe(7);
    expect(answerSortValue(undefined, '')).toBeNull();
    expect(answerSortValue('gao', 'Gao')).toBe('Gao');
  });
});
