import { parseArgs } from 'node:util';
import { z } from 'zod/mini';
import type { AuditFilter, AuditRecord, StorageOps } from '../storage/Storage';
import { verifyAuditChain } from './verify';

export const AUDIT_USAGE = `  audit [--user USERNAME] [--action A] [--since DATE] [--limit N] [--format text|json|csv]
                                the audit log, newest first (--action: a name, or a prefix such as "auth.")
  audit verify                  check the audit log's hash chain; exits 1 if an entry was changed or removed`;

/** Bad options: the CLI prints the usage. */
export class AuditUsageError extends Error {}

const Options = z.object({
  user: z.optional(z.string()),
  action: z.optional(
    z.string().check(z.regex(/^[a-z_.]{1,64}$/, 'an action name such as auth.login or auth.')),
  ),
  since: z.optional(
    z.pipe(
      z.string().check(z.refine((v) => !Number.isNaN(Date.parse(v)), 'a date, e.g. 2026-12-01')),
      z.transform((v) => new Date(v).toISOString()),
    ),
  ),
  limit: z.pipe(
    z._default(z.string().check(z.regex(/^\d{1,7}$/, 'a number of entries')), '100'),
    z.transform(Number),
  ),
  format: z._default(z.enum(['text', 'json', 'csv']), 'text'),
});

export interface AuditIo {
  out(line: string): void;
}

/** `audit verify`: prints what it found; returns the exit code. */
export async function auditVerifyCommand(storage: StorageOps, io: AuditIo): Promise<number> {
  const result = await verifyAuditChain(storage);
  for (const p of result.problems) io.out(`entry ${p.seq}: ${p.problem}`);
  io.out(
    result.ok
      ? `The audit log is intact: ${result.entries} entries.`
      : `The audit log was tampered with (${result.problems.length} problem(s) shown).`,
  );
  // What was changed on purpose, each vouched for by an entry of the chain (verify.ts).
  if (result.firstSeq > 1)
    io.out(`It starts at entry ${result.firstSeq}: the entries before it were removed by a purge.`);
  if (result.redacted > 0) io.out(`${result.redacted} entries had their details removed by an erasure.`);
  // Noted down by the operator, the head shows later whether the newest entries were cut off.
  io.out(`Head: entry ${result.head.seq}, hash ${result.head.hash}`);
  return result.ok ? 0 : 1;
}

/** `audit [filters]`: the entries, newest first, with usernames instead of account ids. */
export async function auditListCommand(storage: StorageOps, args: string[], io: AuditIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      user: { type: 'string' },
      action: { type: 'string' },
      since: { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new AuditUsageError(`Unexpected argument: ${positionals[0]}`);
  const parsed = Options.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AuditUsageError(`--${String(issue?.path[0] ?? '')}: ${issue?.message ?? 'invalid'}`);
  }
  const options = parsed.data;
  const users = new Map((await storage.listUsers()).map((u) => [u.id, u.username]));
  const filter: AuditFilter = {};
  if (options.user !== undefined) {
    const id = [...users].find(([, username]) => username === options.user)?.[0];
    if (!id) throw new AuditUsageError(`--user: no account named ${options.user}`);
    filter.userId = id;
  }
  if (options.action !== undefined) filter.action = options.action;
  if (options.since !== undefined) filter.since = options.since;
  const entries = await storage.listAudit(options.limit, filter);
  const name = (id: string | null | undefined) => (id ? (users.get(id) ?? id) : '');
  const rows = entries.map((e) => auditRow(e, name));
  if (options.format === 'json') {
    io.out(JSON.stringify(rows, null, 2));
  } else if (options.format === 'csv') {
    io.out(Object.keys(emptyRow()).join(','));
    for (const row of rows) io.out(Object.values(row).map(csvCell).join(','));
  } else {
    for (const row of rows) {
      // No actor: the operator at the console, or someone not signed in (a sign-in attempt, over HTTP).
      const by = row.actor || (row.action.startsWith('auth.') ? '(not signed in)' : '(console)');
      const forWhom = row.onBehalfOf ? ` for ${row.onBehalfOf}` : '';
      const target = row.recordId ? ` ${row.table}/${row.recordId}` : '';
      const from = row.address ? ` from ${row.address}` : '';
      io.out(`${row.seq}\t${row.at}\t${by}${forWhom}\t${row.action}${target}${from}`);
    }
  }
}

function emptyRow() {
  return {
    seq: 0,
    at: '',
    actor: '',
    onBehalfOf: '',
    action: '',
    table: '',
    recordId: '',
    address: '',
    userAgent: '',
    details: '',
  };
}

function auditRow(
  e: AuditRecord,
  name: (id: string | null | undefined) => string,
): ReturnType<typeof emptyRow> {
  return {
    seq: e.seq,
    at: e.at,
    actor: name(e.userId),
    onBehalfOf: name(e.onBehalfOf),
    action: e.action,
    table: e.tbl ?? '',
    recordId: e.recordId ?? '',
    address: e.address ?? '',
    userAgent: e.userAgent ?? '',
    details: e.detailsJson ?? '',
  };
}

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula is written as text. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
