import { z } from 'zod/mini';
import { LocalizedText } from '../i18n/localized';

/**
 * The JSON form definition: what a device needs to render, validate and store a survey offline.
 * It follows XLSForm's vocabulary (question types, columns, list names, `name` as the answer key) so that
 * forms written for ODK or KoboToolbox map onto it one to one. Versioned: a submission names the version
 * it was filled with, and a draft keeps the version it was started on.
 *
 * Items form a tree: groups only organise the screen (their questions' answers sit at the level of the
 * group), repeats hold a list of instances (their answers are an array of objects under the repeat's name).
 * Expressions (`relevant`, `constraint`, `calculation`, `choiceFilter`, `repeatCount`, `default`, and
 * `required`/`readOnly` when not a plain yes/no) are kept as XLSForm source text; see `expr/`.
 */
export const QUESTION_TYPES = [
  'text',
  'integer',
  'decimal',
  'range',
  'select_one',
  'select_multiple',
  'date',
  'time',
  'dateTime',
  'geopoint',
  'geotrace',
  'geoshape',
  'image',
  'audio',
  'video',
  'file',
  'barcode',
  'note',
  'calculate',
  'acknowledge',
  'hidden',
  /** An ordering of every choice of `listName` (ODK's rank): string[], read in expressions like a select_multiple. */
  'rank',
] as const;
export const QuestionType = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionType>;

/**
 * The key of the submission's metadata in its answers, as ODK's `meta` group: `{ instanceName }`, the
 * evaluated `instance_name` setting. No field may take this name.
 */
export const SUBMISSION_META_KEY = 'meta';

/** Types whose answer is a file kept apart from the record (named by its SHA-256). */
export const MEDIA_TYPES: readonly QuestionType[] = ['image', 'audio', 'video', 'file'];

/** An answer key: XLSForm's `name` column (an XML name, so it can round-trip to XForms). */
export const FieldName = z
  .string()
  .check(z.regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, 'Not a valid field name'));

/** Media shown with a label, per language: XLSForm's `media::image`, `media::audio`, `media::video`. */
export const LabelMedia = z.partial(
  z.object({ image: LocalizedText, bigImage: LocalizedText, audio: LocalizedText, video: LocalizedText }),
);
export type LabelMedia = z.infer<typeof LabelMedia>;

export const Choice = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  label: LocalizedText,
  media: z.optional(LabelMedia),
  /** Other columns of the choices sheet, used by choice filters (e.g. `state` in `state=${state}`). */
  extra: z.optional(z.record(z.string(), z.string())),
});
export type Choice = z.infer<typeof Choice>;

/** An expression column (XPath subset) or, for required / read_only, a plain yes/no. */
const Expression = z.string().check(z.minLength(1), z.maxLength(10_000));

/**
 * An HXL hashtag with its attributes (https://hxlstandard.org/standard/1-1final/dictionary/), as an
 * XLSForm's `hxl` column gives it (KoboToolbox's column): `#affected+f+children`. Stored lowercase.
 */
export const HXL_TAG_PATTERN = /^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/;
const HxlTag = z.string().check(z.regex(HXL_TAG_PATTERN), z.maxLength(200));
const FlagOrExpression = z.union([z.boolean(), Expression]);

const common = {
  name: FieldName,
  label: z.optional(LocalizedText),
  hint: z.optional(LocalizedText),
  guidanceHint: z.optional(LocalizedText),
  media: z.optional(LabelMedia),
  relevant: z.optional(Expression),
  appearance: z.optional(z.string().check(z.maxLength(200))),
  /** The row of the XLSForm survey sheet it came from, for messages that point the author to it. */
  row: z.optional(z.int().check(z.positive())),
};

export const Question = z.object({
  kind: z.literal('question'),
  type: QuestionType,
  ...common,
  required: z.optional(FlagOrExpression),
  requiredMessage: z.optional(LocalizedText),
  constraint: z.optional(Expression),
  constraintMessage: z.optional(LocalizedText),
  /** A fixed default or an expression evaluated when the draft is created. */
  default: z.optional(z.string().check(z.maxLength(10_000))),
  calculation: z.optional(Expression),
  readOnly: z.optional(FlagOrExpression),
  /** For select_one / select_multiple / rank: the key of a list in `choiceLists`. */
  listName: z.optional(z.string()),
  /**
   * XLSForm's select_one_from_file / select_multiple_from_file: the file (.csv, .geojson or .xml) attached
   * at import that held the choices. `listName` is then the file's base name, and the import embeds the
   * file's choices in `choiceLists` under it, so a device has them offline. (A conversion without the file,
   * and versions published before files were read, lack the list: their answers are not checked against one.)
   */
  itemsetFile: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
  choiceFilter: z.optional(Expression),
  /**
   * XLSForm's `trigger` column: the name of the question whose change (and only that) recomputes this
   * question's calculation (ODK's setvalue on xforms-value-changed); without a calculation, clears it.
   */
  trigger: z.optional(FieldName),
  /** XLSForm's `parameters` column, e.g. `max-pixels=1024` or `start=0 end=10 step=1`. */
  parameters: z.optional(z.record(z.string(), z.string())),
  /** Inclusive bounds for integer, decimal and range answers. */
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  /** The HXL hashtag of the question's column in exports (the form's `hxl` column). */
  hxl: z.optional(HxlTag),
  /**
   * The answer is personal data (XLSForm's `personal_data` column, or its group's, or computed from such an
   * answer): exports leave it out unless a supervisor asks for it on purpose. Only `true` is written.
   */
  personal: z.optional(z.boolean()),
});
export type Question = z.infer<typeof Question>;

export interface Group {
  kind: 'group';
  name: string;
  label?: LocalizedText | undefined;
  hint?: LocalizedText | undefined;
  guidanceHint?: LocalizedText | undefined;
  media?: LabelMedia | undefined;
  relevant?: string | undefined;
  appearance?: string | undefined;
  row?: number | undefined;
  items: FormItem[];
}

export interface Repeat extends Omit<Group, 'kind'> {
  kind: 'repeat';
  /** How many instances: a number or an expression; absent means the user adds and removes them. */
  repeatCount?: string | undefined;
}

export type FormItem = Question | Group | Repeat;

export const Group: z.ZodMiniType<Group> = z.object({
  kind: z.literal('group'),
  ...common,
  get items() {
    return z.array(FormItem);
  },
});

export const Repeat: z.ZodMiniType<Repeat> = z.object({
  kind: z.literal('repeat'),
  ...common,
  repeatCount: z.optional(Expression),
  get items() {
    return z.array(FormItem);
  },
});

export const FormItem: z.ZodMiniType<FormItem> = z.lazy(() => z.union([Question, Group, Repeat]));

export const FormSettings = z.partial(
  z.object({
    /** An expression naming each submission in lists (XLSForm `instance_name`). */
    instanceName: Expression,
    /** `pages` shows one question or group per screen (XLSForm `style`). */
    style: z.string().check(z.maxLength(100)),
  }),
);
export type FormSettings = z.infer<typeof FormSettings>;

export const FormDefinition = z
  .object({
    id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Form id: letters, digits, _ and - only')),
    version: z.string().check(z.minLength(1), z.maxLength(40)),
    title: LocalizedText,
    defaultLanguage: z.string().check(z.minLength(2)),
    languages: z.array(z.string().check(z.minLength(2))).check(z.minLength(1)),
    settings: z._default(FormSettings, {}),
    /**
     * May be empty: pyxform builds a form of csv-/xml-external declarations alone, and ODK Collect opens it
     * straight on its last screen. A device of before this rule skips such a form when it pulls it
     * (src/app/sync/pulledRecord.ts: a row that does not parse is skipped), never failing its sync.
     */
    items: z.array(FormItem),
    choiceLists: z._default(z.record(z.string(), z.array(Choice).check(z.minLength(1))), {}),
    /**
     * CSV files attached to the form that expressions read as secondary instances (`pulldata('fruits', …)`,
     * `instance('fruits')/root/item[…]/col`), by the file's base name: each row's cells by column header.
     * Embedded so a device has them offline, as choice lists from files are.
     */
    secondaryInstances: z.optional(z.record(z.string(), z.array(z.record(z.string(), z.string())))),
  })
  .check(
    z.superRefine((form, ctx) => {
      const levels = answerLevels(form.items);
      walkItems(form.items, (item, path) => {
        const at = ['items', ...path];
        const level = levels.get(item);
        // As in pyxform: `meta` holds the submission's metadata (meta/instanceName), never a root answer.
        if (item.name === SUBMISSION_META_KEY && level?.root)
          ctx.addIssue({ code: 'custom', path: [...at, 'name'], message: 'The name meta is reserved' });
        // Names are unique among siblings (XLSForm) and, as groups' answers sit at their parent's level,
        // among the answers of one level (the root or a repeat instance).
        if (level?.duplicate)
          ctx.addIssue({ code: 'custom', path: [...at, 'name'], message: `Duplicate field ${item.name}` });
        if (item.kind !== 'question') return;
        const isSelect =
          item.type === 'select_one' || item.type === 'select_multiple' || item.type === 'rank';
        const listKnown = !!item.listName && (!!form.choiceLists[item.listName] || !!item.itemsetFile);
        if (isSelect && !listKnown) {
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'listName'],
            message: `Unknown choice list ${item.listName ?? '(none)'}`,
          });
        }
      });
    }),
  );
export type FormDefinition = z.infer<typeof FormDefinition>;

/**
 * For each question and repeat: whether it answers at the root, and whether an earlier item of its answer
 * level (the root or one repeat's instances, through groups) or a sibling already has its name. Groups hold
 * no answer: only their siblings count.
 */
function answerLevels(items: readonly FormItem[]): Map<FormItem, { root: boolean; duplicate: boolean }> {
  const out = new Map<FormItem, { root: boolean; duplicate: boolean }>();
  const visit = (list: readonly FormItem[], answers: Set<string>, root: boolean): void => {
    const siblings = new Set<string>();
    for (const item of list) {
      const answering = item.kind !== 'group';
      const duplicate = siblings.has(item.name) || (answering && answers.has(item.name));
      out.set(item, { root: root && answering, duplicate });
      siblings.add(item.name);
      if (answering) answers.add(item.name);
      if (item.kind === 'group') visit(item.items, answers, root);
      if (item.kind === 'repeat') visit(item.items, new Set(), false);
    }
  };
  visit(items, new Set(), true);
  return out;
}

/** Visits every item depth first, with its path of indexes (`[2, 'items', 0]` is the first item of the third). */
export function walkItems(
  items: readonly FormItem[],
  visit: (item: FormItem, path: (string | number)[]) => void,
  path: (string | number)[] = [],
): void {
  items.forEach((item, i) => {
    visit(item, [...path, i]);
    if (item.kind !== 'question') walkItems(item.items, visit, [...path, i, 'items']);
  });
}

/** The questions answered at this level: those of `items` and of their groups, not those inside repeats. */
export function levelQuestions(items: readonly FormItem[]): Question[] {
  return items.flatMap((item) => {
    if (item.kind === 'group') return levelQuestions(item.items);
    if (item.kind === 'repeat' || item.type === 'note') return [];
    return [item];
  });
}

/** The repeats whose instances are stored at this level (directly or inside groups). */
export function levelRepeats(items: readonly FormItem[]): Repeat[] {
  return items.flatMap((item) => {
    if (item.kind === 'group') return levelRepeats(item.items);
    return item.kind === 'repeat' ? [item] : [];
  });
}

/** Every question of the form, at any depth. */
export function allQuestions(form: FormDefinition): Question[] {
  const out: Question[] = [];
  walkItems(form.items, (item) => {
    if (item.kind === 'question') out.push(item);
  });
  return out;
}

export function choicesOf(form: FormDefinition, question: Question): Choice[] {
  return question.listName ? (form.choiceLists[question.listName] ?? []) : [];
}

/** True if the question's answer is personal data (see `Question.personal`). */
export function isPersonal(question: Question): boolean {
  return question.personal === true;
}

/** True if the item's `required` is a plain yes; expressions are decided by the form engine. */
export function isAlwaysRequired(question: Question): boolean {
  return question.required === true;
}
