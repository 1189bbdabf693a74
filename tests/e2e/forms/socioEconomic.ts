import { FormDefinition } from '../../../src/core/forms/definition';
import { convertFile } from '../../../src/server/forms/importForm';
import { fixture } from '../../server/forms/fixtureFiles';

/** A real XLSForm of the shared fixtures: English and French, groups, a choice filter, a repeat. */
export const SOCIO_FILE = 'socio-economic-survey-v20240515.xlsx';
/** Its title exists in English only, so a French device shows it in English. */
export const SOCIO_TITLE = 'Socio-economic Survey';
export const SOCIO_ID = 'socio-economic-survey';
export const SOCIO_V1 = '20240515143545';
export const SOCIO_V2 = '20240601090000';

/**
 * The next version of the form, as a supervisor would publish it: the same file, converted by the server's
 * own import code, with one more required question at the top.
 */
export function socioEconomicVersion2(): FormDefinition {
  const { form } = convertFile(fixture(SOCIO_FILE), SOCIO_FILE, new Date());
  return FormDefinition.parse({
    ...form,
    version: SOCIO_V2,
    items: [
      {
        kind: 'question',
        type: 'text',
        name: 'enumerator',
        label: { en: 'Enumerator’s name', fr: 'Nom de l’enquêteur' },
        required: true,
      },
      ...form.items,
    ],
  });
}
