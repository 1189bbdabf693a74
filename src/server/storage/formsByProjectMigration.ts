import type { Kysely, Migration } from 'kysely';

interface FormsDatabase {
  entities: { tbl: string; id: string; data: string };
}

const PAGE = 100;

/** `<projectId>/<formId>@<version>` as src/core/records/formVersion.ts made it when this shipped. */
function projectKey(projectId: string, formId: string, version: string): string {
  const project = projectId.replace(/[%/@]/g, encodeURIComponent);
  return `${project}/${formId}@${version}`;
}

/**
 * Form versions keyed by project (issue 11, hole 6): their sync id was `<formId>@<version>`, so a supervisor
 * of one project could publish another project's form id and block its next version. Each stored version
 * is renamed `<projectId>/<formId>@<version>` in place, keeping its server_seq: devices that hold it rename
 * their copy themselves when the app updates (Dexie version 8, no network needed), so nothing is sent again
 * and no tombstone is needed; apps not updated yet keep receiving the old ids (src/server/sync/pull.ts).
 * A new key never equals an old one (the escaped project id has no `@`), so renaming one by one is safe.
 * Shipped: never edit.
 */
export const formsByProjectMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const forms = db as Kysely<FormsDatabase>;
    let after = '';
    for (;;) {
      const rows = await forms
        .selectFrom('entities')
        .select(['id', 'data'])
        .where('tbl', '=', 'forms')
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      for (const row of rows) {
        const data = JSON.parse(row.data) as Record<string, unknown>;
        const { projectId, formId, version } = data;
        if (typeof projectId !== 'string' || typeof formId !== 'string' || typeof version !== 'string')
          continue;
        const id = projectKey(projectId, formId, version);
        if (id === row.id) continue;
        await forms
          .updateTable('entities')
          .set({ id })
          .where('tbl', '=', 'forms')
          .where('id', '=', row.id)
          .execute();
      }
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) return;
      after = last.id;
    }
  },
};
