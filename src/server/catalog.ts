import { encodeHlc } from '../core/hlc';
import { FormVersion, formVersionKey } from '../core/records/formVersion';
import { Project, type ProjectInput } from '../core/records/project';
import { applyWrites, hlcAfter, latestHlc, type FieldWrite } from '../core/sync/merge';
import { DELETED, mergeTable, type MergeTableName } from '../core/sync/mergeTables';
import { fieldWrites, identityOf, materialize, valuesOf } from '../core/sync/mergeRecords';
import { auditContext } from './audit/context';
import type { ClientInfo } from './http/clientInfo';
import type { StorageTx } from './storage/Storage';

/** Server-made records carry the server's own clock reading. */
export function serverHlc(at: Date): string {
  return encodeHlc({ wall: at.getTime(), counter: 0, node: 'server' });
}

/**
 * The field writes that set every field `record` gives of a mergeable table (src/core/sync/mergeTables.ts)
 * at one clock, by one writer: how a server-made record gets its field state.
 */
export function recordWrites(
  tbl: MergeTableName,
  record: Readonly<Record<string, unknown>>,
  hlc: string,
  by: string | null,
): FieldWrite[] {
  const spec = mergeTable(tbl);
  const values: Record<string, unknown> = { [DELETED]: record.deleted === true };
  for (const name of Object.keys(spec.fields)) {
    const value = record[name];
    if (value !== undefined) values[name] = value;
  }
  return fieldWrites(spec, values, { hlc, by });
}

/** The field writes of a whole project (the migration that made projects mergeable uses it). */
export function projectWrites(project: Project, hlc: string, by: string | null): FieldWrite[] {
  return recordWrites('projects', project, hlc, by);
}

/**
 * Writes a mergeable record made on the server (seed, tests, the console): every field it gives at the
 * server's clock, or just after the record's latest one, so that it wins over what devices wrote before.
 * Stamps (`enteredBy`…) are the writer's, as for a device's write. Returns the record's server_seq.
 */
export async function putServerRecord(
  tx: StorageTx,
  tbl: MergeTableName,
  record: Readonly<Record<string, unknown>> & { id: string },
  userId: string | null,
  at: Date,
): Promise<number> {
  const spec = mergeTable(tbl);
  const [stored] = await tx.lockMergeRecords(tbl, [record.id]);
  const state = stored?.fieldState ?? {};
  const now = serverHlc(at);
  const latest = latestHlc(state);
  const hlc = latest !== '' && latest >= now ? hlcAfter(latest, 'server') : now;
  const merged = applyWrites(state, recordWrites(tbl, record, hlc, userId)).state;
  const identity = identityOf(spec, record);
  const data = spec.record.parse(materialize(spec, record.id, identity, valuesOf(merged)));
  const [serverSeq] = await tx.writeMergeRecords([
    {
      tbl,
      id: record.id,
      projectId: spec.projectOf(identity, record.id),
      createdBy: stored?.createdBy ?? userId,
      data,
      deleted: merged[DELETED]?.value === true,
      fieldState: merged,
      hlc: latestHlc(merged),
      updatedAt: at.toISOString(),
      isNew: !stored,
    },
  ]);
  return serverSeq!;
}

/** Creates or updates a project; devices receive it on their next pull. */
export async function publishProject(
  tx: StorageTx,
  project: ProjectInput,
  userId: string | null,
  at: Date,
): Promise<number> {
  const data = Project.parse(project);
  await tx.ensureProjectRow(data.id, data.organisationId, at.toISOString());
  const serverSeq = await putServerRecord(tx, 'projects', data, userId, at);
  await tx.audit({
    at: at.toISOString(),
    userId,
    action: 'project.publish',
    tbl: 'projects',
    recordId: data.id,
  });
  return serverSeq;
}

/**
 * Publishes a form version into its project. A published version is never changed afterwards. `client`:
 * where the publisher's request came from, for the audit log.
 */
export async function publishFormVersion(
  tx: StorageTx,
  form: FormVersion,
  userId: string | null,
  at: Date,
  client: ClientInfo | null = null,
): Promise<number> {
  const data = FormVersion.parse(form);
  const id = formVersionKey(data.projectId, data.formId, data.version);
  if (await tx.getEntity('forms', id)) throw new Error(`Form version ${id} is already published`);
  const serverSeq = await tx.putEntity({
    tbl: 'forms',
    id,
    projectId: data.projectId,
    createdBy: userId,
    data,
    hlc: serverHlc(at),
    updatedAt: at.toISOString(),
  });
  await tx.audit({
    ...auditContext(userId, client),
    at: at.toISOString(),
    action: 'form.publish',
    tbl: 'forms',
    recordId: id,
    details: { projectId: data.projectId, formId: data.formId, version: data.version },
  });
  return serverSeq;
}
