import { clampHlc } from '../../core/hlc';
import { SubmissionFields, type Submission } from '../../core/records/submission';
import { canonicalJson } from '../../core/sync/canonicalJson';
import { isMergeTable } from '../../core/sync/mergeTables';
import { PUSH_TABLES, type Mutation, type MutationResult } from '../../core/sync/protocol';
import { issuesOf } from '../http/errors';
import { refusedFor } from './actors';
import type { PushBatch } from './pushBatch';
import { reject } from './reject';
import { checkReplaces } from './submissionVersions';
import { erasedRefusal } from '../erasure/refusals';

/**
 * Validates one mutation against the user's rights and the form, and queues its effects on `batch` (written
 * by `batch.flush`). Never throws for bad input.
 */
export async function applyMutation(batch: PushBatch, m: Mutation): Promise<MutationResult> {
  // Every mergeable table is writable (its spec holds the rights), as are PUSH_TABLES.
  if (!(PUSH_TABLES as readonly string[]).includes(m.table) && !isMergeTable(m.table)) {
    return reject(m, 'unknown_table', `Table ${m.table} cannot be written by devices`);
  }
  // Reviews and the other mergeable tables merge field by field (docs/sync-protocol.md).
  if (isMergeTable(m.table)) return batch.merges.applyMutation(m, batch.actors);
  return applySubmission(batch, m);
}

async function applySubmission(batch: PushBatch, m: Mutation): Promise<MutationResult> {
  // Finalized submissions are immutable (ODK's model): a correction is a new submission that `replaces` it.
  if (m.op === 'delete') return reject(m, 'immutable', 'A finalized submission cannot be deleted');
  // Erased: refused before anything reads its content (a device offline during the erasure sends it again).
  if (batch.erasedSubmission(m.id) !== undefined) return erasedRefusal(m, m.id, 'it cannot be sent again');

  const parsed = SubmissionFields.safeParse(m.fields);
  if (!parsed.success) return reject(m, 'validation', 'Invalid submission', issuesOf(parsed.error));
  const fields = parsed.data;

  // Same answer whether the project is missing or closed to the user: ids of other projects stay private.
  const barred = await batch.firstBarredFrom(fields.projectId);
  if (barred)
    return refusedFor(barred, reject(m, 'forbidden', `You are not a member of project ${fields.projectId}`));

  // A correction of an erased submission (made offline from it) is refused alike, in the project it names.
  if (fields.replaces !== null && batch.erasedSubmission(fields.replaces) === fields.projectId)
    return erasedRefusal(m, fields.replaces, 'a correction of it cannot be applied');

  const validator = await batch.answersValidator(fields.formId, fields.formVersion, fields.projectId);
  if (!validator) {
    return reject(
      m,
      'unknown_form',
      `Form ${fields.formId} version ${fields.formVersion} is not published here`,
    );
  }

  const answers = validator.safeParse(fields.data);
  if (!answers.success)
    return reject(m, 'validation', 'Answers do not match the form', issuesOf(answers.error));

  const submission: Submission = { ...fields, id: m.id, createdBy: batch.user.id };
  const existing = batch.existingSubmission(m.id);
  if (existing !== undefined) {
    // A device that lost our answer sends the same submission again under a new seq: that is harmless.
    if (canonicalJson(existing) === canonicalJson(submission)) {
      return { mutationId: m.mutationId, seq: m.seq, status: 'duplicate' };
    }
    return reject(m, 'immutable', 'A different submission with this id already exists');
  }

  // A correction: the replaced submission stays as it is and becomes superseded (see submissionVersions).
  const replaces = fields.replaces;
  const check = replaces === null ? null : await checkReplaces(batch, m.id, { ...fields, replaces });
  if (check && !check.ok) {
    const rejected = reject(m, check.code, check.message);
    return check.actor ? refusedFor(check.actor, rejected) : rejected;
  }

  const hlc = clampHlc(m.hlc, batch.now.getTime());
  const result = batch.queueSubmission(m, submission, hlc);
  if (check) batch.versions.link(submission, hlc, check.replaced);
  return result;
}
