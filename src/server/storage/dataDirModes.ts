import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data directory and the SQLite database are readable by the service's user only: the database holds
 * every respondent's answers, and a world-readable file is readable by every account on the machine (a
 * shared server, a backup agent, a compromised web app next door). The directory is 0700 and the database
 * and its -wal, -shm and -journal files 0600, whatever the umask; a directory or file found with wider modes
 * (made by an earlier version, or by hand) is narrowed at start, and the log says so. Backups are the
 * operations' concern.
 */
export const DATA_DIR_MODE = 0o700;
export const DATABASE_FILE_MODE = 0o600;

/** The files SQLite keeps beside the database. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Sets `path` to `mode`; says so when it took permissions from the group or others. */
function narrow(path: string, mode: number, log: (line: string) => void): void {
  const current = statSync(path).mode & 0o777;
  if (current === mode) return;
  try {
    chmodSync(path, mode);
  } catch (err) {
    log(`Could not set ${path} to mode ${octal(mode)} (it is ${octal(current)}): ${(err as Error).message}`);
    return;
  }
  if ((current & ~mode & 0o077) !== 0)
    log(
      `${path} was readable by others (mode ${octal(current)}): now ${octal(mode)}, the service's user only.`,
    );
}

/**
 * Makes the data directory and the database file before SQLite opens it, with their modes; returns the
 * database's path. SQLite creates its -wal and -shm files with the database file's mode.
 */
export function prepareDataDir(dataDir: string, log: (line: string) => void): string {
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  narrow(dataDir, DATA_DIR_MODE, log);
  const file = join(dataDir, 'terrain.sqlite');
  // An empty file is a new database to SQLite; made here, it has our mode whatever the umask.
  if (!existsSync(file)) closeSync(openSync(file, 'a', DATABASE_FILE_MODE));
  narrowDatabaseFiles(file, log);
  return file;
}

/** The database and the files beside it, that exist, at 0600. */
export function narrowDatabaseFiles(file: string, log: (line: string) => void): void {
  for (const path of [file, ...SIDE_FILES.map((suffix) => `${file}${suffix}`)])
    if (existsSync(path)) narrow(path, DATABASE_FILE_MODE, log);
}
