import type { MergeTableName } from '../../../src/core/sync/mergeTables';
import { putServerRecord } from '../../../src/server/catalog';
import type { Storage } from '../../../src/server/storage/Storage';

/** Writes coordination records (organisations, projects, indicators, indicator values) as the server does. */
export async function putRecords(
  storage: Storage,
  tbl: Exclude<MergeTableName, 'reviews'>,
  records: (Record<string, unknown> & { id: string })[],
  _projectId: (record: Record<string, unknown>) => string,
  at: Date,
): Promise<void> {
  await storage.transaction(async (tx) => {
    for (const record of records) await putServerRecord(tx, tbl, record, null, at);
  });
}
