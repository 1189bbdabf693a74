import { z } from 'zod';
import { LocalizedText } from '../i18n/localized';

/**
 * The JSON form definition: what a device needs to render, validate and store a survey offline.
 * It follows XLSForm's vocabulary (question types, list names, `name` as the answer key) so that forms
 * written for ODK or KoboToolbox map onto it. Versioned: a submission names the version it was filled with.
 */
export const QUESTION_TYPES = [
  'text',
  'integer',
  'decimal',
  'select_one',
  'select_multiple',
  'date',
  'geopoint',
  'note',
] as const;
export const QuestionType = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionType>;

/** An answer key: XLSForm's `name` column (an XML name, so it can round-trip to XForms). */
export const FieldName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'Not a valid field name');

export const Choice = z.object({
  name: z.string().min(1).max(100),
  label: LocalizedText,
});
export type Choice = z.infer<typeof Choice>;

export const Question = z.object({
  kind: z.literal('question'),
  type: QuestionType,
  name: FieldName,
  label: LocalizedText,
  hint: LocalizedText.optional(),
  required: z.boolean().optional(),
  requiredMessage: LocalizedText.optional(),
  /** For select_one / select_multiple: the key of a list in `choiceLists`. */
  listName: z.string().optional(),
  /** Inclusive bounds for integer and decimal answers. */
  min: z.number().optional(),
  max: z.number().optional(),
});
export type Question = z.infer<typeof Question>;

export const FormItem = Question;
export type FormItem = z.infer<typeof FormItem>;

export const FormDefinition = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Form id: letters, digits, _ and - only'),
    version: z.string().min(1).max(40),
    title: LocalizedText,
    defaultLanguage: z.string().min(2),
    languages: z.array(z.string().min(2)).min(1),
    items: z.array(FormItem).min(1),
    choiceLists: z.record(z.string(), z.array(Choice).min(1)).default({}),
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.items.forEach((item, i) => {
      if (seen.has(item.name)) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'name'], message: `Duplicate field ${item.name}` });
      }
      seen.add(item.name);
      const isSelect = item.type === 'select_one' || item.type === 'select_multiple';
      if (isSelect && (!item.listName || !form.choiceLists[item.listName])) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'listName'],
          message: `Unknown choice list ${item.listName ?? '(none)'}`,
        });
      }
    });
  });
export type FormDefinition = z.infer<typeof FormDefinition>;

export function questions(form: FormDefinition): Question[] {
  return form.items.filter((item) => item.type !== 'note');
}

export function choicesOf(form: FormDefinition, question: Question): Choice[] {
  return question.listName ? (form.choiceLists[question.listName] ?? []) : [];
}
