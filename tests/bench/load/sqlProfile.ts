import SQLite from 'better-sqlite3';

/**
 * LOAD_SQL_PROFILE=1: the server process of the load bench times every SQLite statement it runs, by SQL, and
 * prints the 15 that took the longest in all when it stops (to stderr). Only for the bench's server processes.
 */
export function profileSqlite(): () => void {
  const spent = new Map<string, { ms: number; runs: number }>();
  const proto = SQLite.prototype as unknown as { prepare: (source: string) => SQLite.Statement };
  const prepare = proto.prepare;
  proto.prepare = function (this: SQLite.Database, source: string) {
    const statement = prepare.call(this, source);
    for (const method of ['all', 'run', 'get'] as const) {
      const methods = statement as unknown as Record<string, (...args: unknown[]) => unknown>;
      const original = methods[method]!.bind(statement);
      methods[method] = (...args: unknown[]) => {
        const started = performance.now();
        try {
          return original(...args);
        } finally {
          const entry = spent.get(source) ?? { ms: 0, runs: 0 };
          entry.ms += performance.now() - started;
          entry.runs += 1;
          spent.set(source, entry);
        }
      };
    }
    return statement;
  };
  return () => {
    const top = [...spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
    for (const [source, { ms, runs }] of top)
      console.error(`${ms.toFixed(0).padStart(7)} ms ${String(runs).padStart(6)}× ${source.slice(0, 300)}`);
  };
}
