import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError, type InstanceItem } from '../../../../src/core/forms/expr';
import { run, text } from './run';

const seclass: InstanceItem[] = [
  { name: '1', label: 'Unknown', itextId: 'Unknown' },
  { name: '2', label: 'Lower', itextId: 'Lower', band: 'low' },
  { name: '3', label: 'Lower', itextId: 'Lower', band: 'low' },
  { name: '4', label: 'Middle', itextId: 'Middle', band: 'mid' },
];
const instance = (list: string) => (list === 'seclass' ? seclass : []);

function errorOf(source: string): { message: string; offset: number } | undefined {
  try {
    compileExpression(source);
    return undefined;
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return { message: error.message, offset: error.offset };
  }
}

describe("instance('list')/root/item[predicate]/column", () => {
  it('reads a column of the items the predicate keeps, with bare names naming the item columns', () => {
    const itext = "jr:itext(instance('seclass')/root/item[name = ${income}]/itextId)";
    expect(text(itext, { income: '3' }, { instance })).toBe('Lower');
    expect(text(itext, { income: '9' }, { instance })).toBe('');
    expect(
      text("instance('seclass')/root/item[band = 'mid' and name != ${x}]/label", { x: '1' }, { instance }),
    ).toBe('Middle');
    expect(text("instance('seclass')/root/item[name = ${x}]/band", { x: '1' }, { instance })).toBe('');
  });

  it('is a node-set: first member as a value, every member in aggregates, existential in comparisons', () => {
    expect(run("count(instance('seclass')/root/item)", {}, { instance })).toBe(4);
    expect(run("count(instance('seclass')/root/item[band = 'low'])", {}, { instance })).toBe(2);
    expect(run("sum(instance('seclass')/root/item[band = 'low']/name)", {}, { instance })).toBe(5);
    expect(text("join(',', instance('seclass')/root/item/label)", {}, { instance })).toBe(
      'Unknown,Lower,Lower,Middle',
    );
    expect(run("instance('seclass')/root/item/label = 'Middle'", {}, { instance })).toBe(true);
    expect(text("instance('seclass')/root/item[2]/label", {}, { instance })).toBe('Lower');
  });

  it('reads nothing without an instance callback or for an unknown list', () => {
    expect(run("count(instance('seclass')/root/item)")).toBe(0);
    expect(run("count(instance('other')/root/item)", {}, { instance })).toBe(0);
  });

  it('lists the lists and columns it reads, and the fields of its predicate', () => {
    const compiled = compileExpression("jr:itext(instance('seclass')/root/item[name = ${income}]/itextId)");
    expect(compiled.instances).toEqual([{ list: 'seclass', columns: ['itextId', 'name'] }]);
    expect(compiled.references).toEqual(['income']);
    expect(compileExpression('${a} + 1').instances).toEqual([]);
  });

  it.each([
    ['/data/x[1', "Unclosed '[': add the closing ']'", 7],
    ["instance('s')/root/item", "instance('s')/root/item needs a /column, except in count()", 0],
    ["instance('s')/data/item/a", "Expected /root: write instance('list')/root/item[condition]/column", 13],
    ["instance('s')/root/row/a", "Expected /item: write instance('list')/root/item[condition]/column", 18],
    ["instance('s')/root/item[name = 1/a", "Unclosed '[': add the closing ']'", 23],
    [
      "instance('s')/root/item/'a'",
      "Expected a column name: write instance('list')/root/item[condition]/column",
      24,
    ],
    [
      'instance(${s})/root/item/a',
      "instance() takes a choice list name in quotes: write instance('list')/root/item[condition]/column",
      0,
    ],
  ])('refuses %s', (source, message, offset) => {
    expect(errorOf(source)).toEqual({ message, offset });
  });
});

describe('jr:itext', () => {
  it('returns its argument as a string (the label is already resolved)', () => {
    expect(text("jr:itext('Bonjour')")).toBe('Bonjour');
    expect(text('jr:itext(${x})', { x: 12 })).toBe('12');
  });
});
