/**
 * Expression figures: compiling the 500 expressions of a large form, then one evaluation pass over all of
 * them, which is what recomputing relevance, constraints and calculations after a keystroke costs at most
 * (the engine re-evaluates only dependants, so this is an upper bound).
 */
import { compileExpression, type CompiledExpression, type EvalContext } from '../../src/core/forms/expr';
import { report } from './report';

const TEMPLATES: ((i: number) => string)[] = [
  (i) => `\${age_${i}} >= 18 and selected(\${water_${i}}, 'well')`,
  (i) => `if(\${size_${i}} > 0, round(\${income_${i}} div \${size_${i}}, 2), 0)`,
  (i) => `concat(\${first_${i}}, ' ', \${last_${i}}, ' (', \${age_${i}}, ')')`,
  (i) => `regex(., '^[A-Z]{2}-[0-9]{4}$') and string-length(\${first_${i}}) > 1`,
  (i) => `. >= 0 and . <= 120 and . != ${i % 7}`,
  (i) => `count-selected(\${water_${i}}) <= 2 or not(selected(\${water_${i}}, 'none'))`,
  (i) => `\${dob_${i}} < today() and today() - \${dob_${i}} < 36500`,
  (i) => `if(\${sex_${i}} = 'female' and \${age_${i}} >= 15, 'woman', if(\${age_${i}} < 15, 'child', 'man'))`,
  (i) => `coalesce(\${nickname_${i}}, \${first_${i}}) != '' and \${consent_${i}} = 'yes'`,
  (i) => `sum(\${members_income}) + \${income_${i}} * 12 > 100000 mod 7`,
];

function answersFor(n: number): Record<string, unknown> {
  const answers: Record<string, unknown> = { members_income: [1200, 800, 3000, 450] };
  for (let i = 0; i < n; i++) {
    Object.assign(answers, {
      [`age_${i}`]: 10 + (i % 60),
      [`water_${i}`]: i % 3 ? ['well', 'river'] : ['tap'],
      [`size_${i}`]: i % 9,
      [`income_${i}`]: 1000 + i * 13.5,
      [`first_${i}`]: `Awa${i}`,
      [`last_${i}`]: 'Traoré',
      [`dob_${i}`]: `19${String(50 + (i % 50))}-0${1 + (i % 9)}-1${i % 10}`,
      [`sex_${i}`]: i % 2 ? 'female' : 'male',
      [`consent_${i}`]: 'yes',
    });
  }
  return answers;
}

export async function benchExpr(): Promise<void> {
  const sources = Array.from({ length: 500 }, (_, i) => TEMPLATES[i % TEMPLATES.length]!(Math.floor(i / 10)));
  const answers = answersFor(50);
  const now = new Date('2026-11-23T10:30:00Z');
  const ctx: EvalContext = {
    resolve: (name) => answers[name],
    current: () => 'ML-0042',
    now: () => now,
  };

  let compiled: CompiledExpression[] = [];
  const compileRuns = 20;
  const compileStart = performance.now();
  for (let run = 0; run < compileRuns; run++) compiled = sources.map(compileExpression);
  report('forms.expr_compile_500_ms', ((performance.now() - compileStart) / compileRuns).toFixed(3));

  const passes = 1000;
  let sink = 0;
  const evalStart = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    for (const expression of compiled) if (expression.evaluate(ctx) === true) sink++;
  }
  report('forms.expr_eval_per_keystroke_ms', ((performance.now() - evalStart) / passes).toFixed(3));
  // Keeps the loop from being optimised away and checks the pass did real work.
  report('forms.expr_eval_true_results', sink / passes);
  await Promise.resolve();
}
