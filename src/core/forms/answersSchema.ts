import { z } from 'zod/mini';
import { pickText } from '../i18n/localized';
import {
  choicesOf,
  isAlwaysRequired,
  levelQuestions,
  levelRepeats,
  SUBMISSION_META_KEY,
  type FormDefinition,
  type FormItem,
  type Question,
} from './definition';
import { formMessages, type FormMessages } from './messages';

/**
 * The zod schema of a submission's answers for one form, with messages in `lang`.
 *
 * Answers are stored in canonical types: integer, decimal and range → number; select_multiple → string[];
 * rank → string[] ordering every choice (every offered one when it has a choice filter; choices from a file
 * are checked against the list the import embedded; a form version published without it accepts any name);
 * date → 'YYYY-MM-DD'; time → 'HH:MM[:SS[.sss]][zone]'; dateTime → ISO 8601; geopoint → {latitude,
 * longitude, altitude?, accuracy?}; geotrace and geoshape → arrays of geopoints; image, audio, video and
 * file → a MediaRef naming the bytes by SHA-256; acknowledge → 'OK'; a repeat → an array of objects with
 * the answers of each instance. Inputs convert to these before validation, so the browser and the server
 * validate the very same values. An unanswered question is absent or `undefined`; `null` and '' are
 * accepted as "no answer" too, because that is what cleared inputs produce.
 *
 * This schema checks types, plain `required: true` and bounds. Expressions (relevance, constraints,
 * required-if) need the form engine, which evaluates them on the whole draft.
 *
 * At the top level, `meta` (SUBMISSION_META_KEY) holds what finalizing adds about the submission itself:
 * `{ instanceName }`, the evaluated `instance_name` setting (ODK's meta/instanceName).
 */
export function answersSchema(form: FormDefinition, lang: string) {
  return levelSchema(form, form.items, lang, formMessages(lang), true);
}

/** The longest instance name kept: a line in a list, not a document. */
export const MAX_INSTANCE_NAME = 500;

const SubmissionMeta = z.strictObject({
  instanceName: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_INSTANCE_NAME))),
});

export type Answers = Record<string, unknown>;

export const Geopoint = z.object({
  latitude: z.number().check(z.gte(-90), z.lte(90)),
  longitude: z.number().check(z.gte(-180), z.lte(180)),
  altitude: z.optional(z.number()),
  accuracy: z.optional(z.number().check(z.nonnegative())),
});
export type Geopoint = z.infer<typeof Geopoint>;

/** A file answer: the bytes travel apart from the record, named by their SHA-256 (see GUIDE §2, media). */
export const MediaRef = z.object({
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  name: z.string().check(z.minLength(1), z.maxLength(255)),
  type: z.string().check(z.maxLength(255)),
  size: z.int().check(z.nonnegative()),
});
export type MediaRef = z.infer<typeof MediaRef>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function levelSchema(
  form: FormDefinition,
  items: readonly FormItem[],
  lang: string,
  m: FormMessages,
  root = false,
) {
  const shape: Record<string, z.ZodMiniType> = {};
  if (root) shape[SUBMISSION_META_KEY] = z.optional(SubmissionMeta);
  for (const question of levelQuestions(items)) shape[question.name] = answerSchema(form, question, lang, m);
  for (const repeat of levelRepeats(items)) {
    shape[repeat.name] = z.optional(z.array(levelSchema(form, repeat.items, lang, m)));
  }
  return z.strictObject(shape);
}

function answerSchema(form: FormDefinition, q: Question, lang: string, m: FormMessages): z.ZodMiniType {
  const value = valueSchema(form, q, m);
  // Cleared inputs give '' or null: no answer. (A union with an "empty" branch would hide the real message.)
  if (!isAlwaysRequired(q))
    return z.pipe(
      z.transform<unknown, unknown>((v) => (v === '' || v === null ? undefined : v)),
      z.optional(value),
    );
  const required = (q.requiredMessage && pickText(q.requiredMessage, lang)) || m.required;
  // A required question: an empty value gets the required message rather than a type error.
  return z.pipe(
    z.unknown().check(
      z.superRefine((v, ctx) => {
        const isEmpty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
        if (isEmpty) ctx.addIssue({ code: 'custom', message: required });
      }),
    ),
    value,
  );
}

function numberSchema(q: Question, m: FormMessages, integer: boolean): z.ZodMiniType {
  const min = q.min ?? (q.parameters?.start !== undefined ? Number(q.parameters.start) : undefined);
  const max = q.max ?? (q.parameters?.end !== undefined ? Number(q.parameters.end) : undefined);
  const checks: z.core.$ZodCheck<number>[] = [z.refine<number>(Number.isFinite, { message: m.notANumber })];
  if (integer) checks.push(z.refine<number>(Number.isInteger, { message: m.notAnInteger }));
  if (min !== undefined && Number.isFinite(min))
    checks.push(z.refine<number>((v) => v >= min, { message: m.min(min) }));
  if (max !== undefined && Number.isFinite(max))
    checks.push(z.refine<number>((v) => v <= max, { message: m.max(max) }));
  return z.number({ error: m.notANumber }).check(...checks);
}

function geopointSchema(m: FormMessages) {
  return z.object(
    {
      latitude: z.number({ error: m.latitude }).check(z.gte(-90, m.latitude), z.lte(90, m.latitude)),
      longitude: z.number({ error: m.longitude }).check(z.gte(-180, m.longitude), z.lte(180, m.longitude)),
      altitude: z.optional(z.number()),
      accuracy: z.optional(z.number().check(z.nonnegative())),
    },
    { error: m.latitude },
  );
}

/** Choices from a file whose rows the definition lacks (published before the import embedded them). */
const unlistedFile = (form: FormDefinition, q: Question): boolean =>
  !!q.itemsetFile && !form.choiceLists[q.listName ?? ''];

/** The schema of one question's (non-empty) value: its type and bounds. */
export function valueSchema(form: FormDefinition, q: Question, m: FormMessages): z.ZodMiniType {
  switch (q.type) {
    case 'text':
    case 'barcode':
    case 'hidden':
      return z.string({ error: m.text }).check(z.maxLength(10_000));
    case 'integer':
      return numberSchema(q, m, true);
    case 'decimal':
    case 'range':
      return numberSchema(q, m, false);
    case 'select_one': {
      if (unlistedFile(form, q))
        return z.string({ error: m.unknownChoice }).check(z.minLength(1, m.unknownChoice));
      const names = new Set(choicesOf(form, q).map((c) => c.name));
      return z
        .string({ error: m.unknownChoice })
        .check(z.refine<string>((v) => names.has(v), { message: m.unknownChoice }));
    }
    case 'select_multiple': {
      if (unlistedFile(form, q)) return z.array(z.string().check(z.minLength(1)), { error: m.unknownChoice });
      const names = new Set(choicesOf(form, q).map((c) => c.name));
      return z.array(z.string(), { error: m.unknownChoice }).check(
        z.refine<string[]>((vs) => vs.every((v) => names.has(v)), { message: m.unknownChoice }),
        z.refine<string[]>((vs) => new Set(vs).size === vs.length, { message: m.unknownChoice }),
      );
    }
    case 'rank': {
      if (unlistedFile(form, q)) return z.array(z.string().check(z.minLength(1)), { error: m.rank });
      // An ordering of the whole list: every choice once (ODK's rank widget always answers with all of them).
      const names = new Set(choicesOf(form, q).map((c) => c.name));
      const distinctChoices = (vs: string[]) =>
        new Set(vs).size === vs.length && vs.every((v) => names.has(v));
      // Filtered, it orders the choices offered where it is asked, which only the engine knows (it checks
      // them when finalizing): here, distinct choices of the list.
      const ordering = q.choiceFilter
        ? distinctChoices
        : (vs: string[]) => vs.length === names.size && distinctChoices(vs);
      return z.array(z.string(), { error: m.rank }).check(z.refine<string[]>(ordering, { message: m.rank }));
    }
    case 'date':
      return z.string({ error: m.notADate }).check(z.refine<string>(isRealDate, { message: m.notADate }));
    case 'time':
      return z.string({ error: m.notATime }).check(z.regex(TIME, { message: m.notATime }));
    case 'dateTime':
      return z.iso.datetime({ offset: true, local: true, error: m.notADateTime });
    case 'geopoint':
      return geopointSchema(m);
    case 'geotrace':
      return z.array(geopointSchema(m), { error: m.geotrace }).check(z.minLength(2, { message: m.geotrace }));
    case 'geoshape':
      return z.array(geopointSchema(m), { error: m.geoshape }).check(z.minLength(3, { message: m.geoshape }));
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
