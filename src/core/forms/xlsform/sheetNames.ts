/**
 * Sheets named almost like an XLSForm sheet (`chioces`, `Surveys`, `setings`): pyxform points at them when
 * the sheet it looks for is missing, so the author sees the typo rather than an empty form.
 */
const XLSFORM_SHEETS = new Set(['survey', 'choices', 'settings', 'external_choices', 'entities', 'osm']);

/** Sheets of the workbook within two edits of `wanted` (case aside), that are not XLSForm sheets already. */
function similarSheets(wanted: string, sheetNames: readonly string[]): string[] {
  return sheetNames.filter((name) => {
    const lower = name.trim().toLowerCase();
    return !XLSFORM_SHEETS.has(lower) && !name.startsWith('_') && distance(lower, wanted) <= 2;
  });
}

/** ` (found: 'chioces', 'choice': a misspelling?)`, or '' when no sheet is close. */
export function misspellingHint(wanted: string, sheetNames: readonly string[] = []): string {
  const similar = similarSheets(wanted, sheetNames);
  if (similar.length === 0) return '';
  return `; the workbook has ${similar.map((s) => `'${s}'`).join(', ')}: rename it ${wanted}?`;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
