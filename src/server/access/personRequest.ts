import { hasRole } from '../../core/records/user';
import { auditContext } from '../audit/context';
import type { ExportFile } from '../export/buildExport';
import type { ClientInfo } from '../http/clientInfo';
import { HttpError } from '../http/errors';
import type { StorageOps, UserRecord } from '../storage/Storage';
import { accessExport, type AccessFormat } from './accessExport';
import { findPerson, foldQuery, queryDigest, MAX_MATCHES, type PersonSearch } from './findPerson';

/** Who answers an access request: a user of the API, or the operator at the console. */
export type Requester = UserRecord | 'operator';

interface Context {
  at: Date;
  client?: ClientInfo | null;
}

/**
 * Answering a person's request to see their data is for the project's supervisors and admins (and the
 * operator). Not focal points: they review one submission at a time, but a search across every submission
 * and every earlier version of a project, by anyone's name, then a file of all they hold, is a lookup tool
 * the project's managers answer for, as for exports with personal data. A refusal is audited.
 */
async function assertMayAnswer(
  storage: StorageOps,
  who: Requester,
  projectId: string,
  act: string,
  ctx: Context,
) {
  if (who !== 'operator' && who.role !== 'admin') {
    const allowed = hasRole(who.role, 'supervisor') && (await storage.isProjectMember(projectId, who.id));
    if (!allowed) {
      await storage.audit({
        ...auditContext(who.id, ctx.client ?? null),
        at: ctx.at.toISOString(),
        action: 'person.refused',
        tbl: 'projects',
        recordId: projectId,
        details: { act },
      });
      throw new HttpError(
        'forbidden',
        'Access requests are answered by the project’s supervisors and admins',
      );
    }
  }
  if (!(await storage.allProjectIds()).includes(projectId))
    throw new HttpError('not_found', `No project ${projectId}`);
}

const actorOf = (who: Requester) => (who === 'operator' ? null : who.id);

/** The versions holding the value, audited as `person.search` (the query as a digest, never as written). */
export async function searchPerson(
  storage: StorageOps,
  who: Requester,
  projectId: string,
  query: string,
  ctx: Context,
): Promise<PersonSearch> {
  await assertMayAnswer(storage, who, projectId, 'search', ctx);
  const folded = foldQuery(query);
  const found = await findPerson(storage, projectId, folded);
  await storage.audit({
    ...auditContext(actorOf(who), ctx.client ?? null),
    at: ctx.at.toISOString(),
    action: 'person.search',
    tbl: 'projects',
    recordId: projectId,
    details: {
      queryDigest: queryDigest(folded),
      scanned: found.scanned,
      truncated: found.truncated,
      submissions: found.matches.map((m) => m.id),
    },
  });
  return found;
}

/**
 * The person's records as files (see accessExport.ts), personal answers included since that is the point;
 * audited as `person.export` with what left. A value so common that the search stopped is refused: the
 * file would hold other people's records.
 */
export async function exportPerson(
  storage: StorageOps,
  who: Requester,
  projectId: string,
  query: string,
  how: AccessFormat,
  ctx: Context,
): Promise<ExportFile[]> {
  await assertMayAnswer(storage, who, projectId, 'export', ctx);
  const folded = foldQuery(query);
  const found = await findPerson(storage, projectId, folded);
  if (found.matches.length === 0)
    throw new HttpError('not_found', 'No submission of the project holds this value, in any version');
  if (found.truncated)
    throw new HttpError(
      'validation',
      `The value is in more than ${MAX_MATCHES} submission versions: give a more precise one (a full name, a number)`,
    );
  const files = await accessExport(storage, projectId, found, how, ctx.at);
  await storage.audit({
    ...auditContext(actorOf(who), ctx.client ?? null),
    at: ctx.at.toISOString(),
    action: 'person.export',
    tbl: 'projects',
    recordId: projectId,
    details: {
      format: how.format,
      lang: how.lang,
      codes: how.codes,
      geoPrecision: how.geoPrecision ?? null,
      includePersonal: true,
      queryDigest: queryDigest(folded),
      matched: found.matches.map((m) => m.id),
      records: files[0]?.records ?? 0,
      personalFields: [...new Set(files[0]?.personalFields ?? [])],
    },
  });
  return files;
}
