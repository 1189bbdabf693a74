import { describe, expect, it } from 'vitest';
import { run, text } from './run';

const answers = { water: ['well', 'river', 'tap_water'], one: 'well', none: [], unanswered: undefined };

describe('select functions', () => {
  it('selected works on select_multiple arrays and select_one strings', () => {
    expect(run("selected(${water}, 'river')", answers)).toBe(true);
    expect(run("selected(${water}, 'tap')", answers)).toBe(false);
    expect(run("selected(${water}, ' well ')", answers)).toBe(true);
    expect(run("selected(${water}, '')", answers)).toBe(false);
    expect(run("selected(${one}, 'well')", answers)).toBe(true);
    expect(run("selected(${none}, 'well')", answers)).toBe(false);
    expect(run("selected(${unanswered}, 'well')", answers)).toBe(false);
    expect(run("selected('a  b', 'b')")).toBe(true);
  });

  it('count-selected counts the choices', () => {
    expect(run('count-selected(${water})', answers)).toBe(3);
    expect(run('count-selected(${one})', answers)).toBe(1);
    expect(run('count-selected(${none})', answers)).toBe(0);
    expect(run('count-selected(${unanswered})', answers)).toBe(0);
  });

  it('selected-at picks by 0-based index, empty beyond the end', () => {
    expect(run('selected-at(${water}, 0)', answers)).toBe('well');
    expect(run('selected-at(${water}, 2)', answers)).toBe('tap_water');
    expect(run('selected-at(${water}, 3)', answers)).toBe('');
    expect(run('selected-at(${water}, -1)', answers)).toBe('');
    expect(run('selected-at(${unanswered}, 0)', answers)).toBe('');
  });

  it('jr:choice-name asks the engine for the label of the referenced field', () => {
    const calls: string[] = [];
    const choiceLabel = (field: string, value: string): string => {
      calls.push(`${field}:${value}`);
      return value === 'well' ? 'Puits' : value.toUpperCase();
    };
    expect(text("jr:choice-name(${one}, '${one}')", answers, { choiceLabel })).toBe('Puits');
    expect(text("jr:choice-name(selected-at(${water}, 1), '${water}')", answers, { choiceLabel })).toBe(
      'RIVER',
    );
    expect(text('jr:choice-name(${one}, ${field})', { ...answers, field: '${one}' }, { choiceLabel })).toBe(
      'Puits',
    );
    expect(text("jr:choice-name(${unanswered}, '${unanswered}')", answers, { choiceLabel })).toBe('');
    expect(calls).toEqual(['one:well', 'water:river', 'one:well']);
    expect(text("jr:choice-name(${one}, '${one}')", answers)).toBe('well');
  });
});
