import type { FormDefinition } from '../../../src/core/forms/definition';
import { convertXlsForm, type SheetRow } from '../../../src/core/forms/xlsform';

/** A table as sheet rows: the header first (row 1), then the rows. */
function sheet(header: string[], ...rows: string[][]): SheetRow[] {
  return rows.map((cells, i) => ({
    row: i + 2,
    cells: Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ''])),
  }));
}

export const ODK_FORM_TITLE = 'Vergers';

/**
 * An orchard survey written as for ODK Collect (issue 13): the village is the last survey's
 * (`${last-saved#…}`), the price comes from an attached CSV (`pulldata`), the trees of each plot read their
 * plot's area through relative paths inside a nested repeat, the first plot's area is read with
 * `indexed-repeat`, a value recomputes only when its `trigger` changes, and `digest` (code the app loads only
 * for forms that call such functions) fingerprints the fruit. Converted here as the server
 * converts an upload, with the CSV attached.
 */
export function odkFunctionsForm(): FormDefinition {
  const result = convertXlsForm(
    {
      survey: sheet(
        ['type', 'name', 'label::Français (fr)', 'calculation', 'default', 'trigger', 'relevant'],
        ['text', 'village', 'Village', '', '${last-saved#village}'],
        ['text', 'fruit', 'Fruit'],
        ['text', 'price', 'Prix', "pulldata('prix', 'prix_kg', 'fruit', ${fruit})"],
        ['text', 'code', 'Empreinte', "digest(${fruit}, 'MD5', 'hex')"],
        ['begin repeat', 'plot', 'Parcelle'],
        ['integer', 'area', 'Superficie'],
        ['begin repeat', 'tree', 'Arbre'],
        ['integer', 'height', 'Hauteur'],
        ['text', 'ratio', 'Ratio', 'concat(../../area, "/", ../height)'],
        ['text', 'tall', 'Grand arbre', '', '', '', 'current()/../height > 10'],
        ['end repeat'],
        ['end repeat'],
        ['text', 'first', 'Première parcelle', 'indexed-repeat(${area}, ${plot}, 1)'],
        ['integer', 'kilos', 'Kilos'],
        ['decimal', 'doubled', 'Double calculé', '${kilos} * 2', '', '${kilos}'],
      ),
      choices: [],
      settings: sheet(['form_title', 'form_id', 'version'], [ODK_FORM_TITLE, 'vergers', '1']),
    },
    {
      attachments: { 'prix.csv': sheet(['fruit', 'prix_kg'], ['mangue', '350'], ['orange', '200']) },
      requireAttachments: true,
    },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.form;
}
