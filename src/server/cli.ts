import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, Role } from '../core/records/user';
import { AccountError, createAccount, joinProjects } from './accounts';
import { tokenTtlDaysFromEnv } from './auth/tokens';
import { AUDIT_USAGE, AuditUsageError, auditListCommand, auditVerifyCommand } from './audit/commands';
import { devicesCommand } from './devices/commands';
import { IATI_USAGE, IatiUsageError, iatiCommand } from './iati/commands';
import { ERASE_USAGE, EraseUsageError, eraseCommand } from './erasure/command';
import { PURGE_USAGE, purgeCommand } from './retention/purgeCommand';
import { HttpError } from './http/errors';
import { cleanupCommand } from './limits/cleanupCommand';
import { limitsFromEnv } from './limits/config';
import { openStorage, startServer } from './main';
import type { Logger } from './observe/log';
import { randomPassword } from './seed/randomPassword';
import { formatDemoAccounts, seedDemo } from './seed/demoSeed';
import type { Storage } from './storage/Storage';
import { formatImportResult } from './sync/formatImportResult';
import { importUnsynced } from './sync/importUnsynced';
import { readUnsyncedExport } from './sync/readUnsyncedExport';
import { USERS_ADMIN_COMMANDS, USERS_ADMIN_USAGE, usersAdminCommand } from './users/cli';
import { PERSON_USAGE, PersonUsageError, personCommand } from './access/commands';
import { TLS_USAGE, tlsCommand } from './tls/command';
import { TlsConfigError, tlsFromEnv } from './tls/config';
import { TlsUsageError } from './tls/hosts';
import {
  BACKUP_USAGE,
  BackupUsageError,
  backupCommand,
  migrateCommand,
  restoreCommand,
} from './backup/commands';

const USAGE = `Usage: npm run cli -- <command>   (built: node dist-server/cli.js <command>)

Commands:
  serve                         start the server (env: PORT=8080, DATA_DIR=./data, DATABASE_URL, DEMO_PASSWORD,
                                TRUST_PROXY=1 behind a reverse proxy, TOKEN_TTL_DAYS=30, IDLE_LOCK_MINUTES=15;
                                LOG_LEVEL=info, METRICS_TOKEN, SHUTDOWN_GRACE_SECONDS=10;
                                limits: RATE_LIMIT_*, REJECTED_PAYLOAD*, UPLOAD_TTL_HOURS, CLEANUP_INTERVAL_MINUTES;
                                retention: *_RETENTION_DAYS, PURGE_INTERVAL_HOURS; HTTPS: TLS_CERT, TLS_KEY
                                or tls init's files, HTTP_PORT: see the README's Configuration)
  seed                          create the demo project and accounts if the database has no users
  users list                    list the accounts
  users add <username> --role R --name "Full name" [--password P] [--project ID ...]
                                roles: ${ROLES.join(', ')}; without --password one is generated and printed
  users join <username> --project ID [--project ID ...]
                                make an existing account a member of projects (e.g. one created in the app)
${USERS_ADMIN_USAGE}
  import <file> [--by USERNAME] [--trust-unsigned]
                                apply a device's export file (.json or .json.gz) as a push from that device;
                                --by: the supervisor or admin it is audited as (default: the operator);
                                --trust-unsigned: take a file that is unsigned (an app older than device
                                keys) or whose device never registered its key (audited)
  users devices [username]      list the devices (clientIds): user, last push and pull, app version, key
  users devices revoke <clientId>
                                revoke a lost or stolen device: its sessions end at once, its pushes,
                                registrations and export files are refused
  cleanup                       delete unfinished uploads untouched, and files no submission names, for
                                UPLOAD_TTL_HOURS (default 168); the server also does it every hour
${AUDIT_USAGE}
${PERSON_USAGE}
${ERASE_USAGE}
${PURGE_USAGE}
${TLS_USAGE}
${IATI_USAGE}
${BACKUP_USAGE}`;

class UsageError extends Error {}

/** The first line of the standard input (`person find <project> -`: a name kept out of the shell's history). */
async function readStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0] ?? '';
}

const env = (name: string): string | undefined => process.env[name] || undefined;

async function withStorage<T>(fn: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await openStorage({
    dataDir: resolve(env('DATA_DIR') ?? 'data'),
    databaseUrl: env('DATABASE_URL'),
  });
  try {
    return await fn(storage);
  } finally {
    await storage.close();
  }
}

async function serveCommand(): Promise<void> {
  const port = Number(env('PORT') ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`PORT must be 0-65535, got ${env('PORT')}`);
  const dist = resolve('dist');
  const dataDir = resolve(env('DATA_DIR') ?? 'data');
  const tls = tlsFromEnv(process.env, dataDir);
  if (tls) console.log(`HTTPS with ${tls.source}${tls.caCert ? ' (local authority: /ca)' : ''}`);
  if (tls && tls.validTo.getTime() - Date.now() < 30 * 86_400_000)
    console.warn(
      `The certificate expires on ${tls.validTo.toISOString()}: renew it (tls init, or your own).`,
    );
  const server = await startServer({
    port,
    dataDir,
    tls,
    databaseUrl: env('DATABASE_URL'),
    demoPassword: env('DEMO_PASSWORD'),
    staticDir: existsSync(dist) ? dist : undefined,
    trustProxy: ['1', 'true', 'yes'].includes((env('TRUST_PROXY') ?? '').toLowerCase()),
    tokenTtlDays: tokenTtlDaysFromEnv(env('TOKEN_TTL_DAYS')),
  });
  console.log(`Terrain server listening at ${server.url}`);
  if (server.httpPort !== undefined) console.log(`Plain HTTP on port ${server.httpPort} redirects to HTTPS`);
  stopOnSignals(server);
}

/**
 * SIGTERM (systemctl stop) or SIGINT (Ctrl-C): a graceful stop (main.ts, close) then exit 0; the same
 * signal again stops at once (exit 1).
 */
function stopOnSignals(server: { close(): Promise<void>; logger: Logger }): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      server.logger.info('shutting down', { signal });
      server.close().then(
        () => {
          server.logger.info('stopped');
          process.exit(0);
        },
        (err: unknown) => {
          server.logger.error('shutdown failed', { error: err instanceof Error ? err.message : String(err) });
          process.exit(1);
        },
      );
    });
  }
}

async function usersAdd(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      project: { type: 'string', multiple: true },
    },
  });
  const [username, ...extra] = positionals;
  if (!username || extra.length > 0) throw new UsageError('users add takes exactly one <username>');
  const role = Role.safeParse(values.role);
  if (!role.success) throw new UsageError(`--role is required: one of ${ROLES.join(', ')}`);
  if (!values.name) throw new UsageError('--name "Full name" is required');
  const password = values.password ?? randomPassword();
  await withStorage(async (storage) => {
    const user = await storage.transaction((tx) =>
      createAccount(
        tx,
        {
          username,
          displayName: values.name ?? username,
          role: role.data,
          password,
          projectIds: values.project,
        },
        new Date(),
      ),
    );
    console.log(`Created ${user.username} (${user.role}).`);
    if (!values.password) console.log(`Password (shown once): ${password}`);
  });
}

async function usersJoin(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { project: { type: 'string', multiple: true } },
  });
  const [username, ...extra] = positionals;
  if (!username || extra.length > 0) throw new UsageError('users join takes exactly one <username>');
  const projects = values.project ?? [];
  await withStorage(async (storage) => {
    const joined = await storage.transaction((tx) => joinProjects(tx, username, projects, new Date()));
    const already = projects.filter((p) => !joined.includes(p));
    if (joined.length > 0) console.log(`${username} joined ${joined.join(', ')}.`);
    if (already.length > 0) console.log(`${username} was already a member of ${already.join(', ')}.`);
  });
}

async function usersList(): Promise<void> {
  await withStorage(async (storage) => {
    for (const user of await storage.listUsers()) {
      const projects = await storage.memberProjectIds(user.id);
      const state = user.disabled ? ' (disabled)' : '';
      console.log(
        `${user.username.padEnd(20)} ${user.role.padEnd(12)} ${user.displayName}${state}  [${projects.join(', ')}]`,
      );
    }
  });
}

async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { by: { type: 'string' }, 'trust-unsigned': { type: 'boolean' } },
  });
  const [path, ...extra] = positionals;
  if (!path || extra.length > 0) throw new UsageError('import takes exactly one <file>');
  const trustUnsigned = values['trust-unsigned'] === true;
  const file = await readUnsyncedExport(await readFile(path), Number.POSITIVE_INFINITY);
  await withStorage(async (storage) => {
    let importer = null;
    if (values.by) {
      importer = (await storage.userByUsername(values.by)) ?? null;
      if (!importer) throw new UsageError(`--by: no account named ${values.by}`);
    }
    const result = await importUnsynced(storage, file, importer, new Date(), {
      trustUnsigned,
      caps: limitsFromEnv().rejected,
    });
    console.log(formatImportResult(result));
  });
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serveCommand();
    case 'migrate':
      return migrateCommand(rest, { env: process.env, out: (l) => console.log(l) });
    case 'backup':
      return backupCommand(rest, { env: process.env, out: (l) => console.log(l) });
    case 'restore':
      return restoreCommand(rest, { env: process.env, out: (l) => console.log(l) });
    case 'seed':
      await withStorage(async (storage) => {
        const result = await seedDemo(storage, { password: env('DEMO_PASSWORD'), sampleData: true });
        console.log(result ? formatDemoAccounts(result) : 'The database already has users: nothing seeded.');
      });
      return;
    case 'import':
      return importCommand(rest);
    case 'audit':
      await withStorage(async (storage) => {
        const io = { out: (line: string) => console.log(line) };
        if (rest[0] === 'verify') process.exitCode = await auditVerifyCommand(storage, io);
        else await auditListCommand(storage, rest, io);
      });
      return;
    case 'cleanup':
      return withStorage((storage) =>
        cleanupCommand(storage, rest, { env: process.env, now: new Date(), say: (l) => console.log(l) }),
      );
    case 'purge':
      return withStorage((storage) =>
        purgeCommand(storage, rest, { env: process.env, now: new Date(), say: (l) => console.log(l) }),
      );
    case 'erase':
      return withStorage((storage) =>
        eraseCommand(storage, rest, { out: (l) => console.log(l), now: new Date() }),
      );
    case 'users':
      if (rest[0] === 'add') return usersAdd(rest.slice(1));
      if (rest[0] === 'list') return usersList();
      if (rest[0] === 'join') return usersJoin(rest.slice(1));
      if (USERS_ADMIN_COMMANDS.includes(rest[0] ?? ''))
        return withStorage((storage) => usersAdminCommand(rest, storage, { out: console.log }));
      if (rest[0] === 'devices')
        return withStorage((storage) => devicesCommand(storage, rest.slice(1), console.log));
      throw new UsageError(`users: use one of add, join, list, devices, ${USERS_ADMIN_COMMANDS.join(', ')}`);
    case 'iati':
      return withStorage((storage) =>
        iatiCommand(storage, rest, { out: (l) => console.log(l), now: new Date() }),
      );
    case 'tls':
      return tlsCommand(rest, { dataDir: resolve(env('DATA_DIR') ?? 'data'), out: (l) => console.log(l) });
    case 'person':
      return withStorage((storage) =>
        personCommand(storage, rest, { out: (line) => console.log(line), readValue: readStdinLine }),
      );
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
}

run(process.argv.slice(2)).catch((err: unknown) => {
  // parseArgs reports unknown or malformed options as TypeErrors with a code.
  const isUsage =
    err instanceof UsageError ||
    err instanceof AccountError ||
    err instanceof AuditUsageError ||
    err instanceof PersonUsageError ||
    err instanceof EraseUsageError ||
    err instanceof TlsUsageError ||
    err instanceof TlsConfigError ||
    err instanceof BackupUsageError ||
    err instanceof IatiUsageError ||
    (err instanceof TypeError && 'code' in err);
  // An import refused (bad file, rights, gap) says why; the details (e.g. the expected seq) help too.
  if (err instanceof HttpError && err.details !== undefined) console.error(JSON.stringify(err.details));
  console.error(err instanceof Error ? err.message : String(err));
  if (isUsage) console.error(`\n${USAGE}`);
  process.exitCode = isUsage ? 2 : 1;
});
