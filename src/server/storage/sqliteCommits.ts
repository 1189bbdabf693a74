import type SQLite from 'better-sqlite3';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Group commit for SQLite: what `synchronous = FULL` guarantees, without its fsync on the event loop.
 *
 * In WAL mode FULL makes every commit sync the WAL file before it returns: a committed push survives a power
 * cut. better-sqlite3 is synchronous, so that sync (about 4 ms on the test machine's disk) stalls every other
 * request, one commit after the other; under load it was a third of the server's time. A transaction that
 * commits with `synchronous = NORMAL` has written its frames to the WAL without syncing them; syncing the WAL
 * file afterwards, in libuv's thread pool, makes it exactly as durable, and one sync serves every commit
 * made before it started. A checkpoint (with NORMAL too) syncs the WAL before it copies frames into the
 * database, and the database after: a commit already checkpointed is on disk as well.
 *
 * The caller answers nobody before `sync()` resolves, so an acknowledged change is on disk as before.
 */
export class WalSync {
  private handle: Promise<FileHandle> | undefined;
  private inFlight: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(
    private readonly walFile: string,
    /** How a handle is synced (tests count the calls). */
    private readonly syncHandle: (handle: FileHandle) => Promise<void> = (handle) => handle.datasync(),
  ) {}

  /** Resolves once everything committed before the call is on disk. */
  sync(): Promise<void> {
    if (this.next) return this.next;
    // A sync under way may have started before the caller's commit: the caller needs the next one.
    if (this.inFlight) {
      const after = this.inFlight.catch(() => undefined);
      this.next = after.then(() => {
        this.next = undefined;
        return this.start();
      });
      return this.next;
    }
    return this.start();
  }

  /**
   * Resolves once every commit that has asked for a sync is on disk: at once when none waits. A commit can
   * be read by other requests before its sync ends; what they answer waits for this (app.ts), so that no
   * device is told of a change (a pull, its server_seq) that a power cut could still take back.
   */
  durable(): Promise<void> {
    return this.next ?? this.inFlight ?? Promise.resolve();
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.inFlight, this.next]);
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await (await handle).close();
  }

  private start(): Promise<void> {
    const run = this.syncNow().finally(() => {
      if (this.inFlight === run) this.inFlight = undefined;
    });
    this.inFlight = run;
    return run;
  }

  private async syncNow(): Promise<void> {
    // The WAL file lives as long as a connection to the database is open (ours is): one handle serves all.
    this.handle ??= open(this.walFile, 'r');
    try {
      await this.syncHandle(await this.handle);
    } catch (err) {
      this.handle = undefined;
      throw err;
    }
  }
}

/**
 * Keeps the statements Kysely prepares, by their SQL: better-sqlite3 compiles each query afresh otherwise
 * (a tenth of a push's time). Safe because every statement runs to its end before the next starts
 * (better-sqlite3 is synchronous and nothing here iterates a statement lazily).
 */
export function cacheStatements(database: SQLite.Database, max = 1000): void {
  const prepare = database.prepare.bind(database);
  const kept = new Map<string, SQLite.Statement>();
  database.prepare = ((source: string) => {
    const found = kept.get(source);
    if (found) {
      // Most recently used last, so the first is the one to drop.
      kept.delete(source);
      kept.set(source, found);
      return found;
    }
    const statement = prepare(source);
    if (kept.size >= max) kept.delete(kept.keys().next().value!);
    kept.set(source, statement);
    return statement;
  }) as typeof database.prepare;
}
