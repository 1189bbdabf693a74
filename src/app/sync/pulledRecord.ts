import { FormVersion, formVersionKey } from '../../core/records/formVersion';
import { Project } from '../../core/records/project';
import { Submission } from '../../core/records/submission';
import type { PullChange } from '../../core/sync/protocol';
import type { FormRecord, ProjectRecord } from '../db/schema';

export type PulledRow =
  | { table: 'projects'; key: string; record: ProjectRecord }
  | { table: 'forms'; key: string; record: FormRecord }
  | { table: 'submissions'; key: string; record: Submission };

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
      const key = formVersionKey(parsed.data.formId, parsed.data.version);
      if (key !== change.id) return null;
      return { table: 'forms', key, record: { ...parsed.data, key } };
    }
    case 'submissions': {
      const parsed = Submission.safeParse(change.data);
      if (!parsed.success || parsed.data.id !== change.id) return null;
      return { table: 'submissions', key: change.id, record: parsed.data };
    }
  }
}
