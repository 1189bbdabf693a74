import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Who acts, as the table's columns name them (docs/security.md, "Who may do what"). */
export const COLUMNS = [
  'agent',
  'focal point',
  'supervisor',
  'admin',
  'other project',
  'disabled',
  'signed out',
] as const;
export type Column = (typeof COLUMNS)[number];

/** What happened: allowed, refused, allowed only on one's own, session refused, refused as in use, not asked. */
export const OUTCOMES = ['✓', '✗', 'own', '401', 'in use', '—'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface RightsRow {
  id: string;
  act: string;
  expected: Record<Column, Outcome>;
}

const DOC = resolve(import.meta.dirname, '../../../docs/security.md');

/**
 * The rights table as docs/security.md writes it, between its markers. Footnote marks after an outcome
 * (`✗ ¹`) are for readers. A malformed table fails here, naming the line.
 */
export function readRightsTable(path = DOC): RightsRow[] {
  const text = readFileSync(path, 'utf8');
  const body = /<!-- rights-table:start -->([\s\S]*?)<!-- rights-table:end -->/.exec(text)?.[1];
  if (!body) throw new Error(`${path}: no rights table between its markers`);
  const lines = body.split('\n').filter((line) => line.trim().startsWith('|'));
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim());
  const [header, , ...rows] = lines;
  const columns = cells(header ?? '').slice(2);
  if (columns.join(',') !== COLUMNS.join(','))
    throw new Error(`${path}: the rights table's columns must be id, act, ${COLUMNS.join(', ')}`);
  return rows.map((line) => {
    const [id = '', act = '', ...outcomes] = cells(line);
    const expected = {} as Record<Column, Outcome>;
    COLUMNS.forEach((column, i) => {
      const value = (outcomes[i] ?? '').replace(/\s*[¹²³⁴⁵]$/, '');
      if (!(OUTCOMES as readonly string[]).includes(value))
        throw new Error(
          `${path}: "${value}" in row ${id}, column ${column}: not one of ${OUTCOMES.join(' ')}`,
        );
      expected[column] = value as Outcome;
    });
    return { id: id.replace(/`/g, ''), act, expected };
  });
}
