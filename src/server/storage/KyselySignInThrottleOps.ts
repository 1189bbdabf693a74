import type { Kysely, Selectable } from 'kysely';
import { freshThrottle, type ThrottleState } from '../auth/throttlePolicy';
import type { Database, SignInThrottleTable } from './schema';
import type { SignInThrottleOps } from './SignInThrottleOps';

function toState(row: Selectable<SignInThrottleTable>): ThrottleState {
  return {
    key: row.key,
    failures: Number(row.failures),
    level: Number(row.level),
    lastFailureAt: row.last_failure_at,
    lockedUntil: row.locked_until,
    refusalAudited: Number(row.refusal_audited) !== 0,
    pending: Number(row.pending),
    pendingAt: row.pending_at,
  };
}

/** The `sign_in_throttle` table (migration 2026-12-06-0012), on the Kysely root or a transaction. */
export class KyselySignInThrottleOps implements SignInThrottleOps {
  constructor(private readonly db: Kysely<Database>) {}

  async get(keys: readonly string[]): Promise<ThrottleState[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.selectFrom('sign_in_throttle').selectAll().where('key', 'in', keys).execute();
    return rows.map(toState);
  }

  async lock(key: string, now: Date): Promise<ThrottleState> {
    const fresh = freshThrottle(key, now);
    // One statement that inserts or touches the row and returns it: the update takes the row's lock until
    // commit (PostgreSQL), and no concurrent delete (a success) can slip between an insert and a select.
    const row = await this.db
      .insertInto('sign_in_throttle')
      .values({
        key,
        failures: 0,
        level: 0,
        last_failure_at: fresh.lastFailureAt,
        locked_until: null,
        refusal_audited: 0,
        pending: 0,
        pending_at: null,
      })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ key: eb.ref('excluded.key') })))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toState(row);
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
        pending: state.pending,
        pending_at: state.pendingAt,
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
