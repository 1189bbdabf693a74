import { z } from 'zod';
import { pickText } from '../i18n/localized';
import {
  choicesOf,
  isAlwaysRequired,
  levelQuestions,
  levelRepeats,
  type FormDefinition,
  type FormItem,
  type Question,
} from './definition';
import { formMessages, type FormMessages } from './messages';

/**
 * The zod schema of a submission's answers for one form, with messages in `lang`.
 *
 * Answers are stored in canonical types: integer, decimal and range → number; select_multiple → string[];
 * rank → string[] ordering every choice; choices from a file (`itemsetFile`) are not checked against a list;
 * date → 'YYYY-MM-DD'; time → 'HH:MM[:SS[.sss]][zone]'; dateTime → ISO 8601; geopoint → {latitude,
 * longitude, altitude?, accuracy?}; geotrace and geoshape → arrays of geopoints; image, audio, video and
 * file → a MediaRef naming the bytes by SHA-256; acknowledge → 'OK'; a repeat → an array of objects with
 * the answers of each instance. Inputs convert to these before validation, so the browser and the server
 * validate the very same values. An unanswered question is absent or `undefined`; `null` and '' are
 * accepted as "no answer" too, because that is what cleared inputs produce.
 *
 * This schema checks types, plain `required: true` and bounds. Expressions (relevance, constraints,
 * required-if) need the form engine, which evaluates them on the whole draft.
 */
export function answersSchema(form: FormDefinition, lang: string) {
  return levelSchema(form, form.items, lang, formMessages(lang));
}

export type Answers = Record<string, unknown>;

export const Geopoint = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  altitude: z.number().optional(),
  accuracy: z.number().nonnegative().optional(),
});
export type Geopoint = z.infer<typeof Geopoint>;

/** A file answer: the bytes travel apart from the record, named by their SHA-256 (see GUIDE §2, media). */
export const MediaRef = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().min(1).max(255),
  type: z.string().max(255),
  size: z.int().nonnegative(),
});
export type MediaRef = z.infer<typeof MediaRef>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function levelSchema(form: FormDefinition, items: readonly FormItem[], lang: string, m: FormMessages) {
  const shape: Record<string, z.ZodType> = {};
  for (const question of levelQuestions(items)) shape[question.name] = answerSchema(form, question, lang, m);
  for (const repeat of levelRepeats(items)) {
    shape[repeat.name] = z.array(levelSchema(form, repeat.items, lang, m)).optional();
  }
  return z.object(shape).strict();
}

function answerSchema(form: FormDefinition, q: Question, lang: string, m: FormMessages): z.ZodType {
  const value = valueSchema(form, q, m);
  // Cleared inputs give '' or null: no answer. (A union with an "empty" branch would hide the real message.)
  if (!isAlwaysRequired(q))
    return z.preprocess((v) => (v === '' || v === null ? undefined : v), value.optional());
  const required = (q.requiredMessage && pickText(q.requiredMessage, lang)) || m.required;
  // A required question: an empty value gets the required message rather than a type error.
  return z
    .unknown()
    .superRefine((v, ctx) => {
      const isEmpty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
      if (isEmpty) ctx.addIssue({ code: 'custom', message: required });
    })
    .pipe(value);
}

function numberSchema(q: Question, m: FormMessages, integer: boolean): z.ZodType {
  const min = q.min ?? (q.parameters?.start !== undefined ? Number(q.parameters.start) : undefined);
  const max = q.max ?? (q.parameters?.end !== undefined ? Number(q.parameters.end) : undefined);
  let n = z.number({ error: m.notANumber }).refine(Number.isFinite, { message: m.notANumber });
  if (integer) n = n.refine(Number.isInteger, { message: m.notAnInteger });
  if (min !== undefined && Number.isFinite(min)) n = n.refine((v) => v >= min, { message: m.min(min) });
  if (max !== undefined && Number.isFinite(max)) n = n.refine((v) => v <= max, { message: m.max(max) });
  return n;
}

function geopointSchema(m: FormMessages) {
  return z.object(
    {
      latitude: z.number({ error: m.latitude }).min(-90, m.latitude).max(90, m.latitude),
      longitude: z.number({ error: m.longitude }).min(-180, m.longitude).max(180, m.longitude),
      altitude: z.number().optional(),
      accuracy: z.number().nonnegative().optional(),
    },
    { error: m.latitude },
  );
}

function valueSchema(form: FormDefinition, q: Question, m: FormMessages): z.ZodType {
  switch (q.type) {
    case 'text':
    case 'barcode':
    case 'hidden':
      return z.string({ error: m.text }).max(10_000);
    case 'integer':
      return numberSchema(q, m, true);
    case 'decimal':
    case 'range':
      return numberSchema(q, m, false);
    case 'select_one': {
      if (q.itemsetFile) return z.string({ error: m.unknownChoice }).min(1, m.unknownChoice);
      const names = new Set(choicesOf(form, q).map((c) => c.name));
      return z.string({ error: m.unknownChoice }).refine((v) => names.has(v), { message: m.unknownChoice });
    }
    case 'select_multiple': {
      if (q.itemsetFile) return z.array(z.string().min(1), { error: m.unknownChoice });
      const names = new Set(choicesOf(form, q).map((c) => c.name));
      return z
        .array(z.string(), { error: m.unknownChoice })
        .refine((vs) => vs.every((v) => names.has(v)), { message: m.unknownChoice })
        .refine((vs) => new Set(vs).size === vs.length, { message: m.unknownChoice });
    }
    case 'rank': {
      if (q.itemsetFile) return z.array(z.string().min(1), { error: m.rank });
      // An ordering of the whole list: every choice once (ODK's rank widget always answers with all of them).
      const names = new Set(choicesOf(form, q).map((c) => c.name));
      return z
        .array(z.string(), { error: m.rank })
        .refine(
          (vs) => vs.length === names.size && new Set(vs).size === vs.length && vs.every((v) => names.has(v)),
          {
            message: m.rank,
          },
        );
    }
    case 'date':
      return z.string({ error: m.notADate }).refine(isRealDate, { message: m.notADate });
    case 'time':
      return z.string({ error: m.notATime }).regex(TIME, { message: m.notATime });
    case 'dateTime':
      return z.iso.datetime({ offset: true, local: true, error: m.notADateTime });
    case 'geopoint':
      return geopointSchema(m);
    case 'geotrace':
      return z.array(geopointSchema(m), { error: m.geotrace }).min(2, { message: m.geotrace });
    case 'geoshape':
      return z.array(geopointSchema(m), { error: m.geoshape }).min(3, { message: m.geoshape });
    case 'image':
    case 'audio':
    case 'video':
    case 'file':
      return MediaRef;
    case 'calculate':
      return z.union([z.string(), z.number(), z.boolean()]);
    case 'acknowledge':
      return z.literal('OK', { error: m.acknowledge });
    case 'note':
      return z.undefined();
  }
}

/** Answers with empty values removed, as stored in a submission (recursively inside repeats). */
export function compactAnswers(answers: Answers): Answers {
  const out: Answers = {};
  for (const [key, value] of Object.entries(answers)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = isInstanceList(value) ? value.map((instance) => compactAnswers(instance)) : value;
  }
  return out;
}

function isInstanceList(value: unknown): value is Answers[] {
  return (
    Array.isArray(value) &&
    value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && !('latitude' in v))
  );
}
