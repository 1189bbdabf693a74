import { describe, expect, it } from 'vitest';
import { allQuestions } from '../../../../src/core/forms/definition';
import { createFormEngine } from '../../../../src/core/forms/engine';
import { convert, issues, item, ok, sheet } from './dsl';

const crops = sheet(
  ['list_name', 'name', 'label::French (fr)', 'label::English (en)'],
  ['crop', 'millet', 'Mil', 'Millet'],
  ['crop', 'rice', 'Riz', 'Rice'],
  ['crop', 'none', 'Aucune', 'None'],
);
const HEADER = ['type', 'name', 'label::French (fr)', 'label::English (en)', 'relevant', 'constraint'];

function loopForm(...rows: string[][]) {
  return {
    survey: sheet(
      HEADER,
      ['begin loop over crop', 'harvest', 'Récolte : %(label)s', 'Harvest: %(label)s'],
      ['integer', 'bags', 'Sacs de %(label)s', 'Bags of %(label)s', '', '. < 1000'],
      ['integer', 'sold', 'Vendus (%(name)s)', 'Sold (%(name)s)', '${bags} > 0', '. <= ${bags}'],
      ['end loop'],
      ...rows,
    ),
    choices: crops,
  };
}

describe('begin loop over LIST', () => {
  it('becomes one group per choice (none excepted), with the body renamed for the choice', () => {
    const form = ok(loopForm());
    const loop = item(form, 'harvest');
    expect(loop.kind === 'group' && loop.items.map((i) => i.name)).toEqual([
      'harvest_millet',
      'harvest_rice',
    ]);
    expect(item(form, 'harvest_rice')).toMatchObject({ label: { fr: 'Récolte : Riz', en: 'Harvest: Rice' } });
    expect(loop.label).toBeUndefined();
    expect(allQuestions(form).map((q) => q.name)).toEqual([
      'bags_millet',
      'sold_millet',
      'bags_rice',
      'sold_rice',
    ]);
    expect(item(form, 'sold_rice')).toMatchObject({
      label: { fr: 'Vendus (rice)', en: 'Sold (rice)' },
      relevant: '${bags_rice} > 0',
      constraint: '. <= ${bags_rice}',
    });
    expect(item(form, 'bags_millet')).toMatchObject({ label: { fr: 'Sacs de Mil', en: 'Bags of Millet' } });
  });

  it('keeps a label without placeholder on the loop, and labels the copies with the choices', () => {
    const survey = sheet(
      ['type', 'name', 'label'],
      ['begin loop over crop', 'l', 'Crops'],
      ['text', 't', 'T'],
      ['end loop'],
    );
    const form = ok({ survey, choices: crops });
    expect(item(form, 'l').label).toEqual({ fr: 'Crops' });
    expect(item(form, 'l_millet').label).toEqual({ fr: 'Mil', en: 'Millet' });
  });

  it('lets fields outside name one copy, and refuses the ambiguous body name', () => {
    const form = ok(loopForm(['integer', 'total', 'Total', 'Total', '', '. >= ${bags_rice}']));
    const engine = createFormEngine(form);
    expect(engine.evaluate({ bags_rice: 3, sold_rice: 4 }, 'fr').issues.map((i) => i.path)).toEqual([
      ['sold_rice'],
    ]);
    const found = issues(loopForm(['integer', 'total', 'Total', 'Total', '${bags} > 0']));
    expect(found.map((i) => `${i.row} ${i.message}`)).toEqual([
      '6 ${bags} is inside loop harvest, once per choice of crop: name one copy, ${bags_<choice>}',
    ]);
  });

  it('reports an unknown list, a missing list name and a copy that clashes with another field', () => {
    const unknown = issues({
      survey: loopForm().survey,
      choices: sheet(['list_name', 'name', 'label'], ['x', 'a', 'A']),
    });
    expect(unknown.map((i) => `${i.row} ${i.message}`)).toEqual([
      '2 Choice list crop is not in the choices sheet',
    ]);
    const bare = issues({
      survey: sheet(['type', 'name'], ['begin loop', 'l'], ['end loop']),
      choices: crops,
    });
    expect(bare[0]?.message).toBe('begin loop: name the choice list: begin loop over LIST');
    const clash = convert(loopForm(['text', 'bags_rice', 'B', 'B']));
    expect(!clash.ok && clash.issues.map((i) => i.message)).toEqual([
      'The loop makes a field bags_rice, which is already the name of row 6',
    ]);
  });
});
