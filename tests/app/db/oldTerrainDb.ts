import { Dexie } from 'dexie';

/**
 * A database `name` at an old version of TerrainDb's schema, as those versions shipped (copied here, not
 * read from TerrainDb: an upgrade test starts from what devices hold). Close it before opening TerrainDb.
 */
export function oldTerrainDb(name: string, version: 1 | 2 | 6 | 7 | 8): Dexie {
  const db = new Dexie(name);
  db.version(1).stores({
    drafts: 'id, updatedAt, formId',
    submissions: 'id, finalizedAt, syncState, formId',
    outbox: 'seq, state, &mutationId, [table+id]',
    forms: 'key, formId, projectId',
    projects: 'id',
    meta: 'key',
  });
  if (version >= 2) db.version(2).stores({ media: 'sha256, createdAt' });
  if (version >= 6) {
    db.version(3).stores({ media: 'sha256, createdAt, uploadState' });
    db.version(4).stores({ submissions: 'id, finalizedAt, syncState, formId, replaces, versionState' });
    db.version(5).stores({ reviews: 'id, projectId' });
    db.version(6).stores({
      organisations: 'id',
      indicators: 'id, projectId',
      indicatorValues: 'id, indicatorId, projectId',
    });
  }
  if (version >= 7) {
    db.version(7).stores({
      submissions: 'id, finalizedAt, syncState, formId, replaces, versionState, projectId',
      reviewEvents: 'id, targetId',
    });
  }
  // Version 8 renamed form keys (an upgrade of rows, no schema change).
  if (version >= 8) db.version(8).stores({});
  return db;
}
