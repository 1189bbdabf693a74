import { createHash } from 'node:crypto';
import { formVersionKey } from '../../core/records/formVersion';
import type { Submission } from '../../core/records/submission';
import type { Mutation, MutationResult } from '../../core/sync/protocol';
import type {
  AuditEntry,
  EntityRecord,
  EntityWrite,
  RejectedMutationRecord,
  StorageTx,
  UserRecord,
} from '../storage/Storage';
import { auditContext, type AuditContext } from '../audit/context';
import { HttpError } from '../http/errors';
import type { ClientInfo } from '../http/clientInfo';
import { DEFAULT_LIMITS, type RejectedCaps } from '../limits/config';
import { recordMediaRefs } from '../media/recordMediaRefs';
import { answersValidator, type AnswersValidator } from './formValidators';
import { MergeBatch } from './mergeBatch';
import type { Actor } from './actors';
import type { FileTrust } from '../devices/fileTrust';
import { capRejected, payloadSummary } from './rejectedCaps';
import { isErasedRefusal } from '../erasure/refusals';
import { isMergeTable, mergeTable } from '../../core/sync/mergeTables';
import { givenIdentity } from './mergeWorking';
import { VersionLinks } from './submissionVersions';

type Applied = Extract<MutationResult, { status: 'applied' }>;

/**
 * The person who imported an export file: an account (`user`, whose rights are checked on every change as
 * well as the file user's), or (id null) the operator at the server's console, trusted like an admin.
 */
export interface Importer {
  id: string | null;
  user?: UserRecord;
  /** Where an import over HTTP came from (address, user agent), for the audit log. */
  client?: ClientInfo;
  /** How the file was let in: signed by its device, or taken unsigned by the operator (fileTrust.ts). */
  trust?: FileTrust;
}

/** Where a push comes from, beyond its user: an import, the request's client, the caps on refusals. */
export interface PushContext {
  /** Who imported the changes from an export file, if they did not come from the device itself. */
  importedBy?: Importer | null;
  /** Where the request came from (null or absent at the console), for the audit log. */
  client?: ClientInfo | null;
  /** What is kept of the rejected mutations' payloads (see rejectedCaps.ts). */
  caps?: RejectedCaps;
}

/**
 * What one push transaction reads once and writes at the end.
 *
 * Reads: the project rights and form versions a batch refers to are looked up once per batch (a batch is
 * almost always one agent filling one form), and the submissions it might collide with in one query.
 * Everything is read inside the transaction, so SQLite sees exactly what a per-mutation lookup would have
 * seen; on PostgreSQL (read committed) a project closed or a form published while the batch runs takes effect
 * from the next batch rather than mid-batch, which is the same as the batch having run a moment earlier.
 *
 * Writes: new entities, rejections and audit entries are queued and written by `flush` with one multi-row
 * statement each, still inside the transaction, so a crash leaves either all of the batch or none of it.
 */
export class PushBatch {
  /** Project rights by user and project, read once per batch. */
  private readonly projectAccess = new Map<string, boolean>();
  private readonly forms = new Map<string, EntityRecord | undefined>();
  /** Submissions stored before this batch (prefetched) or queued by it, by id. */
  private readonly submissions = new Map<string, Record<string, unknown> | null>();
  /** Erased submissions among those prefetched: their project, by id (src/server/erasure). */
  private readonly erased = new Map<string, string>();
  /** Submissions the applied changes of this batch refer to (corrected, reviewed), checked at the end. */
  private readonly referenced = new Set<string>();
  private readonly entities: { write: EntityWrite; result: Applied }[] = [];
  private readonly audits: AuditEntry[] = [];
  /** Who the audit entries of this batch name: the device's user, or the importer for the device's user. */
  private readonly auditContext: AuditContext;
  private readonly rejected: RejectedMutationRecord[] = [];
  /** Corrections of this batch: which submission each one replaces, and the chains' states. */
  readonly versions: VersionLinks;
  /** The mergeable records (reviews, review events…) this batch reads, merges into and writes. */
  readonly merges: MergeBatch;
  /**
   * Everyone each change acts for: the device's user, and the importer of an export file. A change is
   * applied only if every one of them may make it, by the same rule (docs/security.md, least privilege).
   */
  readonly actors: readonly Actor[];
  /** Who imported the batch from an export file, if it did not come from the device itself. */
  private readonly importedBy: Importer | null;
  /** What is kept of the rejected mutations' payloads (see rejectedCaps.ts). */
  private readonly caps: RejectedCaps;

  constructor(
    readonly tx: StorageTx,
    readonly user: UserRecord,
    readonly now: Date,
    /** The storage the transaction belongs to: compiled form validators are cached per storage. */
    private readonly scope: object,
    context: PushContext = {},
  ) {
    const { importedBy = null, client = null } = context;
    this.importedBy = importedBy;
    this.caps = context.caps ?? DEFAULT_LIMITS.rejected;
    this.auditContext = importedBy
      ? auditContext(importedBy.id, client, user.id)
      : auditContext(user.id, client);
    this.versions = new VersionLinks(tx);
    const actor = (u: UserRecord, importer: boolean): Actor => ({
      user: u,
      importer,
      canWriteProject: (p) => this.canWriteProject(p, u),
    });
    this.actors = [actor(user, false), ...(importedBy?.user ? [actor(importedBy.user, true)] : [])];
    this.merges = new MergeBatch(tx, user, now, this.auditContext, (table, id) => {
      // Submissions are queued here; the mergeable parents of a batch are the merge batch's own.
      const queued = table === 'submissions' ? this.existingSubmission(id) : null;
      return queued ? { projectId: String(queued.projectId), deleted: false } : null;
    });
  }

  /** Loads, in one query, the stored submissions that the new mutations of the batch might collide with. */
  async prefetch(mutations: readonly Mutation[]): Promise<void> {
    await this.merges.prefetch(mutations);
    const puts = mutations.filter((m) => m.table === 'submissions' && m.op === 'put');
    if (puts.length === 0) return;
    // Corrections also need the submissions they replace, and those submissions' version rows.
    const replaced = puts.map((m) => m.fields.replaces).filter((r): r is string => typeof r === 'string');
    const ids = [...puts.map((m) => m.id), ...replaced];
    for (const e of await this.tx.getEntities('submissions', ids)) {
      this.submissions.set(e.id, e.data);
      this.versions.noteHlc(e.id, e.hlc);
      if (e.deleted) this.erased.set(e.id, e.projectId);
    }
    await this.versions.prefetch(replaced);
  }

  /** Whether `user` (the device's user by default) may write in the project: a member of it, or an admin. */
  async canWriteProject(projectId: string, user: UserRecord = this.user): Promise<boolean> {
    const key = `${user.id}\u0000${projectId}`;
    let allowed = this.projectAccess.get(key);
    if (allowed === undefined) {
      const project = await this.tx.getEntity('projects', projectId);
      allowed =
        !!project &&
        !project.deleted &&
        (user.role === 'admin' || (await this.tx.isProjectMember(projectId, user.id)));
      this.projectAccess.set(key, allowed);
    }
    return allowed;
  }

  /** The first actor who may not write in the project, or undefined when all may. */
  async firstBarredFrom(projectId: string): Promise<Actor | undefined> {
    for (const actor of this.actors) if (!(await actor.canWriteProject(projectId))) return actor;
    return undefined;
  }

  /** The answers validator of a form version published in `projectId`, or null if there is none. */
  async answersValidator(
    formId: string,
    version: string,
    projectId: string,
  ): Promise<AnswersValidator | null> {
    // Keyed by project: a submission is checked against its own project's version, never another's.
    const key = formVersionKey(projectId, formId, version);
    if (!this.forms.has(key)) this.forms.set(key, await this.tx.getEntity('forms', key));
    const form = this.forms.get(key);
    if (form?.projectId !== projectId) return null;
    return answersValidator(this.scope, form);
  }

  /**
   * The stored submission with this id (`null` for a tombstone), including one queued earlier in this batch;
   * undefined if there is none.
   */
  existingSubmission(id: string): Record<string, unknown> | null | undefined {
    return this.submissions.get(id);
  }

  /** The project of an erased submission (a tombstone the batch prefetched), or undefined. */
  erasedSubmission(id: string): string | undefined {
    return this.erased.get(id);
  }

  /**
   * Notes the submission an applied change refers to (the version a correction replaces, the submission a
   * review or review event is about): `flush` checks that it was not erased meanwhile.
   */
  noteReference(m: Mutation): void {
    const fields = m.fields;
    const named = isMergeTable(m.table)
      ? mergeTable(m.table).ownerSubmission?.(givenIdentity(mergeTable(m.table), fields))
      : fields.replaces;
    if (typeof named === 'string' && named !== '') this.referenced.add(named);
  }

  /**
   * Queues a new submission. The returned result gets its serverSeq in `flush`, which must run before the
   * result leaves the transaction.
   */
  queueSubmission(m: Mutation, submission: Submission, hlc: string): Applied {
    const at = this.now.toISOString();
    const result: Applied = { mutationId: m.mutationId, seq: m.seq, status: 'applied', serverSeq: 0 };
    this.entities.push({
      write: {
        tbl: 'submissions',
        id: m.id,
        projectId: submission.projectId,
        createdBy: this.user.id,
        data: submission,
        hlc,
        updatedAt: at,
      },
      result,
    });
    this.submissions.set(m.id, submission);
    this.versions.noteHlc(m.id, hlc);
    // The submission stays the agent's (createdBy); the log says who actually put it on the server. Its
    // answers are not copied into the log: a submission never changes, and its hash pins what was stored.
    this.audits.push({
      ...this.auditContext,
      at,
      action: this.importedBy ? 'submission.import' : 'submission.create',
      tbl: 'submissions',
      recordId: m.id,
      details: {
        projectId: submission.projectId,
        formId: submission.formId,
        formVersion: submission.formVersion,
        replaces: submission.replaces,
        // Of the JSON the entity row stores (the same object, serialised the same way): checkable against it.
        sha256: createHash('sha256').update(JSON.stringify(submission)).digest('hex'),
      },
    });
    return result;
  }

  /**
   * Keeps a rejected mutation with its payload (within the caps of rejectedCaps.ts): the queue moves on, and
   * nothing entered is lost, since the device keeps the change too.
   */
  queueRejected(clientId: string, m: Mutation, r: Extract<MutationResult, { status: 'rejected' }>): void {
    // About an erased submission: what it carries is the erased content again, never stored.
    const payload = isErasedRefusal(r) ? payloadSummary(m, 'erased') : m;
    // A refusal of rights is an attempt someone may need to see; invalid answers are only mistakes.
    if (r.code === 'forbidden')
      this.audits.push({
        ...this.auditContext,
        at: this.now.toISOString(),
        action: 'change.refused',
        tbl: m.table,
        recordId: m.id,
        details: { clientId, seq: m.seq, op: m.op, message: r.message },
      });
    this.rejected.push({
      mutationId: m.mutationId,
      clientId,
      userId: this.user.id,
      seq: m.seq,
      payload,
      code: r.code,
      message: r.message,
      details: r.details,
      createdAt: this.now.toISOString(),
    });
  }

  /**
   * Writes everything queued. server_seqs are allocated as one range in mutation order, so pull still serves
   * a batch's submissions in the order the device sent them. The entities go last: on PostgreSQL allocating
   * locks the counter row until commit, and every other writer waits for it, so it is held for as short a
   * time as possible.
   */
  async flush(): Promise<void> {
    if (this.rejected.length)
      await this.tx.insertRejectedMany(await capRejected(this.tx, this.rejected, this.caps));
    if (this.audits.length) await this.tx.auditMany(this.audits);
    await this.versions.flush();
    // The submissions are the device user's (for an import, the file's user): theirs is the proof to give.
    await recordMediaRefs(
      this.tx,
      this.entities.map((e) => e.write),
      this.user,
    );
    await this.merges.flush();
    const seqs = await this.tx.insertNewEntities(this.entities.map((e) => e.write));
    this.entities.forEach((e, i) => (e.result.serverSeq = seqs[i]!));
    await this.tx.recordActingPerson(
      this.user.id,
      this.entities.map((e) => e.write.projectId),
    );
    await this.checkNotErased();
  }

  /**
   * On PostgreSQL an erasure may commit between this batch's reads and its writes. Checked here, after the
   * batch's writes took the server_seq counter's lock, which the erasure holds while it reads and deletes:
   * either the erasure saw this batch's rows (and erased them too), or this read sees its tombstones and the
   * batch rolls back; the device retries, and its change is then refused as being about an erased submission.
   */
  private async checkNotErased(): Promise<void> {
    const queued = new Set(this.entities.map((e) => e.write.id));
    const ids = [...this.referenced].filter((id) => !queued.has(id));
    if (ids.length === 0) return;
    const erased = (await this.tx.getEntities('submissions', ids)).find((e) => e.deleted);
    // `internal` (500): a transient answer, which the device retries; no stack in the server's log.
    if (erased)
      throw new HttpError(
        'internal',
        `Submission ${erased.id} was erased while this push ran: send it again`,
      );
  }
}
