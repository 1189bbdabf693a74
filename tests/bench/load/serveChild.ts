/**
 * One server process of the load benchmark: the real startServer on 127.0.0.1, a free port, no demo seed
 * (the bench prepared the database), limits from the environment (RATE_LIMIT_*). Prints `{"port":N}` once
 * listening; stops on SIGTERM. Run by serverProcess.ts, never by hand.
 */
import { startServer } from '../../../src/server/main';
import { profileSqlite } from './sqlProfile';

const dataDir = process.env.LOAD_DATA_DIR;
if (!dataDir) throw new Error('LOAD_DATA_DIR is required');
const printSqlProfile = process.env.LOAD_SQL_PROFILE ? profileSqlite() : undefined;
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  databaseUrl: process.env.DATABASE_URL || undefined,
  seed: false,
});
console.log(JSON.stringify({ port: server.port }));
process.once('SIGTERM', () => {
  // exit (not a drained event loop) so that --cpu-prof writes its profile.
  void server.close().then(() => {
    printSqlProfile?.();
    process.exit(0);
  });
});
