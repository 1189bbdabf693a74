import { z } from 'zod';
import { pickText } from '../i18n/localized';
import { choicesOf, questions, type FormDefinition, type Question } from './definition';
import { formMessages, type FormMessages } from './messages';

/**
 * The zod schema of a submission's answers for one form, with messages in `lang`.
 *
 * Answers are stored in canonical types (integer → number, select_multiple → string[], date → 'YYYY-MM-DD',
 * geopoint → {latitude, longitude, altitude?, accuracy?}); inputs convert to these before validation, so the
 * browser and the server validate the very same values. An unanswered question is `undefined` or absent;
 * `null` and '' are accepted as "no answer" too, because that is what cleared inputs produce.
 */
export function answersSchema(form: FormDefinition, lang: string) {
  const messages = formMessages(lang);
  const shape: Record<string, z.ZodType> = {};
  for (const question of questions(form)) {
    shape[question.name] = answerSchema(form, question, lang, messages);
  }
  return z.object(shape).strict();
}

export type Answers = Record<string, unknown>;

export const Geopoint = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  altitude: z.number().optional(),
  accuracy: z.number().nonnegative().optional(),
});
export type Geopoint = z.infer<typeof Geopoint>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function answerSchema(form: FormDefinition, q: Question, lang: string, m: FormMessages): z.ZodType {
  const required = q.requiredMessage ? pickText(q.requiredMessage, lang) || m.required : m.required;
  const value = valueSchema(form, q, m);
  const empty = z.union([z.undefined(), z.null(), z.literal('')]).transform(() => undefined);
  if (!q.required) return z.union([empty, value]).optional();
  // A required question: an empty value gets the required message rather than a type error.
  return z
    .unknown()
    .superRefine((v, ctx) => {
      const isEmpty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
      if (isEmpty) ctx.addIssue({ code: 'custom', message: required });
    })
    .pipe(value);
}

function valueSchema(form: FormDefinition, q: Question, m: FormMessages): z.ZodType {
  switch (q.type) {
    case 'text':
      return z.string({ error: m.text }).max(10_000);
    case 'integer':
    case 'decimal': {
      let n = z.number({ error: m.notANumber }).refine(Number.isFinite, { message: m.notANumber });
      if (q.type === 'integer') n = n.refine(Number.isInteger, { message: m.notAnInteger });
      if (q.min !== undefined) n = n.refine((v) => v >= q.min!, { message: m.min(q.min) });
      if (q.max !== undefined) n = n.refine((v) => v <= q.max!, { message: m.max(q.max) });
      return n;
    }
    case 'select_one': {
      const names = new Set(choicesOf(form, q).map((c) => c.name));
      return z.string({ error: m.unknownChoice }).refine((v) => names.has(v), { message: m.unknownChoice });
    }
    case 'select_multiple': {
      const names = new Set(choicesOf(form, q).map((c) => c.name));
      return z
        .array(z.string(), { error: m.unknownChoice })
        .refine((vs) => vs.every((v) => names.has(v)), { message: m.unknownChoice })
        .refine((vs) => new Set(vs).size === vs.length, { message: m.unknownChoice });
    }
    case 'date':
      return z.string({ error: m.notADate }).refine(isRealDate, { message: m.notADate });
    case 'geopoint':
      return z.object(
        {
          latitude: z.number({ error: m.latitude }).min(-90, m.latitude).max(90, m.latitude),
          longitude: z.number({ error: m.longitude }).min(-180, m.longitude).max(180, m.longitude),
          altitude: z.number().optional(),
          accuracy: z.number().nonnegative().optional(),
        },
        { error: m.latitude },
      );
    case 'note':
      return z.undefined();
  }
}

/** Answers with empty values removed, as stored in a submission. */
export function compactAnswers(answers: Answers): Answers {
  const out: Answers = {};
  for (const [key, value] of Object.entries(answers)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}
