import type { Kysely, Selectable } from 'kysely';
import { freshThrottle, type ThrottleState } from '../auth/throttlePolicy';
import type { Database, SignInThrottleTable } from './schema';
import type { SignInThrottleOps } from './SignInThrottleOps';
import type { DatabaseKind } from './Storage';

function toState(row: Selectable<SignInThrottleTable>): ThrottleState {
  return {
    key: row.key,
    failures: Number(row.failures),
    level: Number(row.level),
    lastFailureAt: row.last_failure_at,
    lockedUntil: row.locked_until,
    refusalAudited: Number(row.refusal_audited) !== 0,
  };
}

/** The `sign_in_throttle` table (migration 2026-12-06-0012), on the Kysely root or a transaction. */
export class KyselySignInThrottleOps implements SignInThrottleOps {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
  ) {}

  async get(keys: readonly string[]): Promise<ThrottleState[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.selectFrom('sign_in_throttle').selectAll().where('key', 'in', keys).execute();
    return rows.map(toState);
  }

  async lock(key: string, now: Date): Promise<ThrottleState> {
    const fresh = freshThrottle(key, now);
    await this.db
      .insertInto('sign_in_throttle')
      .values({
        key,
        failures: 0,
        level: 0,
        last_failure_at: fresh.lastFailureAt,
        locked_until: null,
        refusal_audited: 0,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    let query = this.db.selectFrom('sign_in_throttle').selectAll().where('key', '=', key);
    if (this.kind === 'postgres') query = query.forUpdate();
    return toState(await query.executeTakeFirstOrThrow());
  }

  async put(state: ThrottleState): Promise<void> {
    await this.db
      .updateTable('sign_in_throttle')
      .set({
        failures: state.failures,
        level: state.level,
        last_failure_at: state.lastFailureAt,
        locked_until: state.lockedUntil,
        refusal_audited: state.refusalAudited ? 1 : 0,
      })
      .where('key', '=', state.key)
      .execute();
  }

  async delete(key: string): Promise<void> {
    await this.db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
  }

  async markRefusalAudited(key: string, lockedUntil: string): Promise<boolean> {
    const result = await this.db
      .updateTable('sign_in_throttle')
      .set({ refusal_audited: 1 })
      .where('key', '=', key)
      .where('locked_until', '=', lockedUntil)
      .where('refusal_audited', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async prune(before: string, now: string): Promise<void> {
    await this.db
      .deleteFrom('sign_in_throttle')
      .where('last_failure_at', '<', before)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .execute();
  }
}
