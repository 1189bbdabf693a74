import { Submission, type SubmissionFields } from '../../core/records/submission';
import { resolveVersions } from '../../core/records/submissionVersions';
import { hasRole } from '../../core/records/user';
import type { RejectCode } from '../../core/sync/protocol';
import type { StorageTx, SubmissionVersionRecord, UserRecord } from '../storage/Storage';
import type { Actor } from './actors';
import type { PushBatch } from './pushBatch';

/**
 * Who may correct a submission. As in ODK Central (project managers edit submissions) and KoboToolbox (the
 * "edit submissions" permission, which a project may restrict to one's own): the person who made its first
 * version, the author of the version being replaced, and the focal points and supervisors of the project
 * (admins too). The caller has already checked that the user is a member of the project.
 */
function mayCorrect(user: UserRecord, replaced: SubmissionVersionRecord): boolean {
  return hasRole(user.role, 'focal_point') || user.id === replaced.author || user.id === replaced.createdBy;
}

/** `actor`: who a refusal is for (an importer's aborts the import), when it is about someone's rights. */
export type ReplacesCheck =
  | { ok: true; replaced: SubmissionVersionRecord }
  | { ok: false; code: RejectCode; message: string; actor?: Actor };

/** Checks the `replaces` of a new version: it names a submission of the same form and project, editable by the user. */
export async function checkReplaces(
  batch: PushBatch,
  id: string,
  fields: SubmissionFields & { replaces: string },
): Promise<ReplacesCheck> {
  const fail = (code: RejectCode, message: string, actor?: Actor): ReplacesCheck => ({
    ok: false,
    code,
    message,
    ...(actor ? { actor } : {}),
  });
  if (fields.replaces === id) return fail('validation', 'A submission cannot replace itself');

  // Not accepted ahead of the version it replaces (pushed out of order from another device): its rights
  // could not be checked, and the device keeps it to resend once the first version is on the server.
  const unknown = fail(
    'unknown_replaced',
    `Submission ${fields.replaces} is not on the server: send it first, then resend this version`,
  );
  const stored = batch.existingSubmission(fields.replaces);
  const parsed = stored ? Submission.safeParse(stored) : undefined;
  if (!parsed?.success) return unknown;
  const target = parsed.data;
  if (target.projectId !== fields.projectId) {
    // The same answer as a missing submission when its project is closed to the user: ids stay private.
    if (await batch.firstBarredFrom(target.projectId)) return unknown;
    return fail('validation', 'A new version must stay in the project of the submission it replaces');
  }
  if (target.formId !== fields.formId) {
    return fail(
      'validation',
      `A new version must use form ${target.formId}, like the submission it replaces`,
    );
  }
  const replaced = batch.versions.versionOf(target);
  const barred = batch.actors.find((actor) => !mayCorrect(actor.user, replaced));
  if (barred) {
    return fail(
      'forbidden',
      'Only the author of a submission and the focal points and supervisors of its project may correct it',
      barred,
    );
  }
  return { ok: true, replaced };
}

/**
 * The version links of one push: read before the batch is applied, written by `flush` with the states of
 * every chain the batch touched, recomputed by the rule every device uses.
 */
export class VersionLinks {
  /** Stored rows (prefetched) and rows of this batch, by id. */
  private readonly rows = new Map<string, SubmissionVersionRecord>();
  /** The stored or queued hlc of submissions a correction may replace. */
  private readonly hlcs = new Map<string, string>();
  /** First edits of submissions never edited before: their chain's root row is created. */
  private readonly newRoots = new Map<string, SubmissionVersionRecord>();
  private readonly added: SubmissionVersionRecord[] = [];

  constructor(private readonly tx: StorageTx) {}

  async prefetch(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const row of await this.tx.getSubmissionVersions(ids)) this.rows.set(row.id, row);
  }

  noteHlc(id: string, hlc: string): void {
    this.hlcs.set(id, hlc);
  }

  /** The version row of a stored or queued submission; a root row if it was never edited. */
  versionOf(submission: Submission): SubmissionVersionRecord {
    return (
      this.rows.get(submission.id) ?? {
        id: submission.id,
        projectId: submission.projectId,
        formId: submission.formId,
        replaces: null,
        rootId: submission.id,
        author: submission.createdBy,
        createdBy: submission.createdBy,
        hlc: this.hlcs.get(submission.id) ?? '',
        supersededBy: null,
        conflicting: false,
      }
    );
  }

  /** Records `version` (queued in this batch) as a new version of `replaced`. */
  link(version: Submission, hlc: string, replaced: SubmissionVersionRecord): void {
    if (replaced.rootId === replaced.id && !this.rows.has(replaced.id))
      this.newRoots.set(replaced.id, replaced);
    const row: SubmissionVersionRecord = {
      id: version.id,
      projectId: version.projectId,
      formId: version.formId,
      replaces: replaced.id,
      rootId: replaced.rootId,
      author: replaced.author,
      createdBy: version.createdBy,
      hlc,
      supersededBy: null,
      conflicting: false,
    };
    // A later mutation of the batch may correct this version in turn.
    this.rows.set(row.id, row);
    this.added.push(row);
  }

  /**
   * Locks the touched chains, reads them as committed (another push may have added a version since the
   * prefetch), and writes the new rows and every state that changed. Runs before the batch's entities are
   * inserted, so the server_seq counter is locked after the chains, never before.
   */
  async flush(): Promise<void> {
    if (this.added.length === 0) return;
    const stored = await this.tx.lockSubmissionChains(
      [...new Set(this.added.map((r) => r.rootId))],
      [...this.newRoots.values()],
    );
    const all = new Map(stored.map((r) => [r.id, r]));
    const fresh = new Set(this.added.map((r) => r.id));
    for (const r of this.added) all.set(r.id, r);
    const states = resolveVersions([...all.values()]);
    const changed: SubmissionVersionRecord[] = [];
    for (const row of all.values()) {
      const info = states.get(row.id);
      if (!info) continue;
      const supersededBy = info.state === 'current' ? null : info.current;
      const conflicting = info.state === 'conflicting';
      if (fresh.has(row.id) || row.supersededBy !== supersededBy || row.conflicting !== conflicting) {
        changed.push({ ...row, supersededBy, conflicting });
      }
    }
    await this.tx.putSubmissionVersions(changed);
  }
}
