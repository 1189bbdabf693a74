import { randomUUID } from 'node:crypto';
import { clampHlc, encodeHlc } from '../../core/hlc';
import { canonicalJson } from '../../core/sync/canonicalJson';
import { applyWrites, hlcAfter, latestHlc, type FieldWrite, type LostValue } from '../../core/sync/merge';
import {
  DELETED,
  isMergeTable,
  isStampPath,
  mergeTable,
  type MergeTableName,
  type MergeTableSpec,
  type ParentTable,
} from '../../core/sync/mergeTables';
import { fieldWrites, identityOf, materialize, parseWrite, valuesOf } from '../../core/sync/mergeRecords';
import type { Mutation, MutationResult } from '../../core/sync/protocol';
import { issuesOf } from '../http/errors';
import type { ConflictRecord, MergeRecord, MergeRecordWrite } from '../storage/MergeStorage';
import type { AuditContext } from '../audit/context';
import type { AuditEntry, StorageTx, UserRecord } from '../storage/Storage';
import { projectRefusal, refusedFor, type Actor } from './actors';
import { organisationRefusal, organisationUses, type BatchFlow } from './organisationUse';
import {
  changeDetails,
  givenIdentity,
  mergeResult,
  keyOf,
  PARENT_NAMES,
  type ParentLookup,
  type ParentState,
  type Working,
} from './mergeWorking';
import { reject } from './reject';
import { erasedRefusal } from '../erasure/refusals';
import { addedDocuments } from '../media/projectDocuments';
import type { DocumentRefRecord } from '../storage/MediaOps';

/**
 * The mergeable records (src/core/sync/mergeTables.ts) one transaction reads, merges into and writes: the
 * records a batch touches are read (and locked) once, every write is merged in memory in order, and `flush`
 * writes each changed record once, with the conflict log and the audit entries.
 */
export class MergeBatch {
  private readonly records = new Map<string, Working | null>();
  /** Stored parents that this batch does not write, by table and id (null: not stored). */
  private readonly parents = new Map<string, ParentState | null>();
  private readonly conflicts: ConflictRecord[] = [];
  private readonly audits: AuditEntry[] = [];
  /** Files this batch's project writes added to their documents, and by whom (media/projectDocuments.ts). */
  private readonly documentRefs: DocumentRefRecord[] = [];
  /** The last clamped clock: clamping must keep a device's far-ahead writes in their own order. */
  private lastClamped = '';

  constructor(
    private readonly tx: StorageTx,
    private readonly user: UserRecord,
    private readonly now: Date,
    /** Who the audit log names (the importer of an export file, for the writer) and where from. */
    private readonly audit: AuditContext = { userId: user.id },
    /** Parents the surrounding batch queued before this record, e.g. a submission pushed with its review. */
    private readonly queuedParent: ParentLookup = () => null,
  ) {}

  /** Reads and locks, per table in one query, the records the batch writes; then reads their parents. */
  async prefetch(mutations: readonly Mutation[]): Promise<void> {
    const byTable = new Map<MergeTableName, Mutation[]>();
    const ids = new Map<MergeTableName, string[]>();
    const add = (tbl: MergeTableName, id: string) => ids.set(tbl, [...(ids.get(tbl) ?? []), id]);
    for (const m of mutations) {
      if (!isMergeTable(m.table)) continue;
      const list = byTable.get(m.table) ?? [];
      list.push(m);
      byTable.set(m.table, list);
      add(m.table, m.id);
      // The records their rule reads (an event's review) are locked with the rest, in the same id order.
      const about = mergeTable(m.table).about?.record(givenIdentity(mergeTable(m.table), m.fields));
      if (about && about.id !== '') add(about.table, about.id);
    }
    for (const [tbl, list] of ids) await this.load(tbl, list);
    // After the loads: a parent the batch also writes (a value pushed with its review event) is known.
    const parents = new Map<ParentTable, string[]>();
    for (const [tbl, list] of byTable) {
      const spec = mergeTable(tbl);
      if (!spec.parent) continue;
      for (const m of list) {
        const parent = spec.parent(givenIdentity(spec, m.fields));
        if (parent.id !== '') parents.set(parent.table, [...(parents.get(parent.table) ?? []), parent.id]);
      }
    }
    for (const [table, ids] of parents) await this.loadParents(table, ids);
  }

  private async loadParents(table: ParentTable, ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter(
      (id) => !this.parents.has(keyOf(table, id)) && !this.records.has(keyOf(table, id)),
    );
    if (missing.length === 0) return;
    for (const id of missing) this.parents.set(keyOf(table, id), null);
    for (const e of await this.tx.getEntities(table, missing))
      this.parents.set(keyOf(table, e.id), { projectId: e.projectId, deleted: e.deleted });
  }

  private async load(tbl: MergeTableName, ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.records.has(keyOf(tbl, id)));
    if (missing.length === 0) return;
    for (const id of missing) this.records.set(keyOf(tbl, id), null);
    for (const stored of await this.tx.lockMergeRecords(tbl, missing))
      this.records.set(keyOf(tbl, stored.id), this.working(stored));
  }

  private working(stored: MergeRecord): Working {
    const spec = mergeTable(stored.tbl);
    return {
      tbl: stored.tbl,
      spec,
      id: stored.id,
      identity: identityOf(spec, stored.data),
      projectId: stored.projectId,
      createdBy: stored.createdBy,
      fieldState: stored.fieldState,
      isNew: false,
      serverSeq: stored.serverSeq,
      dirty: false,
      results: [],
    };
  }

  private async record(tbl: MergeTableName, id: string): Promise<Working | null> {
    await this.load(tbl, [id]);
    return this.records.get(keyOf(tbl, id)) ?? null;
  }

  /** A project this batch created (by an admin, the only one who may), not stored yet. */
  private createdHere(projectId: string): boolean {
    const project = this.records.get(keyOf('projects', projectId));
    return !!project?.isNew && project.fieldState[DELETED]?.value !== true;
  }

  /** The parent as this batch sees it: written by the batch, else stored, else queued by the surrounding batch. */
  private async parentOf(table: ParentTable, id: string): Promise<ParentState | null> {
    const key = keyOf(table, id);
    const here = this.records.get(key);
    if (here) return { projectId: here.projectId, deleted: here.fieldState[DELETED]?.value === true };
    await this.loadParents(table, [id]);
    return this.parents.get(key) ?? this.queuedParent(table, id);
  }

  /** A write-once record written again: the very same write (a replay) by the same writer, or not. */
  private isReplay(current: Working, values: Readonly<Record<string, unknown>>): boolean {
    const written = Object.keys(current.fieldState).filter((path) => !isStampPath(current.spec, path));
    if (written.length !== Object.keys(values).length) return false;
    return Object.entries(values).every(([path, value]) => {
      const stored = current.fieldState[path];
      return stored?.by === this.user.id && canonicalJson(stored.value) === canonicalJson(value);
    });
  }

  /** Far-ahead clocks come back to the server's time plus the allowed drift, in their own order. */
  private clamp(hlc: string, node: string): string {
    let clamped = clampHlc(hlc, this.now.getTime());
    if (clamped !== hlc && clamped <= this.lastClamped) clamped = hlcAfter(this.lastClamped, node);
    if (clamped !== hlc) this.lastClamped = clamped;
    return clamped;
  }

  /**
   * Validates a device's change of a mergeable record and merges it. Answers `applied`, or `conflict` when
   * some of its fields lost to newer values; the serverSeq is filled in by `flush`. Every actor (the writer,
   * and the importer of an export file) must be allowed to make the change.
   */
  async applyMutation(m: Mutation, actors: readonly Actor[]): Promise<MutationResult> {
    if (!isMergeTable(m.table)) return reject(m, 'unknown_table', `Table ${m.table} does not merge`);
    const tbl = m.table;
    const spec = mergeTable(tbl);
    const parsed = parseWrite(spec, m.op, m.fields);
    if (!parsed.ok) return reject(m, 'validation', `Invalid ${tbl} change`, issuesOf(parsed.error));
    const { identity, values } = parsed;
    const expectedId = spec.idOf?.(identity);
    if (expectedId !== undefined && expectedId !== m.id)
      return reject(m, 'validation', `This ${tbl} record's id must be ${expectedId}`);

    const current = await this.record(tbl, m.id);
    if (current && Object.entries(identity).some(([name, value]) => current.identity[name] !== value))
      return reject(m, 'immutable', `${Object.keys(identity).join(', ')} of a ${tbl} record never change`);

    const projectId = spec.projectOf(identity, m.id);
    for (const actor of actors) {
      const refused = await projectRefusal(m, spec, actor, projectId, {
        exists: current !== null,
        createdHere: this.createdHere(projectId),
      });
      if (refused) return refused;
    }
    // A submission is deleted only by an erasure: a review of it made offline is refused before anything
    // reads what it says (a refusal for another reason would keep its comments).
    const parent = !current && spec.parent?.(identity);
    if (parent && parent.table === 'submissions') {
      const state = await this.parentOf(parent.table, parent.id);
      if (state?.deleted && state.projectId === projectId)
        return erasedRefusal(m, parent.id, `a ${tbl} record about it cannot be stored`);
    }
    if (spec.writeOnce && m.op === 'delete')
      return reject(m, 'immutable', `A ${tbl} record is never deleted`);
    const stored = current && materialize(spec, current.id, current.identity, valuesOf(current.fieldState));
    for (const actor of actors) {
      const refusal = spec.refuse(actor.user.role, values, stored);
      if (refusal !== null) return refusedFor(actor, reject(m, 'forbidden', refusal));
    }
    // Who may change an organisation depends on the projects that name it (organisationUse.ts).
    if (tbl === 'organisations') {
      const uses = await organisationUses(this.tx, m.id, this.batchProjects(), this.batchFlows());
      const state = { isNew: !current, createdBy: current?.createdBy ?? null };
      const refused = await organisationRefusal(m, actors, uses, state, (p) => this.createdHere(p));
      if (refused) return refused;
    }
    if (spec.writeOnce && current) {
      if (this.isReplay(current, values))
        return { mutationId: m.mutationId, seq: m.seq, status: 'duplicate' };
      return reject(m, 'immutable', `A ${tbl} record is written once and never changes`);
    }
    if (spec.about) {
      const { table, id } = spec.about.record(identity);
      const about = await this.record(table, id);
      const shown = about && materialize(about.spec, about.id, about.identity, valuesOf(about.fieldState));
      for (const actor of actors) {
        const refusal = spec.about.refuse(actor.user.role, values, shown, identity);
        if (refusal !== null) return refusedFor(actor, reject(m, 'forbidden', refusal));
      }
    }
    if (!current) {
      // The fields without a default (a project's code and title…) come with the write that creates it.
      const created = spec.record.safeParse(materialize(spec, m.id, identity, values));
      if (!created.success)
        return reject(m, 'validation', `A new ${tbl} record lacks fields`, issuesOf(created.error));
    }
    if (!current && spec.parent) {
      const { table, id } = spec.parent(identity);
      const parent = await this.parentOf(table, id);
      if (!parent || parent.deleted || parent.projectId !== projectId)
        return reject(m, 'validation', `${PARENT_NAMES[table]} ${id} does not exist in project ${projectId}`);
    }

    const hlc = this.clamp(m.hlc, m.clientId);
    const by = { by: this.user.id, byName: this.user.displayName };
    const writes = fieldWrites(spec, values, { hlc, ...by, base: m.base });
    const target = current ?? this.create(tbl, spec, m.id, identity, projectId);
    const before = target.fieldState;
    const lost = this.merge(target, writes);
    // Recorded whether or not the write wins: the file stays named by its adder should a restore bring it back.
    if (tbl === 'projects')
      this.documentRefs.push(...addedDocuments(m.id, values, stored, this.user.id, this.now.toISOString()));
    this.audits.push({
      ...this.audit,
      at: this.now.toISOString(),
      action: `${tbl}.${m.op}`,
      tbl,
      recordId: m.id,
      details: changeDetails(before, target.fieldState, writes),
    });

    const result = mergeResult(m, spec, lost, { hlc, by: this.user.id }, target.serverSeq);
    target.results.push(result);
    return result;
  }

  /** The projects this batch read or wrote, as they stand now. */
  private *batchProjects(): Iterable<[string, Record<string, unknown>]> {
    for (const w of this.records.values())
      if (w?.tbl === 'projects') yield [w.id, materialize(w.spec, w.id, w.identity, valuesOf(w.fieldState))];
  }

  /** The aid flows this batch read or wrote, as they stand (an organisation they name is in use). */
  private *batchFlows(): Iterable<BatchFlow> {
    for (const w of this.records.values())
      if (w?.tbl === 'transactions' || w?.tbl === 'plannedDisbursements')
        yield {
          tbl: w.tbl,
          id: w.id,
          projectId: w.projectId,
          data: materialize(w.spec, w.id, w.identity, valuesOf(w.fieldState)),
        };
  }

  /**
   * Writes `value` back into one field as a new change made now on the server, by this batch's user, with a
   * clock that beats the field's current one. Like any write, the value it displaces goes to the conflict
   * log (so a restore can itself be reversed). Returns the record's server_seq once flushed.
   */
  async restore(tbl: MergeTableName, id: string, path: string, value: unknown): Promise<() => number> {
    const target = await this.record(tbl, id);
    if (!target) throw new Error(`No ${tbl} record ${id}`);
    // Their records are never merged into, so nothing of theirs is ever lost (or restored).
    if (target.spec.writeOnce) throw new Error(`${tbl} records are never restored`);
    const current = target.fieldState[path]?.hlc;
    const fresh = encodeHlc({ wall: this.now.getTime(), counter: 0, node: 'server' });
    const hlc = current !== undefined && current >= fresh ? hlcAfter(current, 'server') : fresh;
    // No base: whatever the field holds now is replaced unseen, and therefore logged.
    const by = { by: this.user.id, byName: this.user.displayName };
    const before = target.fieldState;
    const writes = fieldWrites(target.spec, { [path]: value }, { hlc, ...by });
    this.merge(target, writes);
    this.audits.push({
      ...this.audit,
      at: this.now.toISOString(),
      action: 'conflict.restore',
      tbl,
      recordId: id,
      details: changeDetails(before, target.fieldState, writes),
    });
    return () => target.serverSeq;
  }

  private create(
    tbl: MergeTableName,
    spec: MergeTableSpec,
    id: string,
    identity: Record<string, string>,
    projectId: string,
  ): Working {
    const created: Working = {
      tbl,
      spec,
      id,
      identity,
      projectId,
      createdBy: this.user.id,
      fieldState: {},
      isNew: true,
      serverSeq: 0,
      dirty: true,
      results: [],
    };
    this.records.set(keyOf(tbl, id), created);
    return created;
  }

  private merge(target: Working, writes: readonly FieldWrite[]): LostValue[] {
    const { state, lost, changed } = applyWrites(target.fieldState, writes);
    if (changed.length > 0) {
      target.fieldState = state;
      target.dirty = true;
    }
    const at = this.now.toISOString();
    for (const l of lost) {
      if (isStampPath(target.spec, l.path)) continue;
      this.conflicts.push({
        id: randomUUID(),
        tbl: target.tbl,
        recordId: target.id,
        projectId: target.projectId,
        field: l.path,
        losing: l.losing,
        winning: l.winning,
        createdAt: at,
        restoredAt: null,
        restoredBy: null,
      });
    }
    return lost;
  }

  /** Writes the conflict log, the audit entries and every changed record (taking the counter lock last). */
  async flush(): Promise<void> {
    if (this.conflicts.length) await this.tx.insertConflicts(this.conflicts);
    if (this.audits.length) await this.tx.auditMany(this.audits);
    if (this.documentRefs.length) await this.tx.media.insertDocumentRefs(this.documentRefs);
    const dirty = [...this.records.values()].filter((w): w is Working => w !== null && w.dirty);
    const at = this.now.toISOString();
    const writes: MergeRecordWrite[] = dirty.map((w) => {
      // Parsed so that a merge can never store a record devices would refuse.
      const data = w.spec.record.parse(materialize(w.spec, w.id, w.identity, valuesOf(w.fieldState)));
      return {
        tbl: w.tbl,
        id: w.id,
        projectId: w.projectId,
        createdBy: w.createdBy,
        data,
        deleted: w.fieldState[DELETED]?.value === true,
        fieldState: w.fieldState,
        hlc: latestHlc(w.fieldState),
        updatedAt: at,
        isNew: w.isNew,
      };
    });
    // A project created by a push gets its membership anchor (its organisation is a coordination record,
    // not an account organisation, hence null there).
    for (const w of writes)
      if (w.isNew && mergeTable(w.tbl).isProject) await this.tx.ensureProjectRow(w.id, null, at);
    const seqs = await this.tx.writeMergeRecords(writes);
    // Whoever wrote a project's records is named to its devices, member or not (an admin's review).
    await this.tx.recordActingPerson(
      this.user.id,
      writes.map((w) => w.projectId),
    );
    dirty.forEach((w, i) => {
      w.serverSeq = seqs[i]!;
      w.isNew = false;
      w.dirty = false;
      for (const result of w.results) result.serverSeq = w.serverSeq;
    });
    for (const w of this.records.values()) w?.results.splice(0);
    this.conflicts.splice(0);
    this.audits.splice(0);
    this.documentRefs.splice(0);
  }
}
