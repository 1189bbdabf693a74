import { answersSchema } from '../../core/forms/answersSchema';
import { clampHlc } from '../../core/hlc';
import { FormVersion, formVersionKey } from '../../core/records/formVersion';
import { SubmissionFields, type Submission } from '../../core/records/submission';
import { PUSH_TABLES, type Mutation, type MutationResult, type RejectCode } from '../../core/sync/protocol';
import { issuesOf } from '../http/errors';
import type { StorageTx, UserRecord } from '../storage/Storage';
import { canonicalJson } from './canonicalJson';

type Rejected = Extract<MutationResult, { status: 'rejected' }>;

function reject(m: Mutation, code: RejectCode, message: string, details?: unknown): Rejected {
  const result: Rejected = { mutationId: m.mutationId, seq: m.seq, status: 'rejected', code, message };
  if (details !== undefined) result.details = details;
  return result;
}

/** Validates one mutation against the user's rights and the form, and applies it. Never throws for bad input. */
export async function applyMutation(
  tx: StorageTx,
  user: UserRecord,
  m: Mutation,
  now: Date,
): Promise<MutationResult> {
  if (!(PUSH_TABLES as readonly string[]).includes(m.table)) {
    return reject(m, 'unknown_table', `Table ${m.table} cannot be written by devices`);
  }
  return applySubmission(tx, user, m, now);
}

async function canWriteProject(tx: StorageTx, user: UserRecord, projectId: string): Promise<boolean> {
  const project = await tx.getEntity('projects', projectId);
  if (!project || project.deleted) return false;
  return user.role === 'admin' || tx.isProjectMember(projectId, user.id);
}

async function applySubmission(
  tx: StorageTx,
  user: UserRecord,
  m: Mutation,
  now: Date,
): Promise<MutationResult> {
  // Finalized submissions are immutable (ODK's model): a correction is a new submission that `replaces` it.
  if (m.op === 'delete') return reject(m, 'immutable', 'A finalized submission cannot be deleted');

  const parsed = SubmissionFields.safeParse(m.fields);
  if (!parsed.success) return reject(m, 'validation', 'Invalid submission', issuesOf(parsed.error));
  const fields = parsed.data;

  // Same answer whether the project is missing or closed to the user: ids of other projects stay private.
  if (!(await canWriteProject(tx, user, fields.projectId))) {
    return reject(m, 'forbidden', `You are not a member of project ${fields.projectId}`);
  }

  const formEntity = await tx.getEntity('forms', formVersionKey(fields.formId, fields.formVersion));
  const form =
    formEntity?.projectId === fields.projectId ? FormVersion.safeParse(formEntity.data) : undefined;
  if (!form?.success) {
    return reject(
      m,
      'unknown_form',
      `Form ${fields.formId} version ${fields.formVersion} is not published here`,
    );
  }

  const answers = answersSchema(form.data.definition, 'en').safeParse(fields.data);
  if (!answers.success)
    return reject(m, 'validation', 'Answers do not match the form', issuesOf(answers.error));

  const submission: Submission = { ...fields, id: m.id, createdBy: user.id };
  const existing = await tx.getEntity('submissions', m.id);
  if (existing) {
    // A device that lost our answer sends the same submission again under a new seq: that is harmless.
    if (canonicalJson(existing.data) === canonicalJson(submission)) {
      return { mutationId: m.mutationId, seq: m.seq, status: 'duplicate' };
    }
    return reject(m, 'immutable', 'A different submission with this id already exists');
  }

  const at = now.toISOString();
  const serverSeq = await tx.putEntity({
    tbl: 'submissions',
    id: m.id,
    projectId: fields.projectId,
    createdBy: user.id,
    data: submission,
    hlc: clampHlc(m.hlc, now.getTime()),
    updatedAt: at,
  });
  await tx.audit({ at, userId: user.id, action: 'submission.create', tbl: 'submissions', recordId: m.id });
  return { mutationId: m.mutationId, seq: m.seq, status: 'applied', serverSeq };
}
