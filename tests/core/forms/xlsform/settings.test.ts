import { describe, expect, it } from 'vitest';
import { choices, ok, sheet, survey } from './dsl';

const Q = ['type', 'name', 'label'];

describe('XLSForm settings and choice lists', () => {
  it('reads settings: title, id, version, instance_name, style', () => {
    const form = ok({
      survey: sheet(Q, ['text', 'hh', 'Household']),
      settings: sheet(
        ['form_title', 'form_id', 'version', 'instance_name', 'style'],
        ['Enquête ménage', 'menage', '2024-03', "concat('HH ', ${hh})", 'pages'],
      ),
    });
    expect(form).toMatchObject({
      id: 'menage',
      version: '2024-03',
      title: { und: 'Enquête ménage' },
      settings: { instanceName: "concat('HH ', ${hh})", style: 'pages' },
    });
  });

  it('falls back to the file name for title and id, and to the clock for the version', () => {
    const form = ok(survey(Q, ['text', 'a', 'A']));
    expect(form).toMatchObject({
      id: 'enquete-test',
      version: '202611240805',
      title: { und: 'Enquête test' },
    });
  });

  it('choices with a shared list name form one list, in order', () => {
    const form = ok({
      survey: sheet(Q, ['select_multiple yn', 'q', 'Q']),
      choices: choices(['yn', 'yes', 'Yes'], ['yn', 'no', 'No']),
    });
    expect(form.choiceLists.yn?.map((c) => c.name)).toEqual(['yes', 'no']);
  });
});
