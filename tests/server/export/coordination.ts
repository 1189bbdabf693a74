import { encodeHlc } from '../../../src/core/hlc';
import type { PullTable } from '../../../src/core/sync/protocol';
import type { Storage } from '../../../src/server/storage/Storage';

/**
 * Writes coordination records (organisations, projects, indicators, indicator values) as entity rows, the
 * way the server stores them, until they have a push path of their own.
 */
export async function putRecords(
  storage: Storage,
  tbl: 'organisations' | 'projects' | 'indicators' | 'indicatorValues',
  records: (Record<string, unknown> & { id: string })[],
  projectId: (record: Record<string, unknown>) => string,
  at: Date,
): Promise<void> {
  await storage.transaction(async (tx) => {
    for (const data of records)
      await tx.putEntity({
        // Not a pull table yet for some of them: the entity table takes any name.
        tbl: tbl as PullTable,
        id: data.id,
        projectId: projectId(data),
        createdBy: null,
        data,
        hlc: encodeHlc({ wall: at.getTime(), counter: 0, node: 'server' }),
        updatedAt: at.toISOString(),
      });
  });
}
