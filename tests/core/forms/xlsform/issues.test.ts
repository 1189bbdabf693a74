import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../../src/core/forms/xlsform';
import { choices, convert, issues, ok, question, sheet, survey } from './dsl';

describe('XLSForm issues', () => {
  it('reports a syntax error and an unknown function with sheet, row and column', () => {
    const found = issues(
      survey(
        ['type', 'name', 'bind:relevant', 'constraint'],
        ['integer', 'a', '', '. >'],
        ['integer', 'b', "pull-data('x', 'y', 'z', ${a})"],
      ),
    );
    expect(found).toEqual([
      {
        sheet: 'survey',
        row: 2,
        column: 'constraint',
        message: 'Expected a value but found end of expression',
      },
      {
        sheet: 'survey',
        row: 3,
        column: 'bind:relevant',
        message: expect.stringMatching(/^Unknown function pull-data\(\)/) as string,
      },
    ]);
  });

  it('refuses a position that follows no name with a clear message', () => {
    const [issue] = issues(survey(['type', 'name', 'calculation'], ['calculate', 'c', '../..[2] + 1']));
    expect(issue).toMatchObject({
      row: 2,
      column: 'calculation',
      message: expect.stringMatching(/^Unexpected '\/', '\[' or '\]': a path starts with a name/) as string,
    });
  });

  it('reports references to fields that do not exist, in expressions and instance_name', () => {
    const found = issues({
      survey: sheet(
        ['type', 'name', 'label', 'relevant', 'calculation', 'repeat_count'],
        ['integer', 'a', 'A ${nope}', '${ghost} > 1'],
        ['calculate', 'c', '', '', '${a} + ${missing}'],
        ['begin repeat', 'r', '', '', '', '${count}'],
        ['end repeat'],
      ),
      settings: sheet(['instance_name'], ['${who}']),
    });
    expect(found.map(formatIssue)).toEqual([
      'settings!2 instance_name: ${who} is not a field of this form',
      'survey!2 relevant: ${ghost} is not a field of this form',
      'survey!3 calculation: ${missing} is not a field of this form',
      'survey!4 repeat_count: ${count} is not a field of this form',
    ]);
  });

  it('checks dynamic defaults and leaves fixed ones alone', () => {
    const form = ok(
      survey(['type', 'name', 'default'], ['text', 'url', 'http://getodk.org/'], ['date', 'd', 'today()']),
    );
    expect(question(form, 'url').default).toBe('http://getodk.org/');
    expect(question(form, 'd').default).toBe('today()');
    expect(issues(survey(['type', 'name', 'default'], ['date', 'd', 'tomorrow()']))[0]).toMatchObject({
      column: 'default',
      message: expect.stringMatching(/Unknown function tomorrow/) as string,
    });
  });

  it('checks choice filters against the list columns and the form fields', () => {
    const tables = (filter: string) => ({
      survey: sheet(
        ['type', 'name', 'choice_filter'],
        ['select_one states', 'state'],
        ['select_one counties', 'county', filter],
      ),
      choices: sheet(
        ['list_name', 'name', 'label', 'state'],
        ['states', 'tx', 'Texas'],
        ['counties', 'harris', 'Harris', 'tx'],
      ),
    });
    expect(question(ok(tables('state=${state}')), 'county').choiceFilter).toBe('state=${state}');
    expect(
      question(ok(tables("starts-with(name, 'h') and state = ${state}")), 'county').choiceFilter,
    ).toBeDefined();
    const typo = convert(tables('region=${state}'));
    expect(typo.ok && typo.warnings).toEqual([
      {
        sheet: 'survey',
        row: 3,
        column: 'choice_filter',
        message:
          'region is not a column of the choice list (columns: name, label, state): every choice reads it as empty',
      },
    ]);
    expect(issues(tables('state=${province}'))[0]?.message).toBe('${province} is not a field of this form');
    expect(issues(tables('state=${state} and'))[0]?.message).toMatch(/end of expression/);
  });

  it('reports a select whose list is missing', () => {
    expect(
      issues({
        survey: sheet(['type', 'name'], ['select_one nowhere', 'q']),
        choices: choices(['yn', 'y', 'Y']),
      }),
    ).toEqual([
      { sheet: 'survey', row: 2, column: 'type', message: 'Choice list nowhere is not in the choices sheet' },
    ]);
  });

  it('reports duplicate choices unless allow_choice_duplicates is yes', () => {
    const tables = {
      survey: sheet(['type', 'name'], ['select_one c', 'q']),
      choices: choices(['c', 'king', 'King'], ['c', 'pierce', 'Pierce'], ['c', 'king', 'King (TX)']),
    };
    expect(issues(tables)).toEqual([
      {
        sheet: 'choices',
        row: 4,
        column: 'name',
        message: expect.stringMatching(/^Duplicate choice king in list c \(first at row 2\)/) as string,
      },
    ]);
    const allowed = ok({ ...tables, settings: sheet(['allow_choice_duplicates'], ['yes']) });
    expect(allowed.choiceLists.c).toHaveLength(3);
  });

  it('reports choices without name or list', () => {
    const found = issues({
      survey: sheet(['type', 'name'], ['select_one c', 'q']),
      choices: choices(['c', 'a', 'A'], ['c', '', 'No name'], ['', 'orphan', 'Orphan']),
    });
    expect(found.map(formatIssue)).toEqual([
      'choices!3 name: A choice of list c has no name',
      'choices!4 list_name: Choice orphan has no list name',
    ]);
  });

  it('reports missing, invalid and duplicate names, and a name without a type', () => {
    const found = issues(
      survey(
        ['type', 'name', 'label'],
        ['text', '', 'No name'],
        ['text', '1st', 'Bad'],
        ['text', 'ok', 'Ok'],
        ['integer', 'ok', 'Again'],
        ['', 'lost', 'Lost'],
      ),
    );
    expect(found.map((i) => [i.row, i.column, i.message.slice(0, 22)])).toEqual([
      [2, 'name', 'This question has no n'],
      [3, 'name', '1st is not a valid nam'],
      [5, 'name', 'Duplicate name ok (fir'],
      [6, 'type', 'This row has a name bu'],
    ]);
  });

  it('reports malformed parameters and non-numeric range bounds', () => {
    const found = issues(
      survey(['type', 'name', 'parameters'], ['image', 'p', 'max-pixels'], ['range', 'r', 'start=a end=10']),
    );
    expect(found.map(formatIssue)).toEqual([
      'survey!2 parameters: max-pixels is not a key=value parameter',
      'survey!3 parameters: start=a is not a number',
    ]);
  });

  it('reports an empty survey and a version that is too long', () => {
    const found = issues({ survey: [], settings: sheet(['version'], ['1'.repeat(41)]) });
    expect(found).toEqual([
      { sheet: 'settings', column: 'version', message: 'The version is at most 40 characters' },
      { sheet: 'survey', message: 'The survey sheet is missing or empty' },
    ]);
  });

  it('lists every issue of the form at once, in sheet and row order, and no form', () => {
    const result = convert({
      survey: sheet(
        ['type', 'name', 'relevant'],
        ['text', 'a', 'foo()'],
        ['begin group', 'g'],
        ['select_one missing', 'b'],
        ['text', 'c', '${zz}'],
      ),
      choices: choices(['l', 'x', 'X'], ['l', 'x', 'X']),
    });
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('form');
    expect(!result.ok && result.issues.map((i) => `${i.sheet}!${i.row ?? ''}`)).toEqual([
      'survey!2',
      'survey!3',
      'survey!4',
      'survey!5',
      'choices!3',
    ]);
  });

  it('makes an invalid form_id into a valid one, with a warning', () => {
    const result = convert({
      survey: sheet(['type', 'name'], ['text', 'a']),
      settings: sheet(['form_id'], ['Spec test']),
    });
    expect(result.ok && result.form.id).toBe('spec-test');
    expect(result.warnings).toContainEqual({
      sheet: 'settings',
      column: 'form_id',
      message: expect.stringMatching(/spec-test is used/) as string,
    });
  });
});
