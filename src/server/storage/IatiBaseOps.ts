import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** The values last imported from an IATI file, per record (src/server/iati/applyImport.ts). */
export interface IatiBaseOps {
  /** The bases among `ids` of `tbl`, by id. */
  get(tbl: string, ids: readonly string[]): Promise<Map<string, Record<string, unknown>>>;
  put(tbl: string, id: string, data: Record<string, unknown>, at: string): Promise<void>;
}

export class KyselyIatiBaseOps implements IatiBaseOps {
  constructor(private readonly db: Kysely<Database>) {}

  async get(tbl: string, ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const out = new Map<string, Record<string, unknown>>();
    if (ids.length === 0) return out;
    const rows = await this.db
      .selectFrom('iati_bases')
      .select(['id', 'data'])
      .where('tbl', '=', tbl)
      .where('id', 'in', ids)
      .execute();
    for (const row of rows) out.set(row.id, JSON.parse(row.data) as Record<string, unknown>);
    return out;
  }

  async put(tbl: string, id: string, data: Record<string, unknown>, at: string): Promise<void> {
    const text = JSON.stringify(data);
    await this.db
      .insertInto('iati_bases')
      .values({ tbl, id, data: text, imported_at: at })
      .onConflict((oc) => oc.columns(['tbl', 'id']).doUpdateSet({ data: text, imported_at: at }))
      .execute();
  }
}
