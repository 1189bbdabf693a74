import { expect } from 'vitest';
import type { FormDefinition, FormItem, Question } from '../../../../src/core/forms/definition';
import {
  convertXlsForm,
  type AttachmentContent,
  type SheetRow,
  type XlsFormIssue,
} from '../../../../src/core/forms/xlsform';

/** A sheet as a table: the header first, then rows; row numbers are the spreadsheet's (header = 1). */
export function sheet(header: string[], ...rows: string[][]): SheetRow[] {
  return rows.map((cells, i) => ({
    row: i + 2,
    cells: Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ''])),
  }));
}

export interface Tables {
  survey: SheetRow[];
  choices?: SheetRow[];
  settings?: SheetRow[];
  /** Attached files (select_*_from_file): a CSV as rows like a sheet's, GeoJSON and XML as text. */
  attachments?: Record<string, AttachmentContent>;
  /** Convert as for publishing: a missing attachment is an issue, not a warning. */
  requireAttachments?: boolean;
}

export const NOW = new Date('2026-11-24T08:05:00Z');

export function convert(tables: Tables, fileName = 'Enquête test.xlsx') {
  return convertXlsForm(
    { survey: tables.survey, choices: tables.choices ?? [], settings: tables.settings ?? [] },
    {
      fileName,
      now: NOW,
      ...(tables.attachments ? { attachments: tables.attachments } : {}),
      ...(tables.requireAttachments ? { requireAttachments: true } : {}),
    },
  );
}

/** The converted form; fails the test with the issues if there are any. */
export function ok(tables: Tables, fileName?: string): FormDefinition {
  const result = convert(tables, fileName);
  if (!result.ok) expect.fail(`unexpected issues: ${JSON.stringify(result.issues, null, 1)}`);
  return result.form;
}

/** The issues of a form that must not convert. */
export function issues(tables: Tables): XlsFormIssue[] {
  const result = convert(tables);
  if (result.ok) expect.fail('the form converted, issues were expected');
  return result.issues;
}

/** A survey of questions with these columns (header first). */
export function survey(header: string[], ...rows: string[][]): Tables {
  return { survey: sheet(header, ...rows) };
}

/** The item named `name`, anywhere in the tree. */
export function item(form: { items: FormItem[] }, name: string): FormItem {
  const found = find(form.items, name);
  if (!found) expect.fail(`no item ${name}`);
  return found;
}

export function question(form: { items: FormItem[] }, name: string): Question {
  const found = item(form, name);
  if (found.kind !== 'question') expect.fail(`${name} is a ${found.kind}`);
  return found;
}

function find(items: FormItem[], name: string): FormItem | undefined {
  for (const it of items) {
    if (it.name === name) return it;
    if (it.kind !== 'question') {
      const inner = find(it.items, name);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** A choices sheet with list_name, name, label. */
export function choices(...rows: string[][]): SheetRow[] {
  return sheet(['list_name', 'name', 'label'], ...rows);
}
