import type { PendingCheck } from './question';
import type { AttachmentContent, XlsFormIssue } from './types';

/**
 * CSV files that expressions read as secondary instances: `pulldata('fruits', …)` and
 * `instance('fruits')/root/item[…]/col` where `fruits` is no choice list, read from the attached
 * `fruits.csv` (as pyxform declares `<instance id="fruits" src="jr://file-csv/fruits.csv"/>`). Their rows
 * are embedded in the definition (`secondaryInstances`), so a device has them offline.
 */
export interface DataFiles {
  /** Rows by instance id: each row's cells by column header. */
  instances: Record<string, Record<string, string>[]>;
  /** The columns of each instance, for the checks of `pulldata` and `instance()` columns. */
  columns: Map<string, ReadonlySet<string> | undefined>;
  /** The attached files read here (not choices of select_*_from_file). */
  files: Set<string>;
  /** `fruits.csv` that pulldata names and nobody attached. */
  missing: string[];
}

const PULLDATA = /pulldata\s*\(\s*(['"])([^'"]+)\1/g;
const INSTANCE = /instance\s*\(\s*(['"])([^'"]+)\1\s*\)/g;

export function readDataFiles(
  checks: readonly PendingCheck[],
  isChoiceList: (id: string) => boolean,
  attachments: Readonly<Record<string, AttachmentContent | undefined>>,
  requireAttachments: boolean,
  issues: XlsFormIssue[],
  warnings: XlsFormIssue[],
): DataFiles {
  const result: DataFiles = { instances: {}, columns: new Map(), files: new Set(), missing: [] };
  const seen = new Set<string>();
  for (const check of checks) {
    if (check.kind === 'text') continue;
    const ids = [
      ...[...check.source.matchAll(PULLDATA)].map((m) => ({ id: m[2] ?? '', pulldata: true })),
      ...[...check.source.matchAll(INSTANCE)].map((m) => ({ id: m[2] ?? '', pulldata: false })),
    ];
    for (const { id, pulldata } of ids) {
      if (seen.has(id) || isChoiceList(id)) continue;
      const file = `${id}.csv`;
      const content = attachments[file];
      if (!Object.hasOwn(attachments, file)) {
        // instance('x') of an unknown list is reported by the expression checks; pulldata names a file.
        if (!pulldata) continue;
        seen.add(id);
        result.missing.push(file);
        result.columns.set(id, undefined); // unknown until attached: not checked
        const at = { sheet: 'survey' as const, row: check.row, column: check.column };
        const message = `pulldata reads ${file}, which is not attached`;
        if (requireAttachments)
          issues.push({ ...at, message: `${message}: add it to the import with the form` });
        else warnings.push({ ...at, message: `${message}: it gives empty values until it is` });
        continue;
      }
      seen.add(id);
      result.files.add(file);
      result.columns.set(id, undefined);
      // Unreadable (reported by the reader) or not rows: no instance, and its columns go unchecked.
      if (!Array.isArray(content)) continue;
      const rows = content.map((row) => ({ ...row.cells }));
      result.instances[id] = rows;
      result.columns.set(id, new Set(rows.flatMap((row) => Object.keys(row))));
    }
  }
  return result;
}
