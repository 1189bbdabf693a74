import { describe, expect, it } from 'vitest';
import { createFormEngine, triggeredChanges } from '../../../../src/core/forms/engine';
import { convert, ok, sheet, survey } from './dsl';

/** Forms as authors write them for ODK, converted then filled by the engine. */

describe('bare names and relative paths (issue 13, item 4)', () => {
  const form = ok(
    survey(
      ['type', 'name', 'label', 'calculation', 'relevant'],
      ['integer', 'age', 'Âge'],
      ['calculate', 'nothing', '', 'null'],
      ['calculate', 'blank', '', "if(name = '', 'vide', 'plein')"],
      ['begin repeat', 'household', 'Ménage'],
      ['integer', 'size', 'Taille'],
      ['begin repeat', 'member', 'Membre'],
      ['integer', 'm_age', 'Âge'],
      ['calculate', 'share', '', '../../size * 10 + ../m_age'],
      ['text', 'note', 'Note', '', 'current()/../m_age > 10'],
      ['end repeat'],
      ['calculate', 'total', '', 'sum(../member/share)'],
      ['end repeat'],
      ['calculate', 'abs', '', '/data/age + 1'],
    ),
  );
  const engine = createFormEngine(form);

  it('converts, and reads a bare name as the empty child of the current node', () => {
    const state = engine.evaluate({ age: 30 }, 'fr');
    expect(state.answers.nothing).toBeUndefined();
    expect(state.answers.blank).toBe('vide');
    expect(state.answers.abs).toBe(31);
  });

  it('resolves ../x and current()/../x inside nested repeats, per instance', () => {
    const draft = {
      household: [
        { size: 2, member: [{ m_age: 5 }, { m_age: 40 }] },
        { size: 3, member: [{ m_age: 12 }] },
      ],
    };
    const state = engine.evaluate(draft, 'fr');
    const [h1, h2] = state.answers.household as { member: { share: number }[]; total: number }[];
    expect(h1?.member.map((m) => m.share)).toEqual([25, 60]);
    expect(h1?.total).toBe(85);
    expect(h2?.total).toBe(42);
    expect(state.relevant(['household', 0, 'member', 0, 'note'])).toBe(false);
    expect(state.relevant(['household', 0, 'member', 1, 'note'])).toBe(true);
  });
});

describe('positions on path steps: ${t}[1]/r/s, /data/t[2]/x (pyxform writes ${t} as a path)', () => {
  const form = ok(
    survey(
      ['type', 'name', 'label', 'calculation', 'default'],
      ['begin group', 'g', 'G'],
      ['begin repeat', 't', 'T'],
      ['integer', 'x', 'X'],
      ['begin repeat', 'r', 'R'],
      ['text', 's', 'S', '', '${t}[1]/r/s'],
      ['end repeat'],
      ['end repeat'],
      ['end group'],
      ['calculate', 'second_x', '', '/data/g/t[2]/x'],
      ['calculate', 'by_field', '', '${t}[${pick}]/x'],
      ['integer', 'pick', 'Pick'],
      ['calculate', 'first_s', '', '${t}[1]/r[2]/s'],
      ['calculate', 'all_s', '', 'count(${t}[1]/r/s)'],
      ['calculate', 'group_pos', '', 'count(/data/g[2]/t)'],
      ['calculate', 'missing', '', '${t}[9]/x'],
    ),
  );
  const engine = createFormEngine(form);
  const draft = {
    pick: 2,
    t: [
      { x: 10, r: [{ s: 'a' }, { s: 'b' }] },
      { x: 20, r: [{ s: 'c' }] },
    ],
  };

  it('picks the instance a position names, as an XPath predicate does', () => {
    const state = engine.evaluate(draft, 'fr');
    expect(state.answers).toMatchObject({ second_x: 20, by_field: 20, first_s: 'b', all_s: 2, group_pos: 0 });
    expect(state.answers.missing).toBeUndefined();
  });

  it('defaults a nested answer from the first instance, as pyxform’s own test form does', () => {
    const answers = { t: [{ x: 1, r: [{ s: 'first' }] }, { x: 2 }] };
    expect(engine.newInstance(answers, ['t', 1, 'r'])).toEqual({ s: 'first' });
  });
});

describe('indexed-repeat, pulldata, last-saved, version (item 5)', () => {
  const fruits = sheet(['name', 'price'], ['mango', '2.5'], ['apple', '1']);
  const form = ok({
    survey: sheet(
      ['type', 'name', 'label', 'calculation', 'default'],
      ['text', 'village', 'Village', '', '${last-saved#village}'],
      ['text', 'fruit', 'Fruit'],
      ['calculate', 'price', '', "pulldata('fruits', 'price', 'name', ${fruit})"],
      ['calculate', 'cheap', '', "count(instance('fruits')/root/item[price < 2])"],
      ['begin repeat', 'plot', 'Parcelle'],
      ['decimal', 'yield', 'Rendement'],
      ['end repeat'],
      ['calculate', 'second', '', 'indexed-repeat(${yield}, ${plot}, 2)'],
      ['calculate', 'v', '', 'version()'],
    ),
    settings: sheet(['version'], ['7']),
    attachments: { 'fruits.csv': fruits },
  });

  it('embeds the CSV pulldata reads, and fills from it', () => {
    expect(form.secondaryInstances?.fruits).toEqual([
      { name: 'mango', price: '2.5' },
      { name: 'apple', price: '1' },
    ]);
    const state = createFormEngine(form).evaluate(
      { fruit: 'mango', plot: [{ yield: 1 }, { yield: 4 }] },
      'fr',
    );
    expect(state.answers).toMatchObject({ price: '2.5', cheap: 1, second: 4, v: '7' });
  });

  it('starts a draft with the last saved submission’s value', () => {
    const engine = createFormEngine(form, { lastSaved: { village: 'Ségou' } });
    expect(engine.initialAnswers().village).toBe('Ségou');
    expect(createFormEngine(form).initialAnswers().village).toBeUndefined();
  });

  it('checks that ${last-saved#x} names a field', () => {
    const bad = convert(survey(['type', 'name', 'default'], ['text', 'a', '${last-saved#nope}']));
    expect(!bad.ok && bad.issues[0]?.message).toBe('${nope} is not a field of this form');
  });

  it('says when pulldata’s file is not attached, as an issue when publishing', () => {
    const tables = {
      survey: sheet(['type', 'name', 'calculation'], ['calculate', 'p', "pulldata('prices', 'a', 'b', 'c')"]),
    };
    const preview = convert(tables);
    if (!preview.ok) expect.fail(JSON.stringify(preview.issues));
    expect(preview.missingFiles).toEqual(['prices.csv']);
    const publish = convert({ ...tables, requireAttachments: true });
    expect(publish.ok).toBe(false);
    if (!publish.ok)
      expect(publish.issues[0]?.message).toMatch(/pulldata reads prices\.csv, which is not attached/);
  });
});

describe('the trigger column', () => {
  const form = ok(
    survey(
      ['type', 'name', 'label', 'calculation', 'trigger'],
      ['integer', 'weight', 'Poids'],
      ['integer', 'other', 'Autre'],
      ['decimal', 'double', 'Double', '${weight} * 2 + ${other}', '${weight}'],
      ['text', 'cleared', 'Effacé', '', '${weight}'],
    ),
  );
  const engine = createFormEngine(form);

  it('recomputes only when the trigger changes, and leaves the value editable', () => {
    let state = engine.evaluate({ other: 1 }, 'fr');
    expect(state.answers.double).toBeUndefined();
    state = engine.evaluate({ ...state.answers, weight: 3 }, 'fr');
    expect(state.answers.double).toBe(7);
    state = engine.evaluate({ ...state.answers, other: 100 }, 'fr');
    expect(state.answers.double).toBe(7);
    state = engine.evaluate({ ...state.answers, double: 50 }, 'fr');
    expect(state.answers.double).toBe(50);
    expect(state.readOnly(['double'])).toBe(false);
    state = engine.evaluate({ ...state.answers, weight: 4, cleared: 'x' }, 'fr');
    expect(state.answers.double).toBe(108);
    expect(state.answers.cleared).toBeUndefined();
  });

  it('keeps its bookkeeping out of the submission', () => {
    const state = engine.evaluate({ weight: 3, other: 0 }, 'fr');
    expect(Object.keys(state.answers)).toContain('#trigger:double');
    const result = engine.finalize(state.answers, 'fr');
    expect(result.ok && result.answers).toEqual({ weight: 3, other: 0, double: 6 });
  });

  it('tells a UI holding its own draft which values to take, inside repeats too', () => {
    const evaluated = { a: 1, '#trigger:a': '2', r: [{ b: 3, '#trigger:b': '"x"' }, {}] };
    expect(triggeredChanges(evaluated, { a: 5, '#trigger:a': '2', r: [{ b: 4 }] })).toEqual([
      ['r.0.#trigger:b', '"x"'],
      ['r.0.b', 3],
    ]);
    expect(triggeredChanges(evaluated, evaluated)).toEqual([]);
  });

  it('must name a question of the form', () => {
    const bad = convert(survey(['type', 'name', 'calculation', 'trigger'], ['decimal', 'd', '1', 'weight']));
    expect(!bad.ok && bad.issues.map((i) => [i.column, i.message])).toEqual([
      ['trigger', 'weight is not a trigger: write the question it follows as ${name}'],
    ]);
    const unknown = convert(
      survey(['type', 'name', 'calculation', 'trigger'], ['decimal', 'd', '1', '${nope}']),
    );
    expect(!unknown.ok && unknown.issues[0]?.message).toBe('${nope} is not a field of this form');
  });

  it('is needed by background-geopoint, which may follow a question of another group from a repeat', () => {
    const header = ['type', 'name', 'label', 'trigger'];
    const missing = convert(survey(header, ['integer', 'temp', 'T'], ['background-geopoint', 'geo', '']));
    expect(!missing.ok && missing.issues.map((i) => [i.row, i.column])).toEqual([[3, 'trigger']]);
    const across = survey(
      header,
      ['begin_group', 'groupA', ''],
      ['integer', 'temp', 'T'],
      ['end_group'],
      ['begin_repeat', 'groupB', ''],
      ['background-geopoint', 'geo', '', '${temp}'],
      ['end_repeat'],
    );
    expect(convert(across).ok).toBe(true);
  });
});
