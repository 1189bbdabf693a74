import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../src/app/api/errors';
import { IatiFileRefused, importIati, type IatiRefusal } from '../../../src/app/api/iatiRequests';
import '../../../src/app/i18n/iatiStrings';
import { translator } from '../../../src/app/i18n/translate';
import {
  iatiActivityNoteText,
  iatiNoteText,
  iatiRefusalText,
  iatiTableName,
} from '../../../src/app/pages/iatiMessages';
import { iatiNote, iatiRefusal } from '../../../src/core/iati/importMessages';

const fr = translator('fr');
const en = translator('en');

const refusal = (line: number, column: number | null, m = iatiRefusal('xml_unexpected_close_tag')) =>
  ({ line, column, reason: m.message, code: m.code, params: m.params }) satisfies IatiRefusal;

describe('the IATI import’s notes and refusals on the admin page', () => {
  it('says a refusal in French and English from its code, with or without a column', () => {
    expect(iatiRefusalText(fr, refusal(3, 18))).toBe(
      'Fichier refusé, ligne 3, colonne 18 : balise fermante inattendue',
    );
    expect(iatiRefusalText(en, refusal(3, 18))).toBe(
      'File refused, line 3, column 18: unexpected close tag.',
    );
    const missing = refusal(2, null, iatiRefusal('missing_identifier', { activity: 1 }));
    expect(iatiRefusalText(fr, missing)).toBe(
      'Fichier refusé, ligne 2 : l’activité 1 n’a pas d’iati-identifier',
    );
    expect(iatiRefusalText(en, missing)).toBe('File refused, line 2: activity 1 has no iati-identifier');
  });

  it('says a note with its parameters, and which activity it is about', () => {
    const note = iatiNote('transaction_incomplete', { line: 42 });
    expect(iatiNoteText(fr, note)).toBe(
      'transaction ligne 42 laissée de côté (date, montant ou devise absent)',
    );
    const ofActivity = { ...iatiNote('sectors_other_vocabulary', { count: 2 }), activity: 'XM-1' };
    expect(iatiActivityNoteText(fr, ofActivity)).toBe(
      'XM-1 : 2 secteur(s) d’un autre vocabulaire que celui du CAD laissé(s) de côté',
    );
    expect(iatiActivityNoteText(en, ofActivity)).toBe('XM-1: 2 sector(s) of other vocabularies left out');
  });

  it('names the kind of record in the user’s language, a table it does not know as the server names it', () => {
    expect(iatiTableName(fr, 'plannedDisbursements')).toBe('Décaissement prévu');
    expect(iatiTableName(en, 'projects')).toBe('Project');
    expect(iatiTableName(fr, 'budgets')).toBe('budgets');
  });

  it('shows the server’s message for a code it does not know (a newer server)', () => {
    const newer = {
      code: 'humanitarian_scope_left_out',
      params: { line: 7 },
      message: 'scope on line 7 left out',
    };
    expect(iatiNoteText(fr, newer)).toBe('scope on line 7 left out');
    expect(iatiActivityNoteText(fr, { ...newer, activity: 'A', message: 'A: scope left out' })).toBe(
      'A: scope left out',
    );
    // A code of the other kind is unknown too: never a raw key on screen.
    expect(iatiNoteText(fr, { code: 'doctype_refused', params: {}, message: 'm' })).toBe('m');
    expect(
      iatiRefusalText(fr, { line: 1, column: 2, reason: 'something new', code: 'new_code', params: {} }),
    ).toBe('Fichier refusé, ligne 1, colonne 2 : something new');
  });
});

describe('importIati validates the server’s answer', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const answer = (status: number, body: unknown) =>
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
        ),
      ),
    );
  const file = new File(['<iati-activities/>'], 'a.xml', { type: 'application/xml' });

  it('reads a report whose notes are codes', async () => {
    const report = {
      dryRun: true,
      records: [
        {
          tbl: 'projects',
          id: 'p',
          source: 'A',
          action: 'skipped',
          updated: [],
          conflicts: [],
          notes: [iatiNote('deleted_in_terrain')],
        },
      ],
      notes: [{ ...iatiNote('budget_invalid', { line: 3 }), activity: 'A' }],
    };
    answer(200, report);
    await expect(importIati('t', file, true)).resolves.toEqual(report);
  });

  it('refuses a report with notes as bare sentences', async () => {
    answer(200, { dryRun: true, records: [], notes: ['A: budget left out'] });
    await expect(importIati('t', file, true)).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('turns a 400 with a refusal into IatiFileRefused, a column null included', async () => {
    const details = refusal(2, null, iatiRefusal('missing_identifier', { activity: 1 }));
    answer(400, { error: { code: 'validation', message: 'The IATI file was refused', details } });
    const err = await importIati('t', file, true).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IatiFileRefused);
    expect((err as IatiFileRefused).refusal).toEqual(details);
    answer(400, { error: { code: 'validation', message: 'Bad query' } });
    await expect(importIati('t', file, true)).rejects.toBeInstanceOf(ApiError);
  });
});
