import { randomUUID } from 'node:crypto';
import { iatiNote, type IatiMessage } from '../../core/iati/importMessages';
import { DELETED, mergeTable, type MergeTableName } from '../../core/sync/mergeTables';
import { auditContext } from '../audit/context';
import { putServerRecord, serverHlc } from '../catalog';
import type { ClientInfo } from '../http/clientInfo';
import type { ConflictRecord } from '../storage/MergeStorage';
import type { Storage, StorageTx } from '../storage/Storage';
import { organisationIdFor, projectIdFor, shortHash, type IatiFile } from './readActivities';

/** What an import did (or, dry, would do) to one record. */
export interface RecordOutcome {
  tbl: MergeTableName;
  id: string;
  /** The IATI identifier (activity or organisation) it comes from. */
  source: string;
  action: 'created' | 'updated' | 'unchanged' | 'skipped';
  updated: string[];
  conflicts: string[];
  /** Fields the file gave with a value our schema refuses, and skip reasons. */
  notes: IatiMessage[];
}

/** What was left out of an activity while reading it; `message` starts with the activity's identifier. */
export type ActivityNote = IatiMessage & { activity: string };

/**
 * The answer of `POST /api/iati/import` and what the CLI prints (formatImportReport): notes are codes with
 * parameters that the admin page translates, and an English message.
 */
export interface ImportReport {
  dryRun: boolean;
  records: RecordOutcome[];
  notes: ActivityNote[];
}

/** Stable comparison of JSON values (key order ignored). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}
const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

interface Planned {
  tbl: MergeTableName;
  id: string;
  source: string;
  identity: Record<string, string>;
  fields: Record<string, unknown>;
}

/**
 * Writes one record of the file by a three-way comparison per field, with the values last imported as the
 * base: a field Terrain has not changed since takes the file's value; one Terrain changed while the file did
 * not keeps Terrain's; one both changed (or, for a record Terrain made before any import, one that differs)
 * keeps Terrain's and goes to the conflict log with the file's value as the losing side, so a supervisor can
 * restore it (`/api/conflicts`), as for concurrent edits. The base becomes the file's values either way.
 */
async function applyRecord(
  tx: StorageTx,
  plan: Planned,
  at: Date,
  dryRun: boolean,
  pendingConflicts: ConflictRecord[],
  userId: string | null,
): Promise<RecordOutcome> {
  const spec = mergeTable(plan.tbl);
  const outcome: RecordOutcome = {
    tbl: plan.tbl,
    id: plan.id,
    source: plan.source,
    action: 'unchanged',
    updated: [],
    conflicts: [],
    notes: [],
  };
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(plan.fields)) {
    const schema = spec.fields[name];
    if (!schema) continue;
    if (schema.safeParse(value).success) fields[name] = value;
    else outcome.notes.push(iatiNote('field_invalid', { field: name }));
  }
  const [stored] = await tx.lockMergeRecords(plan.tbl, [plan.id]);
  const hlc = serverHlc(at);
  if (!stored) {
    const record = { ...spec.defaults, ...plan.identity, ...fields, id: plan.id, deleted: false };
    if (!spec.record.safeParse(record).success) {
      outcome.action = 'skipped';
      outcome.notes.push(iatiNote('record_invalid'));
      return outcome;
    }
    outcome.action = 'created';
    if (!dryRun) {
      if (spec.isProject) await tx.ensureProjectRow(plan.id, null, at.toISOString());
      await putServerRecord(tx, plan.tbl, record, userId, at);
      await tx.iatiBases.put(plan.tbl, plan.id, fields, at.toISOString());
    }
    return outcome;
  }
  if (stored.deleted) {
    outcome.action = 'skipped';
    outcome.notes.push(iatiNote('deleted_in_terrain'));
    return outcome;
  }
  const base = (await tx.iatiBases.get(plan.tbl, [plan.id])).get(plan.id);
  const changes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    const current = stored.data[name];
    if (same(current, value)) continue;
    // Never set in Terrain (absent or still its default): filling it overwrites nobody's edit.
    const unset = current === undefined || (name in spec.defaults && same(current, spec.defaults[name]));
    if (base && name in base ? same(current, base[name]) : unset) changes[name] = value;
    else if (base && name in base && same(value, base[name])) continue;
    else {
      outcome.conflicts.push(name);
      const winning = stored.fieldState[name];
      pendingConflicts.push({
        id: randomUUID(),
        tbl: plan.tbl,
        recordId: plan.id,
        projectId: stored.projectId,
        field: name,
        losing: { value, hlc, by: userId },
        winning: { value: current ?? null, hlc: winning?.hlc ?? stored.hlc, by: winning?.by ?? null },
        createdAt: at.toISOString(),
        restoredAt: null,
        restoredBy: null,
      });
    }
  }
  outcome.updated = Object.keys(changes);
  if (outcome.updated.length > 0) outcome.action = 'updated';
  if (!dryRun) {
    if (outcome.updated.length > 0)
      await putServerRecord(
        tx,
        plan.tbl,
        { ...plan.identity, ...changes, id: plan.id, [DELETED]: false },
        userId,
        at,
      );
    await tx.iatiBases.put(plan.tbl, plan.id, fields, at.toISOString());
  }
  return outcome;
}

/** The records the file describes, with ids: organisations by `ref`, projects by iati-identifier. */
async function planRecords(tx: StorageTx, file: IatiFile): Promise<Planned[]> {
  const orgIds = new Map<string, string>();
  for (const o of await tx.projectEntities('organisations', ''))
    if (!o.deleted && typeof o.data?.iatiId === 'string') orgIds.set(o.data.iatiId, o.id);
  const projectIds = new Map<string, string>();
  const projects = await tx.getEntities('projects', await tx.allProjectIds());
  for (const p of projects) if (typeof p.data?.code === 'string') projectIds.set(p.data.code, p.id);
  const orgId = (ref: string | null): string | null =>
    ref === null ? null : (orgIds.get(ref) ?? organisationIdFor(ref));
  const planned: Planned[] = file.organisations.map((o) => ({
    tbl: 'organisations',
    id: orgId(o.ref)!,
    source: o.ref,
    identity: {},
    // The contact's parts the file gives; one it leaves out keeps Terrain's value.
    fields: { name: o.name, iatiId: o.ref, type: o.type, ...o.contact },
  }));
  for (const a of file.activities) {
    const projectId = projectIds.get(a.identifier) ?? projectIdFor(a.identifier);
    const childId = (key: string): string => `iati-${shortHash(`${projectId} ${key}`)}`;
    planned.push({
      tbl: 'projects',
      id: projectId,
      source: a.identifier,
      identity: {},
      fields: {
        ...a.project,
        organisationId: orgId(a.orgRefs.reporting),
        participatingOrgs: a.orgRefs.participating.map((p) => ({
          organisationId: orgId(p.ref),
          role: p.role,
        })),
      },
    });
    for (const i of a.indicators)
      planned.push({
        tbl: 'indicators',
        id: childId(i.key),
        source: a.identifier,
        identity: { projectId },
        fields: { unit: '', disaggregations: [], computation: null, ...i.fields },
      });
    for (const v of a.values)
      planned.push({
        tbl: 'indicatorValues',
        id: childId(v.key),
        source: a.identifier,
        identity: {
          projectId,
          indicatorId: childId(v.indicatorKey),
          periodStart: String(v.fields.periodStart),
          periodEnd: String(v.fields.periodEnd),
        },
        fields: { comment: '', reviewStatus: null, reviewComment: '', ...v.fields },
      });
    for (const t of a.planned)
      planned.push({
        tbl: 'plannedDisbursements',
        id: childId(t.key),
        source: a.identifier,
        identity: { projectId },
        fields: { ...t.fields, providerOrgId: orgId(t.providerRef), receiverOrgId: orgId(t.receiverRef) },
      });
    for (const t of a.transactions)
      planned.push({
        tbl: 'transactions',
        id: childId(t.key),
        source: a.identifier,
        identity: { projectId },
        fields: { ...t.fields, providerOrgId: orgId(t.providerRef), receiverOrgId: orgId(t.receiverRef) },
      });
  }
  return planned;
}

/** Thrown to roll a dry run back: it reads as a real one does, then writes nothing. */
class DryRun extends Error {}

/**
 * Imports a read IATI file in one transaction, as the operator (`userId` null) or an admin; audited per
 * record written. `dryRun`: the same report, nothing written.
 */
export async function applyImport(
  storage: Storage,
  file: IatiFile,
  options: {
    dryRun: boolean;
    at: Date;
    userId: string | null;
    fileName: string;
    /** Where an upload came from (the admin page), for the audit log. */
    client?: ClientInfo | null;
  },
): Promise<ImportReport> {
  const report: ImportReport = {
    dryRun: options.dryRun,
    records: [],
    notes: file.activities.flatMap((a) =>
      a.notes.map((n) => ({ ...n, activity: a.identifier, message: `${a.identifier}: ${n.message}` })),
    ),
  };
  try {
    await storage.transaction(async (tx) => {
      const conflicts: ConflictRecord[] = [];
      for (const plan of await planRecords(tx, file)) {
        const outcome = await applyRecord(tx, plan, options.at, options.dryRun, conflicts, options.userId);
        report.records.push(outcome);
        if (
          options.dryRun ||
          (outcome.action !== 'created' && outcome.action !== 'updated' && outcome.conflicts.length === 0)
        )
          continue;
        await tx.audit({
          ...auditContext(options.userId, options.client ?? null),
          at: options.at.toISOString(),
          action: 'iati.import',
          tbl: plan.tbl,
          recordId: plan.id,
          details: {
            file: options.fileName,
            source: plan.source,
            action: outcome.action,
            updated: outcome.updated,
            conflicts: outcome.conflicts,
          },
        });
      }
      if (options.dryRun) throw new DryRun();
      if (conflicts.length > 0) await tx.insertConflicts(conflicts);
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return report;
}
