import { compileExpression, toString, type EvalContext, type XValue } from '../../../../src/core/forms/expr';

/** The fixed clock of these tests: Monday 23 November 2026, 10:30 in Bamako (UTC+0). */
export const NOW = new Date('2026-11-23T10:30:15.250Z');

export function context(
  answers: Record<string, unknown> = {},
  extra: Partial<EvalContext> = {},
): EvalContext {
  return { resolve: (name) => answers[name], now: () => NOW, ...extra };
}

/** Compiles and evaluates `source` against `answers`. */
export function run(
  source: string,
  answers: Record<string, unknown> = {},
  extra: Partial<EvalContext> = {},
): XValue {
  return compileExpression(source).evaluate(context(answers, extra));
}

/** The same, as XPath's string() of the result. */
export function text(
  source: string,
  answers: Record<string, unknown> = {},
  extra: Partial<EvalContext> = {},
): string {
  return toString(run(source, answers, extra));
}
