import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  ExpressionError,
  EXTRA_FUNCTION_NAMES,
  extraFunctionsLoaded,
  formNeedsExtraFunctions,
  loadExtraFunctions,
} from '../../../../src/core/forms/expr';
import { FUNCTIONS } from '../../../../src/core/forms/expr/functions';
import { EXTRA_FUNCTIONS } from '../../../../src/core/forms/expr/functions/extra';
import { engine, form, q } from '../engine/dsl';

/**
 * The rarer ODK functions' code loads on demand (functions/lazy.ts). The tests run in order: this file's
 * module state starts without that code (vitest isolates test files), and the last ones load it.
 */
const digestForm = () =>
  form(
    q.text('name'),
    q.calculate('hash', "digest(${name}, 'MD5', 'hex')"),
    q.calculate('len', 'string-length(${name})'),
  );

describe('before the extra functions are loaded', () => {
  it('compiles their calls, arity checked, so the converter needs nothing more', () => {
    expect(extraFunctionsLoaded()).toBe(false);
    expect(compileExpression("digest('x', 'MD5')").references).toEqual([]);
    expect(compileExpression('area(${shape})').references).toEqual(['shape']);
    expect(() => compileExpression("digest('x')")).toThrow('digest() takes 2 to 3 arguments, not 1');
  });

  it('evaluating one gives a clear error', () => {
    const call = compileExpression("digest('x', 'MD5')");
    expect(() => call.evaluate({ resolve: () => undefined })).toThrow(ExpressionError);
    expect(() => call.evaluate({ resolve: () => undefined })).toThrow(
      'digest() is not loaded: await loadExtraFunctions() before evaluating a form that calls it',
    );
  });

  it('a form that does not call them fills as before', () => {
    expect(
      engine(form(q.text('name'), q.calculate('len', 'string-length(${name})'))).evaluate(
        { name: 'abc' },
        'en',
      ).answers,
    ).toEqual({ name: 'abc', len: 3 });
  });
});

describe('formNeedsExtraFunctions', () => {
  it('finds a call of any extra function in the definition, and none in a form without', () => {
    expect(formNeedsExtraFunctions(digestForm())).toBe(true);
    for (const name of EXTRA_FUNCTION_NAMES) {
      expect(formNeedsExtraFunctions(form(q.calculate('c', `1 + ${name} (\${x})`)))).toBe(true);
    }
    expect(formNeedsExtraFunctions(form(q.text('area'), q.calculate('c', "concat(${area}, 'log')")))).toBe(
      false,
    );
  });
});

describe('the placeholders', () => {
  it('declare what extra.ts implements: same names, arity and node-set arguments', () => {
    expect([...EXTRA_FUNCTION_NAMES].sort()).toEqual(Object.keys(EXTRA_FUNCTIONS).sort());
    for (const [name, spec] of Object.entries(EXTRA_FUNCTIONS)) {
      const placeholder = FUNCTIONS.get(name);
      expect({
        name,
        min: placeholder?.min,
        max: placeholder?.max,
        nodeSetFrom: placeholder?.nodeSetFrom,
      }).toEqual({
        name,
        min: spec.min,
        max: spec.max,
        nodeSetFrom: spec.nodeSetFrom,
      });
      // Hooks compile-time analysis would need cannot be deferred: the implementations have none.
      expect([spec.usesCurrent, spec.references, spec.instances]).toEqual([undefined, undefined, undefined]);
    }
  });
});

describe('after loadExtraFunctions', () => {
  it('a form calling digest() fills, with an engine created before or after the load', async () => {
    const before = engine(digestForm());
    await loadExtraFunctions();
    await loadExtraFunctions(); // idempotent
    expect(extraFunctionsLoaded()).toBe(true);
    const expected = { name: 'some text', hash: '552e21cd4cd9918678e3c1a0df491bc3', len: 9 };
    expect(engine(digestForm()).evaluate({ name: 'some text' }, 'en').answers).toEqual(expected);
    expect(before.evaluate({ name: 'some text' }, 'en').answers).toEqual(expected);
    const finalized = engine(digestForm()).finalize({ name: 'some text' }, 'en');
    expect(finalized.ok && finalized.answers).toMatchObject(expected);
  });
});
