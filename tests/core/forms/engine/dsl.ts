/**
 * A tiny DSL for engine tests, after getodk/web-forms' test DSL: forms are written inline, in a few lines,
 * instead of fixtures. `form(q.integer('age'), group('g', { relevant: '${age} > 5' }, q.text('name')))`.
 */
import {
  FormDefinition,
  type Choice,
  type FormItem,
  type Question,
} from '../../../../src/core/forms/definition';
import { createFormEngine, type FormEngineOptions } from '../../../../src/core/forms/engine';

type QuestionProps = Partial<Omit<Question, 'kind' | 'type' | 'name'>>;
type ContainerProps = {
  relevant?: string;
  label?: Record<string, string>;
  repeatCount?: string;
  row?: number;
};

const make =
  (type: Question['type']) =>
  (name: string, props: QuestionProps = {}): Question => ({ kind: 'question', type, name, ...props });

export const q = {
  text: make('text'),
  integer: make('integer'),
  decimal: make('decimal'),
  date: make('date'),
  note: make('note'),
  hidden: make('hidden'),
  selectOne: (name: string, listName: string, props: QuestionProps = {}): Question =>
    make('select_one')(name, { listName, ...props }),
  selectMultiple: (name: string, listName: string, props: QuestionProps = {}): Question =>
    make('select_multiple')(name, { listName, ...props }),
  calculate: (name: string, calculation: string, props: QuestionProps = {}): Question =>
    make('calculate')(name, { calculation, ...props }),
};

function split(rest: (ContainerProps | FormItem)[]): { props: ContainerProps; items: FormItem[] } {
  const [first, ...others] = rest;
  if (first && !('kind' in first)) return { props: first, items: others as FormItem[] };
  return { props: {}, items: rest as FormItem[] };
}

/** group('g', props?, ...items) */
export function group(name: string, ...rest: (ContainerProps | FormItem)[]): FormItem {
  const { props, items } = split(rest);
  return { kind: 'group', name, ...props, items };
}

/** repeat('member', props?, ...items) */
export function repeat(name: string, ...rest: (ContainerProps | FormItem)[]): FormItem {
  const { props, items } = split(rest);
  return { kind: 'repeat', name, ...props, items };
}

/** Choices from names, or [name, extra columns] pairs. */
export function choices(...entries: (string | [string, Record<string, string>])[]): Choice[] {
  return entries.map((entry) => {
    const [name, extra] = typeof entry === 'string' ? [entry, undefined] : entry;
    return { name, label: { fr: `${name} (fr)`, en: `${name} (en)` }, ...(extra ? { extra } : {}) };
  });
}

export function formWith(choiceLists: Record<string, Choice[]>, ...items: FormItem[]): FormDefinition {
  return FormDefinition.parse({
    id: 'test',
    version: '1',
    title: { en: 'Test' },
    defaultLanguage: 'en',
    languages: ['en', 'fr'],
    choiceLists,
    items,
  });
}

export function form(...items: FormItem[]): FormDefinition {
  return formWith({}, ...items);
}

/** The tests' fixed clock: Monday 23 November 2026, 10:30 in Bamako (UTC+0, set by vitest.config.ts). */
export const NOW = new Date('2026-11-23T10:30:15.250Z');

export function engine(definition: FormDefinition, options: FormEngineOptions = {}) {
  return createFormEngine(definition, { now: () => NOW, ...options });
}
