/**
 * Form engine figures on a large generated form: 500 questions (integers, selects, text, calculations),
 * 300 relevance expressions, 100 calculations, 100 constraints, and a repeat of 10 questions with 20
 * instances. `engine_keystroke_ms` is the mean time of evaluate() after changing one answer: what the UI
 * pays per keystroke (goal < 16 ms, one frame).
 */
import { FormDefinition, type FormItem, type Question } from '../../src/core/forms/definition';
import { createFormEngine } from '../../src/core/forms/engine';
import { report } from './report';

const ROOT_QUESTIONS = 490;
const CALCULATIONS = 100;
const RELEVANCES = 300;

function rootQuestion(i: number): Question {
  const name = `q${i}`;
  // Questions 0..99 are calculations over earlier answers; then integers, selects and text in turn.
  if (i >= ROOT_QUESTIONS - CALCULATIONS) {
    const a = (i * 7) % 300;
    const b = (i * 13) % 300;
    const calculation =
      i % 3 === 0
        ? `if(\${q${a - (a % 3)}} > 10, \${q${b - (b % 3)}} * 2, 0) + sum(\${m_age})`
        : `concat(\${q${a}}, '-', \${q${b}}, '-', count(\${member}))`;
    return { kind: 'question', type: 'calculate', name, calculation };
  }
  const relevant =
    i >= 10 && i < 10 + RELEVANCES
      ? [
          `\${q${i - 10 - ((i - 10) % 3)}} > ${i % 50}`,
          `\${q${i - 8 - ((i - 8) % 3)}} != 3 and selected(\${q${i - 9 - ((i - 9) % 3) + 1}}, 'b')`,
          `string-length(\${q${i - 7 - ((i - 7) % 3) + 2}}) > 2 or \${q${i - 10 - ((i - 10) % 3)}} >= 0`,
        ][i % 3]
      : undefined;
  const common = { name, label: { en: `Question ${i}` }, ...(relevant ? { relevant } : {}) };
  if (i % 3 === 0) {
    const constraint = i < 300 ? '. >= 0 and . <= 1000' : undefined;
    return { kind: 'question', type: 'integer', ...common, ...(constraint ? { constraint } : {}) };
  }
  if (i % 3 === 1) return { kind: 'question', type: 'select_one', listName: 'abc', ...common };
  return { kind: 'question', type: 'text', ...common };
}

function member(): FormItem {
  const q = (name: string, type: Question['type'], extra: Partial<Question> = {}): Question => ({
    kind: 'question',
    type,
    name,
    ...extra,
  });
  return {
    kind: 'repeat',
    name: 'member',
    items: [
      q('m_name', 'text'),
      q('m_age', 'integer', { constraint: '. < 130' }),
      q('m_sex', 'select_one', { listName: 'abc' }),
      q('m_pregnant', 'select_one', { listName: 'abc', relevant: "${m_sex} = 'a' and ${m_age} >= 15" }),
      q('m_school', 'text', { relevant: '${m_age} < 18' }),
      q('m_work', 'text', { relevant: '${m_age} >= 18 and ${q0} > 1' }),
      q('m_income', 'decimal', { relevant: "${m_work} != ''" }),
      q('m_rank', 'calculate', { calculation: 'position(..)' }),
      q('m_share', 'decimal', { calculation: '${m_income} div 12' }),
      q('m_note', 'text', { relevant: '${m_rank} > 1' }),
    ],
  };
}

function largeForm(): FormDefinition {
  return FormDefinition.parse({
    id: 'bench',
    version: '1',
    title: { en: 'Bench' },
    defaultLanguage: 'en',
    languages: ['en'],
    choiceLists: { abc: ['a', 'b', 'c'].map((name) => ({ name, label: { en: name } })) },
    items: [...Array.from({ length: ROOT_QUESTIONS }, (_, i) => rootQuestion(i)), member()],
  });
}

function answersFor(form: FormDefinition): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const item of form.items) {
    if (item.kind !== 'question' || item.type === 'calculate') continue;
    const i = Number(item.name.slice(1));
    answers[item.name] =
      item.type === 'integer' ? i % 40 : item.type === 'select_one' ? 'abc'[i % 3] : `text ${i}`;
  }
  answers.member = Array.from({ length: 20 }, (_, i) => ({
    m_name: `Member ${i}`,
    m_age: (i * 7) % 90,
    m_sex: i % 2 ? 'a' : 'b',
    m_work: i % 3 ? 'farmer' : '',
    m_income: 1000 + i,
  }));
  return answers;
}

export async function benchFormEngine(): Promise<void> {
  const form = largeForm();
  const creations = 20;
  let engine = createFormEngine(form);
  const createStart = performance.now();
  for (let run = 0; run < creations; run++) engine = createFormEngine(form);
  report('forms.engine_create_ms', ((performance.now() - createStart) / creations).toFixed(3));

  let answers = answersFor(form);
  for (let warm = 0; warm < 20; warm++) engine.evaluate(answers, 'en');
  const iterations = 200;
  let relevantCount = 0;
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    // One keystroke: an integer answer changes, then the whole state is recomputed.
    const key = `q${(i * 3) % 390}`;
    answers = { ...answers, [key]: i % 60 };
    const state = engine.evaluate(answers, 'en');
    if (state.relevant([`q${(i * 3 + 20) % 300}`])) relevantCount++;
  }
  report('forms.engine_keystroke_ms', ((performance.now() - start) / iterations).toFixed(3));
  // Checks the loop did real work (and keeps it from being optimised away).
  report('forms.engine_keystroke_relevant_checks', relevantCount);
  await Promise.resolve();
}
