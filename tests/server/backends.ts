import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createStorage } from '../../src/server/storage/createStorage';
import type { DatabaseKind, Storage } from '../../src/server/storage/Storage';

/**
 * The backends every server test runs on. Each `create()` gives a fresh, migrated database: SQLite in memory,
 * or a PostgreSQL schema of its own (so test files can run in parallel), dropped by `cleanup`.
 */
export interface Backend {
  name: DatabaseKind;
  create(): Promise<TestDatabase>;
}

export interface TestDatabase {
  storage: Storage;
  cleanup: () => Promise<void>;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function postgresProblem(): Promise<string | undefined> {
  try {
    await withAdminClient((client) => client.query('select 1'));
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

const sqlite: Backend = {
  name: 'sqlite',
  async create() {
    const storage = createStorage({ kind: 'sqlite', file: ':memory:' });
    await storage.migrate();
    return { storage, cleanup: () => storage.close() };
  },
};

function postgres(problem: string | undefined): Backend {
  return {
    name: 'postgres',
    async create() {
      // In CI a missing PostgreSQL is a failure, never a silent skip.
      if (problem) throw new Error(`PostgreSQL at ${TEST_DATABASE_URL} is unreachable: ${problem}`);
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const storage = createStorage({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
      const drop = () => withAdminClient((client) => client.query(`drop schema if exists ${schema} cascade`));
      try {
        await storage.migrate();
      } catch (err) {
        // A failed migration must not leave its schema behind in the shared database.
        await storage.close();
        await drop();
        throw err;
      }
      return {
        storage,
        async cleanup() {
          await storage.close();
          await drop();
        },
      };
    },
  };
}

const problem = await postgresProblem();
if (problem && !process.env.CI) {
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      `!! PostgreSQL unreachable at ${TEST_DATABASE_URL}: ${problem}`,
      '!! SKIPPING the PostgreSQL half of the server suite (set CI=1 to make this fail).',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
}

export const backends: Backend[] = problem && !process.env.CI ? [sqlite] : [sqlite, postgres(problem)];
