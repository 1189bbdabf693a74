import { describe, expect, it } from 'vitest';
import { engine, form, q, repeat } from './dsl';

const household = engine(
  form(
    q.integer('size'),
    repeat(
      'member',
      { repeatCount: '${size}' },
      q.integer('age'),
      q.text('pregnant', { relevant: '${age} >= 15' }),
      q.calculate('rank', 'position(..)'),
      q.calculate('double', '${age} * 2'),
      repeat(
        'illness',
        q.text('kind'),
        // Refers to a field of the enclosing instance and to a sibling of its own instance.
        q.integer('days', { relevant: "${age} < 5 and ${kind} = 'fever'" }),
        q.calculate('where', 'concat(${rank}, ".", position(..))'),
      ),
    ),
    q.calculate('total_age', 'sum(${age})'),
    q.calculate('members', 'count(${member})'),
    q.calculate('oldest', 'max(${age})'),
    q.calculate('fevers', 'count(${days})'),
    q.integer('check', { relevant: 'count(${age}) > 1' }),
  ),
);

const draft = {
  size: 2,
  member: [
    {
      age: 3,
      illness: [
        { kind: 'fever', days: 2 },
        { kind: 'cough', days: 9 },
      ],
    },
    { age: 40, pregnant: 'no', illness: [{ kind: 'fever', days: 4 }] },
  ],
};

describe('repeats', () => {
  it('evaluates relevance per instance, in nested repeats from outer-instance fields and siblings', () => {
    const s = household.evaluate(draft, 'en');
    expect(s.relevant(['member', 0, 'pregnant'])).toBe(false);
    expect(s.relevant(['member', 1, 'pregnant'])).toBe(true);
    expect(s.relevant(['member', 0, 'illness', 0, 'days'])).toBe(true);
    expect(s.relevant(['member', 0, 'illness', 1, 'days'])).toBe(false); // cough
    expect(s.relevant(['member', 1, 'illness', 0, 'days'])).toBe(false); // 40 years old
    expect(s.relevant(['member', 0])).toBe(true);
    expect(s.relevant(['member', 5, 'age'])).toBe(false);
  });

  it('computes calculations per instance with position(..), in nested instances too', () => {
    const member = (s: ReturnType<typeof household.evaluate>, i: number) =>
      (s.answers.member as Record<string, unknown>[])[i];
    const s = household.evaluate(draft, 'en');
    expect(member(s, 0)).toMatchObject({ rank: 1, double: 6 });
    expect(member(s, 1)).toMatchObject({ rank: 2, double: 80 });
    const illness = member(s, 0)?.illness as Record<string, unknown>[];
    expect(illness.map((i) => i.where)).toEqual(['1.1', '1.2']);
    // The draft passed in is never changed.
    expect(draft.member[0]).not.toHaveProperty('rank');
  });

  it('aggregates fields of repeats from outside, non-relevant values reading as empty', () => {
    const s = household.evaluate(draft, 'en');
    expect(s.answers).toMatchObject({ total_age: 43, members: 2, oldest: 40, fevers: 3 });
    expect(s.relevant(['check'])).toBe(true);
    expect(household.evaluate({ member: [{ age: 1 }] }, 'en').relevant(['check'])).toBe(false);
    // An unanswered age makes sum() NaN, as in ODK: the calculation then has no value.
    expect(household.evaluate({ member: [{ age: 1 }, {}] }, 'en').answers).not.toHaveProperty('total_age');
  });

  it('evaluates repeat_count at the repeat, 0 when it cannot be read', () => {
    expect(household.evaluate({ size: 3 }, 'en').repeatCount(['member'])).toBe(3);
    expect(household.evaluate({}, 'en').repeatCount(['member'])).toBe(0);
    expect(household.evaluate({ size: 3 }, 'en').repeatCount(['member', 0, 'illness'])).toBeUndefined();
    expect(household.evaluate(draft, 'en').repeatCount(['member', 0, 'illness'])).toBeUndefined();
  });

  it('creates repeat_count instances in initial answers and trims extra instances at finalize', () => {
    const counted = engine(
      form(
        q.integer('n', { default: '2' }),
        repeat('r', { repeatCount: '${n}' }, q.text('t', { default: 'x' })),
      ),
    );
    expect(counted.initialAnswers()).toEqual({ n: 2, r: [{ t: 'x' }, { t: 'x' }] });
    const result = counted.finalize({ n: 1, r: [{ t: 'a' }, { t: 'b' }] }, 'en');
    expect(result).toEqual({ ok: true, answers: { n: 1, r: [{ t: 'a' }] } });
  });

  it('builds a new instance with its defaults and position', () => {
    const e = engine(
      form(repeat('r', q.integer('i', { default: 'position(..) * 10' }), q.text('t', { default: 'hello' }))),
    );
    expect(e.newInstance({ r: [{ i: 10 }] }, ['r'])).toEqual({ i: 20, t: 'hello' });
    expect(e.newInstance({}, ['r'])).toEqual({ i: 10, t: 'hello' });
    expect(() => e.newInstance({}, ['t'])).toThrow(RangeError);
  });

  it('labels an instance with its own values', () => {
    const e = engine(form(repeat('r', { label: { en: 'Member ${who}' } }, q.text('who'))));
    expect(e.evaluate({ r: [{ who: 'Awa' }, { who: 'Binta' }] }, 'en').label(['r', 1], 'en')).toBe(
      'Member Binta',
    );
  });

  it('drops non-relevant repeat instances at finalize and reports issues at draft indexes', () => {
    const e = engine(
      form(
        repeat(
          'r',
          { relevant: 'position(..) != 1' },
          q.text('keep'),
          q.integer('n', { constraint: '. > 0' }),
        ),
      ),
    );
    const state = e.evaluate({ r: [{}, {}] }, 'en');
    expect([state.relevant(['r']), state.relevant(['r', 0]), state.relevant(['r', 1, 'n'])]).toEqual([
      true,
      false,
      true,
    ]);
    const result = e.finalize(
      {
        r: [
          { keep: 'no', n: -1 },
          { keep: 'yes', n: 1 },
          { keep: 'yes', n: 'x' },
        ],
      },
      'en',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual([['r', 2, 'n']]);
    expect(
      e.finalize(
        {
          r: [
            { keep: 'no', n: -1 },
            { keep: 'yes', n: 1 },
          ],
        },
        'en',
      ),
    ).toEqual({
      ok: true,
      answers: { r: [{ keep: 'yes', n: 1 }] },
    });
  });
});
