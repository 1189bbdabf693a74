import { describe, expect, it } from 'vitest';
import { issues, ok, question, survey } from './dsl';

describe('the hxl column (KoboToolbox’s)', () => {
  it('keeps each question’s hashtag, lowercase, without the spaces HXL allows', () => {
    const form = ok(
      survey(
        ['type', 'name', 'label', 'hxl'],
        ['text', 'partenaire', 'Partenaire', '#org+impl'],
        ['integer', 'filles', 'Filles', '#Affected + F + Children'],
        ['text', 'note_libre', 'Note', ''],
      ),
    );
    expect(question(form, 'partenaire').hxl).toBe('#org+impl');
    expect(question(form, 'filles').hxl).toBe('#affected+f+children');
    expect(question(form, 'note_libre').hxl).toBeUndefined();
  });

  it('reads the column spelled instance::hxl too', () => {
    const form = ok(survey(['type', 'name', 'label', 'instance::hxl'], ['text', 'site', 'Site', '#loc']));
    expect(question(form, 'site').hxl).toBe('#loc');
  });

  it('refuses what is not a hashtag, naming the row and the column', () => {
    const found = issues(
      survey(
        ['type', 'name', 'label', 'hxl'],
        ['text', 'a', 'A', 'org'],
        ['text', 'b', 'B', '#org+'],
        ['text', 'c', 'C', '#1org'],
      ),
    );
    expect(found.map((i) => [i.row, i.column])).toEqual([
      [2, 'hxl'],
      [3, 'hxl'],
      [4, 'hxl'],
    ]);
    expect(found[0]?.message).toMatch(/org is not an HXL hashtag/);
  });
});
