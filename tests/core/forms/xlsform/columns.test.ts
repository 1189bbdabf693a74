import { describe, expect, it } from 'vitest';
import { convert, ok, question, sheet, survey } from './dsl';

const Q = ['type', 'name', 'label'];

describe('XLSForm columns', () => {
  it('reads labels per language from label::Name (code), label:English and plain label', () => {
    const form = ok(
      survey(
        ['type', 'name', 'label::English (en)', 'label::Français (fr)', 'hint'],
        ['text', 'q', 'Name', 'Nom', 'h'],
      ),
    );
    expect(form.languages).toEqual(['en', 'fr']);
    expect(form.defaultLanguage).toBe('en');
    expect(question(form, 'q').label).toEqual({ en: 'Name', fr: 'Nom' });
    // A column without language belongs to the default language.
    expect(question(form, 'q').hint).toEqual({ en: 'h' });
  });

  it('maps language names without a code and slugs unknown ones', () => {
    const form = ok(
      survey(
        ['type', 'name', 'label:english', 'label::French', 'label::Klingon Tongue'],
        ['text', 'q', 'a', 'b', 'c'],
      ),
    );
    expect(form.languages).toEqual(['en', 'fr', 'klingon-tongue']);
  });

  it('uses default_language from the settings (English (en) → en) for plain columns', () => {
    const form = ok({
      survey: sheet(['type', 'name', 'label', 'label::Français (fr)'], ['text', 'q', 'Name', 'Nom']),
      settings: sheet(['default_language'], ['English (en)']),
    });
    expect(form.defaultLanguage).toBe('en');
    expect(form.languages).toEqual(['en', 'fr']);
    expect(question(form, 'q').label).toEqual({ en: 'Name', fr: 'Nom' });
  });

  it("calls a form without any language 'und'", () => {
    const form = ok(survey(Q, ['text', 'q', 'Name']));
    expect(form.languages).toEqual(['und']);
    expect(form.title).toEqual({ und: 'Enquête test' });
  });

  it('reads every expression and message column', () => {
    const header = [
      'type',
      'name',
      'label',
      'required',
      'required_message',
      'relevant',
      'constraint',
      'constraint_message',
      'default',
      'read_only',
      'appearance',
      'guidance_hint',
    ];
    const form = ok(
      survey(
        header,
        ['integer', 'a', 'A'],
        [
          'integer',
          'b',
          'B',
          'yes',
          'Needed',
          '${a} > 1',
          '. < ${a}',
          'Too big',
          '3',
          'TRUE',
          'thousands-sep',
          'Ask twice',
        ],
      ),
    );
    expect(question(form, 'b')).toMatchObject({
      required: true,
      requiredMessage: { und: 'Needed' },
      relevant: '${a} > 1',
      constraint: '. < ${a}',
      constraintMessage: { und: 'Too big' },
      default: '3',
      readOnly: true,
      appearance: 'thousands-sep',
      guidanceHint: { und: 'Ask twice' },
      row: 3,
    });
    expect(question(form, 'a').required).toBeUndefined();
  });

  it('keeps required and read_only as expressions when they are not yes/no', () => {
    const form = ok(
      survey(
        ['type', 'name', 'required', 'read_only'],
        ['integer', 'a'],
        ['text', 'b', '${a} > 2', 'false()'],
        ['text', 'c', 'no', 'true()'],
      ),
    );
    expect(question(form, 'b').required).toBe('${a} > 2');
    expect(question(form, 'b').readOnly).toBeUndefined();
    expect(question(form, 'c').required).toBeUndefined();
    expect(question(form, 'c').readOnly).toBe(true);
  });

  it('reads the old bind:/control: spellings', () => {
    const header = [
      'type',
      'name',
      'bind:relevant',
      'bind:constraint',
      'bind:jr:constraintMsg',
      'bind:required',
      'bind:readonly',
      'control:appearance',
    ];
    const form = ok(
      survey(
        header,
        ['integer', 'a'],
        ['integer', 'b', '${a} > 1', '. > 0', 'Positive', 'yes', 'no', 'counter'],
      ),
    );
    expect(question(form, 'b')).toMatchObject({
      relevant: '${a} > 1',
      constraint: '. > 0',
      constraintMessage: { und: 'Positive' },
      required: true,
      appearance: 'counter',
    });
    const calc = ok(survey(['type', 'name', 'bind:calculate'], ['calculate', 'c', '1 + 1']));
    expect(question(calc, 'c').calculation).toBe('1 + 1');
  });

  it('turns Excel booleans in expression columns into true() / false()', () => {
    const form = ok(survey(['type', 'name', 'relevant'], ['text', 'a', 'FALSE']));
    expect(question(form, 'a').relevant).toBe('false()');
  });

  it('reads parameters separated by spaces, semicolons or commas, and range bounds', () => {
    const form = ok(
      survey(
        ['type', 'name', 'parameters'],
        ['image', 'photo', 'max-pixels=1024'],
        ['range', 'r', 'start=0 end=10 step=2'],
        ['range', 's', 'start=1.5;end=5.5;step=0.5'],
        ['range', 't'],
      ),
    );
    expect(question(form, 'photo').parameters).toEqual({ 'max-pixels': '1024' });
    expect(question(form, 'r')).toMatchObject({
      parameters: { start: '0', end: '10', step: '2' },
      min: 0,
      max: 10,
    });
    expect(question(form, 's')).toMatchObject({ min: 1.5, max: 5.5 });
    expect(question(form, 't')).toMatchObject({ min: 1, max: 10 });
  });

  it('reads media columns per language, in the survey and the choices', () => {
    const form = ok({
      survey: sheet(
        [
          'type',
          'name',
          'label::English (en)',
          'media::image::English (en)',
          'image::Français (fr)',
          'media::audio',
          'video',
        ],
        ['select_one yn', 'q', 'Q', 'en.png', 'fr.png', 'q.mp3', 'q.mp4'],
      ),
      choices: sheet(
        ['list name', 'name', 'label::English (en)', 'image', 'big-image'],
        ['yn', 'yes', 'Yes', 'yes.png', 'yes-big.png'],
      ),
    });
    expect(question(form, 'q').media).toEqual({
      image: { en: 'en.png', fr: 'fr.png' },
      audio: { en: 'q.mp3' },
      video: { en: 'q.mp4' },
    });
    expect(form.choiceLists.yn?.[0]?.media).toEqual({
      image: { en: 'yes.png' },
      bigImage: { en: 'yes-big.png' },
    });
  });

  it('keeps other choice columns in extra and accepts value / list name spellings', () => {
    const form = ok({
      survey: sheet(Q, ['select_one county', 'c', 'County']),
      choices: sheet(
        ['list name', 'value', 'label', 'state', 'Notes'],
        ['county', 'king', 'King', 'washington', ''],
        ['county', 'harris', 'Harris', 'texas', 'big'],
      ),
    });
    expect(form.choiceLists.county).toEqual([
      { name: 'king', label: { und: 'King' }, extra: { state: 'washington' } },
      { name: 'harris', label: { und: 'Harris' }, extra: { state: 'texas', Notes: 'big' } },
    ]);
  });

  it('ignores unknown columns with one warning per column', () => {
    const result = convert(
      survey(['type', 'name', 'label', 'notes'], ['text', 'a', 'A', 'x'], ['text', 'b', 'B', 'y']),
    );
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      { sheet: 'survey', column: 'notes', message: 'Unknown column, ignored' },
    ]);
  });
});
