import type { Kysely } from 'kysely';
import type { FormFileOps, FormFileRecord } from './FormFileOps';
import type { Database } from './schema';

/** The queries of form media files, written once for both dialects (bytes are Buffers with either driver). */
export class KyselyFormFileOps implements FormFileOps {
  constructor(private readonly db: Kysely<Database>) {}

  async put(file: FormFileRecord): Promise<void> {
    await this.db
      .insertInto('form_files')
      .values({
        sha256: file.sha256,
        content_type: file.contentType,
        size: file.size,
        data: Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength),
        created_at: file.createdAt,
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }

  async get(sha256: string): Promise<FormFileRecord | undefined> {
    const row = await this.db
      .selectFrom('form_files')
      .selectAll()
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      sha256: row.sha256,
      contentType: row.content_type,
      size: Number(row.size),
      data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
      createdAt: row.created_at,
    };
  }
}
