import { FormVersion, formVersionKey } from '../../core/records/formVersion';
import { Member } from '../../core/records/member';
import { Project } from '../../core/records/project';
import { Submission } from '../../core/records/submission';
import type { PullChange } from '../../core/sync/protocol';
import type { FormRecord, MemberRecord, ProjectRecord } from '../db/schema';

export type PulledRow =
  | { table: 'projects'; key: string; record: ProjectRecord }
  | { table: 'forms'; key: string; record: FormRecord }
  | { table: 'members'; key: string; record: MemberRecord }
  /** `versionHlc`: the order of a version (a submission that replaces another), from the change's hlc. */
  | { table: 'submissions'; key: string; record: Submission & { versionHlc?: string } };

/**
 * Validates a pulled `put` with the core schema of its table. Returns null for a row that does not parse or
 * whose data names another record than the change: such a row is skipped, never stored half-valid.
 */
export function parsePulledRow(change: PullChange): PulledRow | null {
  switch (change.table) {
    case 'projects': {
      const parsed = Project.safeParse(change.data);
      if (!parsed.success || parsed.data.id !== change.id) return null;
      return { table: 'projects', key: change.id, record: parsed.data };
    }
    case 'forms': {
      const parsed = FormVersion.safeParse(change.data);
      if (!parsed.success) return null;
      const key = formVersionKey(parsed.data.projectId, parsed.data.formId, parsed.data.version);
      if (key !== change.id) return null;
      return { table: 'forms', key, record: { ...parsed.data, key } };
    }
    case 'members': {
      const parsed = Member.safeParse(change.data);
      if (!parsed.success || parsed.data.id !== change.id) return null;
      return { table: 'members', key: change.id, record: parsed.data };
    }
    case 'submissions': {
      const parsed = Submission.safeParse(change.data);
      if (!parsed.success || parsed.data.id !== change.id) return null;
      const record = change.hlc ? { ...parsed.data, versionHlc: change.hlc } : parsed.data;
      return { table: 'submissions', key: change.id, record };
    }
    default:
      // Reviews (mergeable) are stored field by field by src/app/sync/mergedRows.ts, never as a whole row;
      // applyPullPage skips tables this app does not know before coming here.
      return null;
  }
}
