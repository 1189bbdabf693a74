import type { ExpressionBuilder, Kysely } from 'kysely';
import type { RetentionOps } from './RetentionOps';
import type { Database } from './schema';

/** The purge's queries, written once for both dialects (see RetentionOps). */
export class KyselyRetentionOps implements RetentionOps {
  constructor(private readonly db: Kysely<Database>) {}

  /** Refused changes stored before `before` whose payload is whole (a summary's JSON starts with `omitted`). */
  private rejectedQuery(before: string) {
    return this.db
      .selectFrom('rejected_mutations')
      .where('created_at', '<', before)
      .where('payload', 'not like', '{"omitted":%');
  }

  async countRejectedToExpire(before: string): Promise<number> {
    const row = await this.rejectedQuery(before)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async rejectedToExpire(before: string, limit: number): Promise<{ mutationId: string; payload: unknown }[]> {
    const rows = await this.rejectedQuery(before)
      .select(['mutation_id', 'payload'])
      .orderBy('created_at')
      .orderBy('mutation_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ mutationId: r.mutation_id, payload: JSON.parse(r.payload) as unknown }));
  }

  async replaceRejectedPayload(mutationId: string, payload: unknown): Promise<void> {
    await this.db
      .updateTable('rejected_mutations')
      .set({ payload: JSON.stringify(payload), details: null })
      .where('mutation_id', '=', mutationId)
      .execute();
  }

  async countEndedTokens(before: string): Promise<number> {
    const row = await this.db
      .selectFrom('tokens')
      .where(endedBefore(before))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async deleteEndedTokens(before: string): Promise<number> {
    const result = await this.db.deleteFrom('tokens').where(endedBefore(before)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async auditTrimPoint(
    before: string,
  ): Promise<{ firstKept: number; prevHash: string; removed: number } | null> {
    const bounds = await this.db
      .selectFrom('audit_log')
      .select((eb) => [
        eb.fn.min('seq').as('first'),
        eb.fn.max('seq').as('last'),
        eb.fn.min(eb.case().when('at', '>=', before).then(eb.ref('seq')).end()).as('firstRecent'),
      ])
      .executeTakeFirst();
    if (bounds?.first === null || bounds?.first === undefined) return null;
    // The newest entry always stays: the chain keeps a head to link the next entry to.
    const firstKept = Math.min(Number(bounds.firstRecent ?? bounds.last), Number(bounds.last));
    const first = Number(bounds.first);
    if (firstKept <= first) return null;
    const kept = await this.db
      .selectFrom('audit_log')
      .select('prev_hash')
      .where('seq', '=', firstKept)
      .executeTakeFirstOrThrow();
    const removed = await this.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seq', '<', firstKept)
      .executeTakeFirstOrThrow();
    return { firstKept, prevHash: kept.prev_hash, removed: Number(removed.n) };
  }

  async trimAudit(firstKept: number): Promise<number> {
    const result = await this.db.deleteFrom('audit_log').where('seq', '<', firstKept).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** A session that expired, or was revoked, before `before`. */
function endedBefore(before: string) {
  return (eb: ExpressionBuilder<Database, 'tokens'>) =>
    eb.or([
      eb('expires_at', '<', before),
      eb.and([eb('revoked_at', 'is not', null), eb('revoked_at', '<', before)]),
    ]);
}
