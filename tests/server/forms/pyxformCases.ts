/**
 * pyxform's own test forms as Terrain's conformance suite (issue 13): each case of
 * `../shared/fixtures/pyxform-cases/cases.json` is written as pyxform's markdown tables; it is built into a
 * real .xlsx and converted by the reader and converter users' uploads go through. Shared by the test
 * (pyxformCases.test.ts) and the bench (`forms.pyxform_agreement`), so both count the same thing.
 */
import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { XlsFormIssue } from '../../../src/core/forms/xlsform';
import { convertFile, FormImportError } from '../../../src/server/forms/convertForm';

export interface PyxformCase {
  id: string;
  source: string;
  pyxform: 'accepts' | 'rejects';
  error_contains: string[];
  md: string;
}

export const CASES_FILE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/fixtures/pyxform-cases/cases.json',
);

export function loadCases(): PyxformCase[] {
  return JSON.parse(readFileSync(CASES_FILE, 'utf8')) as PyxformCase[];
}

const COMMENT = /^\s*#/;
/** Text after the last `|` that starts with `#` is a comment (pyxform's MD_COMMENT_INLINE). */
const INLINE_COMMENT = /^(.*)(#[^|]+)$/;
const TABLE_ROW = /\s*\|(.*)\|\s*/;
const SEPARATOR = /^[|-]+$/;

const cellText = (cell: string): string => cell.trim().replace(/\\\|/g, '|');

/**
 * pyxform's markdown tables as sheets of rows (pyxform's `_md_table_to_ss_structure`): a row whose first
 * cell is not empty starts the sheet of that name; rows whose cells are all empty are dropped; `\|` is a `|`.
 */
export function markdownSheets(md: string): Map<string, string[][]> {
  const sheets = new Map<string, string[][]>();
  let current: string[][] | undefined;
  for (const raw of md.split('\n')) {
    if (COMMENT.test(raw)) continue;
    const line = INLINE_COMMENT.exec(raw)?.[1] ?? raw;
    const match = TABLE_ROW.exec(line);
    if (!match) continue;
    const inner = match[1] ?? '';
    if (SEPARATOR.test(inner)) continue;
    const [first = '', ...cells] = inner.split(/(?<!\\)\|/).map(cellText);
    if (first !== '') {
      current = [];
      sheets.set(first, current);
    }
    if (current && cells.some((c) => c !== '')) current.push(cells);
  }
  return sheets;
}

/** The workbook pyxform's tests convert: one sheet per table, rows from A1, as its `md_table_to_workbook`. */
export function caseWorkbook(md: string): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of markdownSheets(md))
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

export type Verdict = { accepts: true } | { accepts: false; issues: XlsFormIssue[] };

const NOW = new Date('2026-11-24T08:05:00Z');

/**
 * What Terrain does with the case's workbook, converted as a preview: pyxform builds a form whose attached
 * files are not there yet, so a missing CSV is a warning here too.
 */
export function terrainVerdict(c: PyxformCase): Verdict {
  try {
    convertFile(caseWorkbook(c.md), 'pyxform_case.xlsx', NOW, [], 'preview');
    return { accepts: true };
  } catch (err) {
    if (err instanceof FormImportError) return { accepts: false, issues: err.issues };
    throw err;
  }
}

export const agrees = (c: PyxformCase, verdict: Verdict): boolean =>
  verdict.accepts === (c.pyxform === 'accepts');
