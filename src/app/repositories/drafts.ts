import { compactAnswers, type Answers } from '../../core/forms/answersSchema';
import type { FormDefinition } from '../../core/forms/definition';
import type { FormEngine, FormEngineOptions } from '../../core/forms/engine';
import { formVersionKey } from '../../core/records/formVersion';
import { SubmissionFields } from '../../core/records/submission';
import type { TerrainDb } from '../db/TerrainDb';
import type { DraftRecord, FormRecord, SubmissionRecord } from '../db/schema';
import { AnswersInvalidError } from './AnswersInvalidError';
import { appendMutation } from './appendMutation';

/**
 * Starts a draft of `form`, saved now (corrections, tests). Given `meta` (the signed-in user and this
 * device), the draft starts with the engine's initial answers: start and today (ODK sets start once, when
 * the form is opened, so a draft reopened untouched must keep it), username, deviceid, defaults and
 * repeat_count instances.
 */
export async function createDraft(
  db: TerrainDb,
  form: FormRecord,
  meta?: FormEngineOptions,
): Promise<DraftRecord> {
  const draft = await newDraft(db, form, meta);
  await db.drafts.add(draft);
  return draft;
}

/**
 * Drafts opened with "Nouvelle saisie" but not yet answered: kept in memory, and written with their first
 * answer (saveDraftAnswers), so that opening a form and leaving it leaves no empty draft in the list. A
 * reload forgets them: nothing had been typed.
 */
const unsaved = new Map<string, DraftRecord>();

/** Like createDraft, but the draft is written only with its first answer (or when finalized). */
export async function startDraft(
  db: TerrainDb,
  form: FormRecord,
  meta?: FormEngineOptions,
): Promise<DraftRecord> {
  const draft = await newDraft(db, form, meta);
  unsaved.set(draft.id, draft);
  return draft;
}

async function newDraft(db: TerrainDb, form: FormRecord, meta?: FormEngineOptions): Promise<DraftRecord> {
  const lastSaved = meta && (await lastSavedAnswers(db, form));
  const answers = meta ? await initialAnswersOf(form, lastSaved ? { ...meta, lastSaved } : meta) : {};
  const now = new Date().toISOString();
  return {
    // The draft's id becomes the submission's id, so a draft finalized twice can never make two submissions.
    id: crypto.randomUUID(),
    formId: form.formId,
    formVersion: form.version,
    projectId: form.projectId,
    answers,
    startedAt: now,
    updatedAt: now,
    ...(lastSaved ? { lastSaved } : {}),
  };
}

/**
 * For `${last-saved#name}`: the answers of the newest submission of this form (any version) made on this
 * device, as ODK's last-saved instance; read only when the form refers to it.
 */
async function lastSavedAnswers(db: TerrainDb, form: FormRecord): Promise<Answers | undefined> {
  if (!JSON.stringify(form.definition).includes('${last-saved#')) return undefined;
  const mine = await db.submissions
    .where('formId')
    .equals(form.formId)
    .filter((s) => s.origin === 'local' && s.projectId === form.projectId && !s.discardedAt)
    .toArray();
  const newest = mine.reduce<SubmissionRecord | undefined>(
    (a, b) => (a && a.finalizedAt >= b.finalizedAt ? a : b),
    undefined,
  );
  return newest?.data;
}

/**
 * Saves a draft's answers and its `label` (what tells it apart in lists: DraftRecord.label). An unsaved
 * draft (startDraft) is written here, with its first answers.
 */
export async function saveDraftAnswers(
  db: TerrainDb,
  id: string,
  answers: Record<string, unknown>,
  label?: string,
): Promise<void> {
  const changes = { answers, updatedAt: new Date().toISOString(), ...(label !== undefined ? { label } : {}) };
  if ((await db.drafts.update(id, changes)) > 0) return;
  const draft = unsaved.get(id);
  if (!draft) throw new Error(`No draft ${id}`);
  // The form saves what it holds as it opens (registered fields, calculations): that is not an answer yet.
  const same = (a: Answers) => JSON.stringify(compactAnswers(a));
  if (same(answers) === same(draft.answers)) return;
  await db.drafts.add({ ...draft, ...changes });
  unsaved.delete(id);
}

export async function getDraft(db: TerrainDb, id: string): Promise<DraftRecord | undefined> {
  return (await db.drafts.get(id)) ?? unsaved.get(id);
}

/** Newest first by last edit. */
export async function listDrafts(db: TerrainDb): Promise<DraftRecord[]> {
  return db.drafts.orderBy('updatedAt').reverse().toArray();
}

export async function deleteDraft(db: TerrainDb, id: string): Promise<void> {
  unsaved.delete(id);
  await db.drafts.delete(id);
}

/** One engine per form version (versions never change once published); compiling is the costly part. */
const engines = new Map<string, FormEngine>();

/**
 * The form engine loads on first use: the home page imports this repository, and the engine is only needed
 * to finalize, so it stays out of the start-up JavaScript (GUIDE §4).
 */
const loadEngineModule = () => import('../../core/forms/engine');
type EngineModule = Awaited<ReturnType<typeof loadEngineModule>>;
/**
 * The engine, with the code of the rarer ODK functions when `form` calls one (its own chunk; the test is
 * taken from the engine's module so that the start-up chunk holds none of it).
 */
async function loadEngine(form: FormDefinition | undefined): Promise<EngineModule> {
  const engine = await loadEngineModule();
  if (form && engine.formNeedsExtraFunctions(form)) await engine.loadExtraFunctions();
  return engine;
}
/** Version bookkeeping, needed only when a correction is finalized: off the start path too. */
const loadVersions = () => import('./submissionVersions');

/** A form whose logic cannot run starts empty: the fill page says why (fill.engineError). */
async function initialAnswersOf(form: FormRecord, meta: FormEngineOptions): Promise<Answers> {
  try {
    const { createFormEngine } = await loadEngine(form.definition);
    return createFormEngine(form.definition, meta).initialAnswers();
  } catch {
    return {};
  }
}

function engineFor(form: FormRecord, { createFormEngine }: EngineModule): FormEngine {
  let engine = engines.get(form.key);
  if (!engine || engine.form !== form.definition) {
    engine = createFormEngine(form.definition);
    engines.set(form.key, engine);
  }
  return engine;
}

async function draftForm(db: TerrainDb, id: string): Promise<FormDefinition | undefined> {
  const draft = await getDraft(db, id);
  if (!draft) return undefined;
  return (await db.forms.get(formVersionKey(draft.projectId, draft.formId, draft.formVersion)))?.definition;
}

export interface FinalizeOptions {
  /** The signed-in user, recorded as `createdBy`. */
  userId: string;
  /** Language of validation messages. */
  lang: string;
  /** The form's current values, when the UI holds newer answers than the last saved draft. */
  answers?: Record<string, unknown>;
}

/**
 * Turns a draft into an immutable submission. In ONE transaction: the submission is written, its mutation
 * appended to the outbox and the draft deleted, so a crash or a failed write can never leave a submission
 * that will not sync, or a draft and a submission for the same survey.
 *
 * Throws AnswersInvalidError (nothing written) when the form engine refuses the answers.
 */
export async function finalizeDraft(
  db: TerrainDb,
  id: string,
  options: FinalizeOptions,
): Promise<SubmissionRecord> {
  // Loaded before the transaction: awaiting anything but Dexie inside one would commit it early. The form
  // is read here too, for the functions it calls (read again, in the transaction, to be used).
  const engineModule = await loadEngine(await draftForm(db, id));
  const versions = await loadVersions();
  const submission = await db.transaction(
    'rw',
    [db.drafts, db.forms, db.submissions, db.outbox, db.meta],
    async () => {
      // A draft finalized without a single change was never written (startDraft).
      const draft = (await db.drafts.get(id)) ?? unsaved.get(id);
      if (!draft) throw new Error(`No draft ${id}`);
      const form = await db.forms.get(formVersionKey(draft.projectId, draft.formId, draft.formVersion));
      if (!form) throw new Error(`Form ${draft.formId} version ${draft.formVersion} is not on this device`);

      // The engine decides what is stored: calculations applied, non-relevant answers dropped, then types,
      // required and constraints checked on what remains.
      // A draft that reads ${last-saved#…} has an engine of its own, over the values it started with.
      const engine = draft.lastSaved
        ? engineModule.createFormEngine(form.definition, { lastSaved: draft.lastSaved })
        : engineFor(form, engineModule);
      const result = engine.finalize(options.answers ?? draft.answers, options.lang);
      if (!result.ok) throw AnswersInvalidError.fromEngine(result.issues);

      const now = new Date();
      const fields: SubmissionFields = SubmissionFields.parse({
        formId: draft.formId,
        formVersion: draft.formVersion,
        projectId: draft.projectId,
        data: compactAnswers(result.answers),
        startedAt: draft.startedAt,
        finalizedAt: now.toISOString(),
        replaces: draft.replaces ?? null,
      });
      const submission: SubmissionRecord = {
        ...fields,
        id: draft.id,
        createdBy: options.userId,
        syncState: 'pending',
        origin: 'local',
      };
      await db.submissions.add(submission);
      const entry = await appendMutation(
        db,
        { table: 'submissions', id: submission.id, op: 'put', fields },
        now,
      );
      // A correction: the submission it replaces stays as it is, and stops being the current version.
      if (fields.replaces !== null) await versions.linkNewVersion(db, submission, entry.hlc);
      await db.drafts.delete(draft.id);
      return submission;
    },
  );
  unsaved.delete(id);
  return submission;
}
