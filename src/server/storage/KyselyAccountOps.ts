import { sql, type Kysely } from 'kysely';
import { encodeHlc } from '../../core/hlc';
import { memberId } from '../../core/records/member';
import { toUser } from './rows';
import type { Database } from './schema';
import type { DatabaseKind, OrganisationRecord, TokenRecord, UserChanges, UserRecord } from './Storage';

/** Queries about people and access: organisations, users, tokens and project membership. */
export class KyselyAccountOps {
  constructor(
    protected readonly db: Kysely<Database>,
    readonly kind: DatabaseKind,
  ) {}

  async insertOrganisation(org: OrganisationRecord): Promise<void> {
    await this.db
      .insertInto('organisations')
      .values({ id: org.id, name: org.name, created_at: org.createdAt })
      .execute();
  }

  async insertUser(user: UserRecord): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: user.id,
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        organisation_id: user.organisationId,
        password_hash: user.passwordHash,
        created_at: user.createdAt,
        disabled: user.disabled ? 1 : 0,
      })
      .execute();
  }

  async userByUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async userById(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async listUsers(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    return rows.map(toUser);
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertToken(token: TokenRecord): Promise<void> {
    await this.db
      .insertInto('tokens')
      .values({
        token_hash: token.tokenHash,
        user_id: token.userId,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        revoked_at: token.revokedAt,
      })
      .execute();
  }

  async tokenByHash(tokenHash: string): Promise<TokenRecord | undefined> {
    const row = await this.db
      .selectFrom('tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      tokenHash: row.token_hash,
      userId: row.user_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      clientId: row.client_id,
    };
  }

  async revokeToken(tokenHash: string, at: string): Promise<void> {
    await this.db
      .updateTable('tokens')
      .set({ revoked_at: at })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async ensureProjectRow(id: string, organisationId: string | null, createdAt: string): Promise<void> {
    await this.db
      .insertInto('projects')
      .values({ id, organisation_id: organisationId, created_at: createdAt })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /**
   * Makes `userId` a member of `projectId`; true when they were not one. A new membership takes a server_seq
   * of its own (`joined_seq`), so that every one is later than the last, and a device that pulled before it
   * is told to pull again from 0 (src/server/sync/pull.ts).
   */
  async addProjectMember(projectId: string, userId: string): Promise<boolean> {
    if (await this.isProjectMember(projectId, userId)) return false;
    const joinedSeq = await this.allocateServerSeqs(1);
    await this.db
      .insertInto('project_members')
      .values({ project_id: projectId, user_id: userId, joined_seq: joinedSeq })
      .onConflict((oc) => oc.columns(['project_id', 'user_id']).doNothing())
      .execute();
    await this.writeMemberRecords(userId, [projectId]);
    return true;
  }

  /**
   * Writes the `members` records (src/core/records/member.ts) of `userId` in `projectIds` (every project
   * they belong to when absent): their name and role as the project's other devices pull them, each with a
   * fresh server_seq so that devices that pulled the old one get the new. Called wherever a membership, a
   * role or a name changes, so the people a device shows never lag behind the accounts.
   */
  protected async writeMemberRecords(userId: string, projectIds?: readonly string[]): Promise<void> {
    const user = await this.userById(userId);
    if (!user) return;
    const projects = projectIds ?? (await this.namedInProjectIds(userId));
    const at = new Date();
    for (const projectId of projects) {
      const id = memberId(projectId, userId);
      const data = {
        id,
        projectId,
        userId,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
      };
      await this.putMemberEntity(id, projectId, JSON.stringify(data), false, at);
    }
  }

  /**
   * The projects whose devices know `userId` by name: those they belong to, and those whose records they
   * acted on without being a member (recordActingPerson).
   */
  private async namedInProjectIds(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('entities')
      .select('project_id')
      .where('tbl', '=', 'members')
      .where('deleted', '=', 0)
      .where('id', '=', sql<string>`project_id || ':' || ${userId}`)
      .execute();
    return [...new Set([...(await this.memberProjectIds(userId)), ...rows.map((r) => r.project_id)])].sort();
  }

  /**
   * Names `userId` to the devices of `projectIds` whose records they just wrote (a review, an edit), if
   * those devices do not know them yet: someone who acts on a project without being its member (an admin)
   * is then shown by name and role, like its members. Records of no project ('') and unknown projects are
   * skipped: a person is never named to another project than the one they acted on.
   */
  async recordActingPerson(userId: string, projectIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(projectIds)].filter((p) => p !== '');
    if (wanted.length === 0) return;
    const known = await this.db
      .selectFrom('entities')
      .select('id')
      .where('tbl', '=', 'members')
      .where('deleted', '=', 0)
      .where(
        'id',
        'in',
        wanted.map((p) => memberId(p, userId)),
      )
      .execute();
    const knownIds = new Set(known.map((r) => r.id));
    const missing = wanted.filter((p) => !knownIds.has(memberId(p, userId)));
    if (missing.length === 0) return;
    const real = await this.db.selectFrom('projects').select('id').where('id', 'in', missing).execute();
    if (real.length > 0) await this.writeMemberRecords(userId, real.map((r) => r.id).sort());
  }

  /** One `members` entity (or its tombstone), under the counter lock like every entity write. */
  private async putMemberEntity(
    id: string,
    projectId: string,
    data: string,
    deleted: boolean,
    at: Date,
  ): Promise<void> {
    const row = {
      project_id: projectId,
      created_by: null,
      data,
      deleted: deleted ? 1 : 0,
      server_seq: await this.allocateServerSeqs(1),
      hlc: encodeHlc({ wall: at.getTime(), counter: 0, node: 'server' }),
      updated_at: at.toISOString(),
    };
    await this.db
      .insertInto('entities')
      .values({ tbl: 'members', id, ...row })
      .onConflict((oc) => oc.columns(['tbl', 'id']).doUpdateSet(row))
      .execute();
  }

  /** The latest `joined_seq` of the user's memberships: when what they may pull last grew. */
  async scopeSeq(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('project_members')
      .select((eb) => eb.fn.max('joined_seq').as('seq'))
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  /**
   * Reserves `count` consecutive server_seqs and returns the first. The counter row is bumped inside the
   * writing transaction. On PostgreSQL the UPDATE takes the row's lock until commit, so writers get their
   * numbers one after the other and each commits before the next can even obtain a larger number: a reader
   * at cursor N can never see N+1 while a transaction holding a smaller number is still open (and would be
   * skipped). A whole range taken under one lock keeps that: every number of the range is ours until we
   * commit. SQLite serializes writers on its own.
   */
  protected async allocateServerSeqs(count: number): Promise<number> {
    const { value } = await this.db
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', count) }))
      .where('name', '=', 'server_seq')
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(value) - count + 1;
  }

  async isProjectMember(projectId: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('project_members')
      .select('user_id')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async memberProjectIds(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('project_members')
      .select('project_id')
      .where('user_id', '=', userId)
      .orderBy('project_id')
      .execute();
    return rows.map((r) => r.project_id);
  }

  async allProjectIds(): Promise<string[]> {
    const rows = await this.db.selectFrom('projects').select('id').orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  async updateUser(id: string, changes: UserChanges): Promise<void> {
    const set = {
      ...(changes.role === undefined ? {} : { role: changes.role }),
      ...(changes.disabled === undefined ? {} : { disabled: changes.disabled ? 1 : 0 }),
      ...(changes.passwordHash === undefined ? {} : { password_hash: changes.passwordHash }),
    };
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('users').set(set).where('id', '=', id).execute();
    // The role is shown beside the name on the project's devices.
    if (changes.role !== undefined) await this.writeMemberRecords(id);
  }

  async revokeUserTokens(userId: string, at: string): Promise<number> {
    const result = await this.db
      .updateTable('tokens')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      // Expired sessions are over already: not counted as ended now.
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async removeProjectMember(projectId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('project_members')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const left = Number(result.numDeletedRows) > 0;
    // A tombstone: the project's devices forget the person (their earlier records keep the account id).
    if (left) await this.putMemberEntity(memberId(projectId, userId), projectId, '{}', true, new Date());
    return left;
  }
}
