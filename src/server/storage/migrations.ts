import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { actingPeopleMigration } from './actingPeopleMigration';
import { auditChainMigration } from './auditChainMigration';
import { iatiBasesMigration } from './iatiBasesMigration';
import { projectDocumentsMigration } from './projectDocumentsMigration';
import { formFilesMigration } from './formFilesMigration';
import { formsByProjectMigration } from './formsByProjectMigration';
import { mediaGrantsMigration } from './mediaGrantsMigration';
import { devicesMigration } from './devicesMigration';
import { deviceUnsentMigration } from './deviceUnsentMigration';
import { erasureMigration } from './erasureMigration';
import { mediaMigration } from './mediaMigration';
import { membersMigration } from './membersMigration';
import { membershipSeqMigration } from './membershipSeqMigration';
import { mapPacksMigration } from './mapPacksMigration';
import { boundariesMigration } from './boundariesMigration';
import { mergeMigration } from './mergeMigration';
import { projectMergeMigration } from './projectMergeMigration';
import { rateLimitMigration } from './rateLimitMigration';
import { reviewEventsMigration } from './reviewEventsMigration';
import { signInThrottleMigration } from './signInThrottleMigration';
import { serverKeysMigration } from './serverKeysMigration';
import { submissionVersionsMigration } from './submissionVersionsMigration';
import { vaultMigration } from './vaultMigration';

/**
 * Versioned migrations, kept in code so the server binary carries its own schema. Never edit a migration
 * that has shipped: add a new one. Names sort by date, so the Migrator applies them in order.
 * Column types are chosen to mean the same on SQLite and PostgreSQL (text, integer, bigint).
 */
const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('tokens_user').on('tokens').column('user_id').execute();

    await db.schema
      .createTable('projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('project_members')
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'user_id'])
      .execute();
    await db.schema.createIndex('project_members_user').on('project_members').column('user_id').execute();

    await db.schema
      .createTable('clients')
      .addColumn('client_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('entities')
      .addColumn('tbl', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('server_seq', 'bigint', (c) => c.notNull().unique())
      .addColumn('hlc', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('entities_pk', ['tbl', 'id'])
      .execute();
    // Pull filters by project, then walks server_seq.
    await db.schema
      .createIndex('entities_project_seq')
      .on('entities')
      .columns(['project_id', 'server_seq'])
      .execute();

    await db.schema
      .createTable('rejected_mutations')
      .addColumn('mutation_id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('details', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rejected_client').on('rejected_mutations').column('client_id').execute();

    await db.schema
      .createTable('counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into counters (name, value) values ('server_seq', 0)`.execute(db);

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('tbl', 'text')
      .addColumn('record_id', 'text')
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  },
};

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-23-0001-initial': initial,
  '2026-11-23-0004-submission-versions': submissionVersionsMigration,
  '2026-11-23-0005-media-blobs': mediaMigration,
  '2026-11-23-0006-merge-field-clocks-conflicts': mergeMigration,
  '2026-12-02-0007-projects-merge': projectMergeMigration,
  '2026-12-02-0008-review-events-submission-link': reviewEventsMigration,
  '2026-12-02-0009-membership-joined-seq': membershipSeqMigration,
  '2026-12-06-0010-audit-chain': auditChainMigration,
  '2026-12-06-0011-devices': devicesMigration,
  '2026-12-06-0012-sign-in-throttle': signInThrottleMigration,
  '2026-12-06-0013-media-grants': mediaGrantsMigration,
  '2026-12-06-0014-forms-by-project': formsByProjectMigration,
  '2026-12-06-0015-rate-limits': rateLimitMigration,
  '2026-12-06-0016-server-keys': serverKeysMigration,
  '2026-12-06-0017-vault': vaultMigration,
  '2026-12-06-0019-erasure': erasureMigration,
  '2026-12-06-0020-device-unsent': deviceUnsentMigration,
  '2026-12-06-0030-members': membersMigration,
  '2026-12-06-0031-acting-people': actingPeopleMigration,
  '2026-12-06-0031-form-files': formFilesMigration,
  '2026-12-06-0040-map-packs': mapPacksMigration,
  '2026-12-06-0050-boundaries': boundariesMigration,
  '2026-12-06-0060-iati-bases': iatiBasesMigration,
  '2026-12-06-0070-project-document-refs': projectDocumentsMigration,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
