import { encodeHlc } from '../core/hlc';
import { FormVersion, formVersionKey } from '../core/records/formVersion';
import { Project, type ProjectInput } from '../core/records/project';
import { applyWrites, hlcAfter, latestHlc, type FieldWrite } from '../core/sync/merge';
import { DELETED, fieldWrites, materialize, mergeTable, valuesOf } from '../core/sync/mergeTables';
import type { StorageTx } from './storage/Storage';

/** Server-made records carry the server's own clock reading. */
function serverHlc(at: Date): string {
  return encodeHlc({ wall: at.getTime(), counter: 0, node: 'server' });
}

/**
 * The field writes that set every field of `project` (a mergeable record, src/core/sync/mergeTables.ts) at
 * one clock, by one writer: how a server-made project gets its field state.
 */
export function projectWrites(project: Project, hlc: string, by: string | null): FieldWrite[] {
  const spec = mergeTable('projects');
  const values: Record<string, unknown> = { [DELETED]: project.deleted };
  for (const name of Object.keys(spec.fields)) {
    const value = (project as Record<string, unknown>)[name];
    if (value !== undefined) values[name] = value;
  }
  return fieldWrites(spec, values, { hlc, by });
}

/**
 * Creates or updates a project (seed, tests, the console); devices receive it on their next pull. It is a
 * mergeable record: every field is written at the server's clock, or just after the record's latest one, so
 * a publish always wins over what devices wrote before it.
 */
export async function publishProject(
  tx: StorageTx,
  project: ProjectInput,
  userId: string | null,
  at: Date,
): Promise<number> {
  const data = Project.parse(project);
  const spec = mergeTable('projects');
  await tx.ensureProjectRow(data.id, data.organisationId, at.toISOString());
  const [stored] = await tx.lockMergeRecords('projects', [data.id]);
  const state = stored?.fieldState ?? {};
  const now = serverHlc(at);
  const latest = latestHlc(state);
  const hlc = latest !== '' && latest >= now ? hlcAfter(latest, 'server') : now;
  const merged = applyWrites(state, projectWrites(data, hlc, userId)).state;
  const record = spec.record.parse(materialize(spec, data.id, {}, valuesOf(merged)));
  const [serverSeq] = await tx.writeMergeRecords([
    {
      tbl: 'projects',
      id: data.id,
      projectId: data.id,
      createdBy: stored?.createdBy ?? userId,
      data: record,
      deleted: data.deleted,
      fieldState: merged,
      hlc: latestHlc(merged),
      updatedAt: at.toISOString(),
      isNew: !stored,
    },
  ]);
  await tx.audit({
    at: at.toISOString(),
    userId,
    action: 'project.publish',
    tbl: 'projects',
    recordId: data.id,
  });
  return serverSeq!;
}

/** Publishes a form version into its project. A published version is never changed afterwards. */
export async function publishFormVersion(
  tx: StorageTx,
  form: FormVersion,
  userId: string | null,
  at: Date,
): Promise<number> {
  const data = FormVersion.parse(form);
  const id = formVersionKey(data.formId, data.version);
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
  await tx.audit({ at: at.toISOString(), userId, action: 'form.publish', tbl: 'forms', recordId: id });
  return serverSeq;
}
