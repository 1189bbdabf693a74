import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Storage } from '../storage/Storage';
import { applyImport, type ImportReport } from './applyImport';
import { readActivities, type IatiFile } from './readActivities';
import { IatiFileError, parseXml } from './xmlTree';

export const IATI_USAGE = `  iati import <file.xml> [--dry-run]
                                create or update projects, organisations, indicators and transactions from an
                                IATI activity file (2.01-2.03), matched by iati-identifier and organisation ref;
                                an edit made in Terrain since the last import is kept and logged as a conflict;
                                --dry-run: list what would change, write nothing (README, "IATI import")`;

export class IatiUsageError extends Error {}

/** Parses and reads an IATI activity file; an IatiFileError says where and why it is refused. */
export function readIatiText(text: string): IatiFile {
  return readActivities(parseXml(text));
}

/** The report as the operator reads it: one line per record that changes, conflicts or is skipped. */
export function formatImportReport(report: ImportReport): string {
  const lines: string[] = [];
  const count = (action: string): number => report.records.filter((r) => r.action === action).length;
  for (const r of report.records) {
    if (r.action === 'unchanged' && r.conflicts.length === 0 && r.notes.length === 0) continue;
    let line = `${r.action.padEnd(9)} ${r.tbl} ${r.id} (${r.source})`;
    if (r.updated.length > 0) line += ` fields: ${r.updated.join(', ')}`;
    if (r.conflicts.length > 0) line += ` conflicts (Terrain's value kept): ${r.conflicts.join(', ')}`;
    if (r.notes.length > 0) line += ` [${r.notes.map((n) => n.message).join('; ')}]`;
    lines.push(line);
  }
  for (const note of report.notes) lines.push(`left out  ${note.message}`);
  const conflicts = report.records.reduce((n, r) => n + r.conflicts.length, 0);
  lines.push(
    `${report.dryRun ? 'Dry run, nothing written: ' : ''}${count('created')} created, ${count('updated')} updated, ` +
      `${count('unchanged')} unchanged, ${count('skipped')} skipped, ${conflicts} conflict(s)`,
  );
  return lines.join('\n');
}

/** `iati import FILE [--dry-run]`, as the operator. */
export async function iatiCommand(
  storage: Storage,
  argv: string[],
  io: { out: (line: string) => void; now: Date },
): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'import') throw new IatiUsageError('iati: use "iati import <file.xml> [--dry-run]"');
  const { values, positionals } = parseArgs({
    args: rest,
    options: { 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new IatiUsageError('iati import: give one file');
  const path = positionals[0]!;
  let file: IatiFile;
  try {
    file = readIatiText(await readFile(path, 'utf8'));
  } catch (err) {
    if (err instanceof IatiFileError) throw new Error(`${path} refused, ${err.message}`, { cause: err });
    throw err;
  }
  const report = await applyImport(storage, file, {
    dryRun: values['dry-run'] === true,
    at: io.now,
    userId: null,
    fileName: basename(path),
  });
  io.out(formatImportReport(report));
}
