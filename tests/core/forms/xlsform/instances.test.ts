import { describe, expect, it } from 'vitest';
import { issues, ok, question, sheet } from './dsl';

describe("instance('list') lookups in an XLSForm", () => {
  it("are accepted over a list of the choices sheet, pyxform's itextId included", () => {
    const form = ok({
      survey: sheet(
        ['type', 'name', 'calculation'],
        ['select_one yn', 'a', ''],
        ['calculate', 'b', "jr:itext(instance('yn')/root/item[name=${a}]/itextId)"],
      ),
      choices: sheet(['list_name', 'name', 'label'], ['yn', 'yes', 'Yes']),
    });
    expect(question(form, 'b').calculation).toBe("jr:itext(instance('yn')/root/item[name=${a}]/itextId)");
  });

  it('refuses instance() lookups of a list or a column the choices sheet lacks', () => {
    const found = issues({
      survey: sheet(
        ['type', 'name', 'calculation'],
        ['select_one yn', 'a', ''],
        ['calculate', 'b', "instance('nope')/root/item[name=${a}]/label"],
        ['calculate', 'c', "instance('yn')/root/item[colour=${a}]/itextId"],
      ),
      choices: sheet(['list_name', 'name', 'label'], ['yn', 'yes', 'Yes']),
    });
    expect(found.map((i) => `${i.row} ${i.message}`)).toEqual([
      "3 instance('nope'): nope is not a list of the choices sheet",
      "4 instance('yn'): colour is not a column of the choices sheet",
    ]);
  });
});
