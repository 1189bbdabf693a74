import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPersonal } from '../../../../src/core/forms/definition';
import { choices, convert, issues, ok, question, sheet, survey } from './dsl';

const H = ['type', 'name', 'label', 'personal_data'];

describe('the personal_data column', () => {
  it('marks the questions it says yes to, and only those', () => {
    const form = ok(
      survey(
        H,
        ['text', 'nom', 'Nom', 'yes'],
        ['integer', 'taille', 'Taille', ''],
        ['geopoint', 'gps', 'Position', 'TRUE'],
        ['text', 'village', 'Village', 'no'],
      ),
    );
    expect(question(form, 'nom').personal).toBe(true);
    expect(question(form, 'gps').personal).toBe(true);
    expect(isPersonal(question(form, 'taille'))).toBe(false);
    // Only `true` is stored: a form without the column converts exactly as before.
    expect('personal' in question(form, 'taille')).toBe(false);
    expect('personal' in question(form, 'village')).toBe(false);
  });

  it('reads the booleans pyxform reads (any case), and 1 / 0 of spreadsheet check boxes', () => {
    const yes = ['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'true()', '1', ' yes '];
    const no = ['no', 'No', 'NO', 'false', 'False', 'FALSE', 'false()', '0', ''];
    fc.assert(
      fc.property(fc.constantFrom(...yes, ...no), (cell) => {
        const form = ok(survey(H, ['text', 'q', 'Q', cell]));
        expect(isPersonal(question(form, 'q'))).toBe(yes.includes(cell));
      }),
    );
  });

  it('refuses any other value, naming the row and the column, rather than guess', () => {
    const found = issues(
      survey(H, ['text', 'a', 'A', 'oui'], ['text', 'b', 'B', '${x} = 1'], ['text', 'c', 'C', 'yes']),
    );
    expect(found.map((i) => [i.row, i.column])).toEqual([
      [2, 'personal_data'],
      [3, 'personal_data'],
    ]);
    expect(found[0]?.message).toMatch(/oui.*yes or no/);
  });

  it('accepts the spellings `personal data` and `instance::personal_data`', () => {
    const spaced = ok(survey(['type', 'name', 'personal data'], ['text', 'q', 'yes']));
    expect(question(spaced, 'q').personal).toBe(true);
    const instance = ok(survey(['type', 'name', 'instance::personal_data'], ['text', 'q', 'yes']));
    expect(question(instance, 'q').personal).toBe(true);
    // Known, so no "unknown column" warning.
    const result = convert(survey(H, ['text', 'q', 'Q', 'yes']));
    expect(result.warnings.filter((w) => w.column === 'personal_data')).toEqual([]);
  });

  it('lets a group or repeat cover its questions, nested ones too, unless a question says no', () => {
    const form = ok(
      survey(
        H,
        ['begin group', 'identite', 'Identité', 'yes'],
        ['text', 'nom', 'Nom', ''],
        ['text', 'code_anonyme', 'Code', 'no'],
        ['begin repeat', 'enfants', 'Enfants', ''],
        ['text', 'prenom', 'Prénom', ''],
        ['end repeat', '', '', ''],
        ['end group', '', '', ''],
        ['begin repeat', 'membres', 'Membres', 'yes'],
        ['integer', 'age', 'Âge', ''],
        ['end repeat', '', '', ''],
        ['integer', 'taille', 'Taille', ''],
      ),
    );
    const flags = ['nom', 'code_anonyme', 'prenom', 'age', 'taille'].map((n) =>
      isPersonal(question(form, n)),
    );
    expect(flags).toEqual([true, false, true, true, false]);
  });

  it('marks what is computed from a personal answer, through chains, unless it says no', () => {
    const form = ok(
      survey(
        ['type', 'name', 'label', 'calculation', 'default', 'personal_data'],
        ['text', 'prenom', 'Prénom', '', '', 'yes'],
        ['text', 'nom', 'Nom', '', '', 'yes'],
        ['calculate', 'complet', '', "concat(${prenom}, ' ', ${nom})", '', ''],
        ['calculate', 'initiales', '', 'substr(${complet}, 0, 1)', '', ''],
        ['calculate', 'longueur', '', 'string-length(${nom})', '', 'no'],
        ['text', 'nom_confirme', 'Confirmez', '', '${nom}', ''],
        ['integer', 'taille', 'Taille', '', '', ''],
        ['calculate', 'double', '', '${taille} * 2', '', ''],
      ),
    );
    const personal = ['complet', 'initiales', 'nom_confirme'];
    for (const name of personal) expect(isPersonal(question(form, name)), name).toBe(true);
    for (const name of ['longueur', 'double', 'taille'])
      expect(isPersonal(question(form, name)), name).toBe(false);
  });

  it('carries the flag to the text of or_other and to every copy of a loop', () => {
    const form = ok({
      survey: sheet(
        H,
        ['select_one ethnie or_other', 'ethnie', 'Ethnie', 'yes'],
        ['begin loop over parents', 'parent', '', ''],
        ['text', 'nom_parent', 'Nom', 'yes'],
        ['end loop', '', '', ''],
      ),
      choices: choices(
        ['ethnie', 'sonrai', 'Sonraï'],
        ['parents', 'pere', 'Père'],
        ['parents', 'mere', 'Mère'],
      ),
    });
    expect(question(form, 'ethnie_other').personal).toBe(true);
    expect(question(form, 'nom_parent_pere').personal).toBe(true);
    expect(question(form, 'nom_parent_mere').personal).toBe(true);
  });

  it('may mark metadata (the agent’s username) too', () => {
    const form = ok(survey(H, ['username', 'agent_user', '', 'yes'], ['text', 'q', 'Q', '']));
    expect(question(form, 'agent_user').personal).toBe(true);
  });
});
