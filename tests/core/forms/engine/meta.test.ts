import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersSchema } from '../../../../src/core/forms/answersSchema';
import { FormDefinition } from '../../../../src/core/forms/definition';
import { createFormEngine, FormEngineError } from '../../../../src/core/forms/engine';
import { engine, form, group, NOW, q, repeat } from './dsl';

const meta = (name: string, kind: string) => q.hidden(name, { appearance: `meta:${kind}` });

function named(instanceName: string, ...items: Parameters<typeof form>) {
  return FormDefinition.parse({ ...form(...items), settings: { instanceName } });
}

describe('metadata questions', () => {
  it('fill start, today, deviceid and username when the draft is created, and end when it is finalized', () => {
    let clock = NOW;
    const e = createFormEngine(
      form(
        meta('start', 'start'),
        meta('end', 'end'),
        meta('today', 'today'),
        meta('device', 'deviceid'),
        meta('user', 'username'),
        q.text('name'),
      ),
      { now: () => clock, deviceId: 'terrain:abc123', username: 'agent' },
    );
    const draft = e.initialAnswers();
    expect(draft).toEqual({
      start: '2026-11-23T10:30:15.250+00:00',
      today: '2026-11-23',
      device: 'terrain:abc123',
      user: 'agent',
    });
    clock = new Date('2026-11-23T11:02:00.000Z');
    const result = e.finalize({ ...draft, name: 'Awa' }, 'en');
    expect(result).toEqual({
      ok: true,
      answers: { ...draft, name: 'Awa', end: '2026-11-23T11:02:00.000+00:00' },
    });
  });

  it('stamp end again at each finalize, replacing any value the draft holds', () => {
    const e = engine(form(meta('end', 'end')));
    expect(e.initialAnswers()).toEqual({});
    expect(e.finalize({ end: '2020-01-01T00:00:00.000+00:00' }, 'en')).toEqual({
      ok: true,
      answers: { end: '2026-11-23T10:30:15.250+00:00' },
    });
  });

  it('stamp end inside repeat instances and groups too, and let expressions read it', () => {
    const e = engine(
      form(
        group('g', meta('end', 'end')),
        q.calculate('ended', 'format-date-time(${end}, "%H:%M")'),
        repeat('visit', meta('visitEnd', 'end'), q.text('place')),
      ),
    );
    const result = e.finalize({ visit: [{ place: 'Gao' }, { place: 'Ansongo' }] }, 'en');
    const stamp = '2026-11-23T10:30:15.250+00:00';
    expect(result).toEqual({
      ok: true,
      answers: {
        end: stamp,
        ended: '10:30',
        visit: [
          { place: 'Gao', visitEnd: stamp },
          { place: 'Ansongo', visitEnd: stamp },
        ],
      },
    });
  });
});

describe('instance_name', () => {
  it('names a draft as it is filled, before finalizing (the draft lists tell drafts apart by it)', () => {
    const e = engine(named("concat(${name}, ' – ', ${village})", q.text('name'), q.text('village')));
    expect(e.evaluate({ name: 'Awa', village: 'Gao' }, 'fr').instanceName).toBe('Awa – Gao');
    expect(e.finalize({ name: 'Awa', village: 'Gao' }, 'fr')).toMatchObject({
      answers: { meta: { instanceName: 'Awa – Gao' } },
    });
    expect(engine(form(q.text('name'))).evaluate({ name: 'Awa' }, 'fr').instanceName).toBeUndefined();
  });

  it('is evaluated at finalize and stored as meta.instanceName', () => {
    const e = engine(
      named("concat(${name}, ' – ', ${village})", q.text('name'), q.text('village'), q.integer('age')),
    );
    const result = e.finalize({ name: 'Awa', village: 'Gao', age: 30 }, 'en');
    expect(result).toEqual({
      ok: true,
      answers: { name: 'Awa', village: 'Gao', age: 30, meta: { instanceName: 'Awa – Gao' } },
    });
  });

  it('reads non-relevant answers as empty and calculations as computed; an empty name is not stored', () => {
    const e = engine(
      named(
        'concat(${label}, ${secret})',
        q.integer('n'),
        q.text('secret', { relevant: '${n} > 1' }),
        q.calculate('label', "if(${n} > 0, concat('#', ${n}), '')"),
      ),
    );
    expect(e.finalize({ n: 1, secret: 'x' }, 'en')).toMatchObject({
      ok: true,
      answers: { meta: { instanceName: '#1' } },
    });
    const empty = e.finalize({ n: 0 }, 'en');
    expect(empty.ok && empty.answers).toEqual({ n: 0 });
  });

  it('is trimmed and cut to 500 characters, whatever the answers', () => {
    const e = engine(named('${name}', q.text('name')));
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const result = e.finalize({ name: text }, 'en');
        if (!result.ok) return;
        const stored = result.answers.meta as { instanceName: string } | undefined;
        const expected = text.trim().slice(0, 500);
        expect(stored?.instanceName).toBe(expected === '' ? undefined : expected);
        // What finalize stores is what the server's answers validation accepts.
        expect(answersSchema(e.form, 'en').safeParse(result.answers).success).toBe(true);
      }),
    );
  });

  it('is compiled with the form: a typo or an unknown field is a creation problem', () => {
    const broken = () => createFormEngine(named('concat(${nom}', q.text('name')));
    expect(broken).toThrow(FormEngineError);
    try {
      broken();
    } catch (error) {
      expect((error as FormEngineError).problems).toEqual([
        expect.objectContaining({ item: 'settings', column: 'instance_name' }),
      ]);
    }
    expect(() => createFormEngine(named('${nom}', q.text('name')))).toThrow(
      '${nom} is not a field of this form',
    );
  });
});

describe('the meta key', () => {
  it('is accepted by answersSchema at the top level with an instance name only', () => {
    const schema = answersSchema(form(q.text('name')), 'en');
    expect(schema.safeParse({ name: 'x', meta: { instanceName: 'Awa' } }).success).toBe(true);
    expect(schema.safeParse({ meta: { instanceName: '' } }).success).toBe(false);
    expect(schema.safeParse({ meta: { instanceID: 'uuid:1' } }).success).toBe(false);
    expect(schema.safeParse({ meta: 'Awa' }).success).toBe(false);
  });

  it('cannot be a field name, at any depth (pyxform reserves it)', () => {
    expect(() => form(q.text('meta'))).toThrow('The name meta is reserved');
    expect(() => form(group('g', q.text('meta')))).toThrow('The name meta is reserved');
  });
});
