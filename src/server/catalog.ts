import { encodeHlc } from '../core/hlc';
import { FormVersion, formVersionKey } from '../core/records/formVersion';
import { Project, type ProjectInput } from '../core/records/project';
import type { StorageTx } from './storage/Storage';

/** Server-made records carry the server's own clock reading. */
function serverHlc(at: Date): string {
  return encodeHlc({ wall: at.getTime(), counter: 0, node: 'server' });
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
  const serverSeq = await tx.putEntity({
    tbl: 'projects',
    id: data.id,
    projectId: data.id,
    createdBy: userId,
    data,
    hlc: serverHlc(at),
    updatedAt: at.toISOString(),
  });
  await tx.audit({
    at: at.toISOString(),
    userId,
    action: 'project.publish',
    tbl: 'projects',
    recordId: data.id,
  });
  return serverSeq;
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
