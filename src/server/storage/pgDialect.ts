import {
  PostgresDialect,
  PostgresIntrospector,
  sql,
  type DatabaseIntrospector,
  type Kysely,
  type TableMetadata,
} from 'kysely';

/**
 * Kysely's Migrator decides whether to create its own tables by listing tables through the introspector,
 * and PostgreSQL's introspector lists those of EVERY schema of the database. Two things then go wrong when the
 * database holds other schemas (another Terrain instance, test files running in parallel):
 * - it finds `kysely_migration` in another schema, skips creating ours, and fails on
 *   `relation "kysely_migration_lock" does not exist`;
 * - its query calls has_schema_privilege() on each schema name it read, which throws
 *   `schema "…" does not exist` when one is dropped at that moment.
 * This introspector lists only the tables of the current schema (where unqualified names resolve, so where
 * the migrations create them), from pg_catalog and by OID: no other schema is looked at.
 */
class OwnSchemaIntrospector extends PostgresIntrospector {
  constructor(private readonly db: Kysely<unknown>) {
    super(db);
  }

  override async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, n.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm')`.execute(this.db);
    // The Migrator reads only names and schemas; columns are not needed by anything in the server.
    return rows.map((r) => ({
      name: r.name,
      schema: r.schema,
      isView: r.kind === 'v' || r.kind === 'm',
      columns: [],
    }));
  }
}

/** PostgreSQL dialect whose introspection stays inside the current schema. */
export class OwnSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new OwnSchemaIntrospector(db);
  }
}
