import { parseArgs } from 'node:util';
import { EraseRequest, type EraseResponse } from '../../core/sync/erasure';
import type { Storage } from '../storage/Storage';
import { eraseSubmission } from './eraseSubmission';

export const ERASE_USAGE = `  erase <submissionId> --reason TEXT [--by USERNAME]
                                erase a submission at a person's request: every version of it, its review,
                                history and conflicts, the files no other submission names; devices remove
                                it at their next sync. Audited with the reason (the request's reference,
                                not the person's name); --by: the admin or supervisor it is done as`;

/** Bad arguments: the CLI prints the usage. */
export class EraseUsageError extends Error {}

/** `npm run cli -- erase`: the same erasure as `POST /api/submissions/:id/erase`, by the operator or `--by`. */
export async function eraseCommand(
  storage: Storage,
  args: string[],
  io: { out: (line: string) => void; now: Date },
): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { reason: { type: 'string' }, by: { type: 'string' } },
  });
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new EraseUsageError('erase takes exactly one <submissionId>');
  const request = EraseRequest.safeParse({ reason: values.reason ?? '' });
  if (!request.success)
    throw new EraseUsageError(`--reason: ${request.error.issues[0]?.message ?? 'required'}`);
  let user = null;
  if (values.by !== undefined) {
    user = (await storage.userByUsername(values.by)) ?? null;
    if (!user) throw new EraseUsageError(`--by: no account named ${values.by}`);
  }
  const result = await eraseSubmission(storage, id, request.data.reason, { user }, io.now);
  for (const line of describeErasure(result)) io.out(line);
}

/** What an erasure removed and kept, in words for the operator. */
export function describeErasure(r: EraseResponse): string[] {
  const n = (count: number, word: string) =>
    `${count} ${count === 1 ? word : word.replace(/y$/, 'ie') + 's'}`;
  const lines = [
    `Erased submission ${r.submissionId} of project ${r.projectId}: ${n(r.versions.length, 'version')} ` +
      `(${r.versions.join(', ')}).`,
    `Removed ${n(r.removed.reviews, 'review')}, ${n(r.removed.reviewEvents, 'review history entry')}, ` +
      `${n(r.removed.conflicts, 'conflict log entry')} and ${n(r.removed.files, 'file')}; emptied ` +
      `${n(r.removed.refusedChanges, 'refused change')} and the details of ${n(r.removed.auditDetails, 'audit entry')}.`,
  ];
  for (const kept of r.keptFiles) {
    const others = kept.others > 0 ? ` and ${n(kept.others, 'submission')} of other projects` : '';
    lines.push(
      `Kept file ${kept.sha256}: also named by ${kept.submissions.join(', ') || 'no submission you see'}${others}.`,
    );
  }
  lines.push('Devices remove it at their next sync.');
  return lines;
}
