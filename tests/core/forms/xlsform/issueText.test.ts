import { describe, expect, it } from 'vitest';
import { frenchMessage, issueMessage, localizeIssue } from '../../../../src/core/forms/xlsform';
import { checkExpression } from '../../../../src/core/forms/xlsform/expressions';
import { ISSUE_FRENCH } from '../../../../src/core/forms/xlsform/issueFrench';

describe("the converter's messages in French", () => {
  it('translates a message, copying what the holes hold', () => {
    expect(frenchMessage('Choice list trees is not in the choices sheet')).toBe(
      'La liste de choix trees n’est pas dans la feuille choices',
    );
    expect(frenchMessage('${agee} is not a field of this form')).toBe(
      '${agee} n’est pas un champ de ce formulaire',
    );
  });

  it('translates a message inside another (the place of an expression, a type, a misspelled sheet)', () => {
    expect(frenchMessage('Unknown function foo() (at “foo(1)”)')).toBe(
      'Fonction inconnue : foo() (à « foo(1) »)',
    );
    expect(frenchMessage('rank: name the choice list: rank LIST')).toBe(
      'rank : nommez la liste de choix : rank LIST',
    );
    expect(
      frenchMessage("The survey sheet is missing or empty; the workbook has 'surveys': rename it survey?"),
    ).toBe("La feuille survey manque ou est vide ; le classeur a 'surveys' : la renommer survey ?");
  });

  it("translates the server's time limit message (FormTimeLimitError)", () => {
    expect(frenchMessage('widgets.xls took longer than 10 s to read: reading was stopped')).toBe(
      'La lecture de widgets.xls a pris plus de 10 s : elle a été arrêtée',
    );
  });

  it("has the French of the expression parser's refusals of paths and unknown functions", () => {
    const refusal = (source: string) => {
      const result = checkExpression(source);
      if (result.ok) throw new Error(`${source} was accepted`);
      return result.message;
    };
    expect(frenchMessage(refusal('foo(1)'))).toBe(
      'Fonction inconnue : foo() ; les formulaires ODK ne la connaissent pas non plus (à « foo(1) »)',
    );
    expect(frenchMessage(refusal('x/1'))).toBe(
      "Un nom, '.' ou '..' était attendu après '/', pas '1' (à « 1 »)",
    );
    for (const source of ['5 / 2', '..[1]', '../..[1]', 'position(../..)', 'instance(1)', "instance('a')/x"])
      expect(frenchMessage(refusal(source)), source).toBeDefined();
  });

  it('turns the or of a list of values into ou', () => {
    expect(frenchMessage('quality=foo: write voice-only or low or normal')).toBe(
      'quality=foo : écrivez voice-only ou low ou normal',
    );
  });

  it('leaves an unknown message in English, and English as it is', () => {
    expect(frenchMessage('Something new: no French yet')).toBeUndefined();
    expect(issueMessage('Something new: no French yet', 'fr')).toBe('Something new: no French yet');
    const issue = { sheet: 'survey' as const, row: 2, column: 'type', message: 'Unknown question type foo' };
    expect(localizeIssue(issue, 'en')).toBe(issue);
    expect(localizeIssue(issue, 'fr')).toEqual({ ...issue, message: 'Type de question inconnu : foo' });
  });

  it('has a hole for a hole: each French pattern uses the holes of its English', () => {
    const holes = (text: string) => [...text.matchAll(/\{\{(\w+)[^}]*\}\}/g)].map((m) => m[0]).sort();
    for (const [english, french] of ISSUE_FRENCH) expect(holes(french), english).toEqual(holes(english));
  });
});
