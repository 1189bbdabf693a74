import type { z } from 'zod/mini';
import type { ExportRow } from './ExportReads';

/**
 * Stored rows read with a core schema, each kept with its row (its id, project, `updatedAt`…): the one
 * reader of the exports (buildExport.ts) and of the public site (public/publicData.ts). A record the current
 * schema cannot read (written by a much older server) is left out, not fatal. `extra` adds fields the row
 * holds outside its JSON (a submission's id and author).
 */
export function parseRows<T>(
  rows: readonly ExportRow[],
  schema: z.ZodMiniType<T>,
  extra?: (row: ExportRow) => object,
): { row: ExportRow; record: T }[] {
  return rows.flatMap((row) => {
    const parsed = schema.safeParse(extra ? { ...row.data, ...extra(row) } : row.data);
    return parsed.success ? [{ row, record: parsed.data }] : [];
  });
}

/** The records of `rows` the schema can read (see parseRows). */
export function parseAll<T>(
  rows: readonly ExportRow[],
  schema: z.ZodMiniType<T>,
  extra?: (row: ExportRow) => object,
): T[] {
  return parseRows(rows, schema, extra).map((r) => r.record);
}
