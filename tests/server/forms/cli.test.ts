import { execFile } from 'node:child_process';
import * as XLSX from '@e965/xlsx';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FormDefinition } from '../../../src/core/forms/definition';
import { cliLanguage } from '../../../src/server/forms/cliMessages';
import { runFormsCli, type CliIo } from '../../../src/server/forms/commands';
import { openStorage } from '../../../src/server/main';
import { seedDemo } from '../../../src/server/seed/demoSeed';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { XLSFORMS_DIR } from './fixtureFiles';

const NOW = new Date('2026-11-24T08:00:00Z');

async function run(argv: string[], env: Record<string, string> = {}, more: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env, now: () => NOW, ...more };
  const code = await runFormsCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run forms', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'terrain-forms-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('convert prints the definition', async () => {
    const { code, out } = await run(['convert', join(XLSFORMS_DIR, 'tutorial.xls')]);
    expect(code).toBe(0);
    const form = FormDefinition.parse(JSON.parse(out));
    expect(form).toMatchObject({ id: 'tutorial', version: '202611240800' });
  });

  it('convert lists the issues as sheet!row column: message and exits 1', async () => {
    // Every shared fixture converts now, so the refused form is written here.
    const book = XLSX.utils.book_new();
    const rows = [['type', 'name', 'label'], ['text', 'a', 'A'], ['begin loop', 'l', 'L'], ['end loop']];
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'survey');
    const file = join(dataDir, 'refused.xlsx');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const { code, out, err } = await run(['convert', file]);
    expect([code, out]).toEqual([1, '']);
    expect(err.split('\n')).toContain(
      'survey!3 type: begin loop: name the choice list: begin loop over LIST',
    );
  });

  it('writes the problems in French under a French locale', async () => {
    const book = XLSX.utils.book_new();
    const rows = [['type', 'name', 'label'], ['text', 'a', 'A'], ['begin loop', 'l', 'L'], ['end loop']];
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'survey');
    const file = join(dataDir, 'refusé.xlsx');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const { code, err } = await run(['convert', file], { LANG: 'fr_FR.UTF-8' });
    expect(code).toBe(1);
    expect(err.split('\n')).toEqual([
      'refusé.xlsx : 2 problèmes à corriger',
      'survey!3 type: begin loop : nommez la liste de choix : begin loop over LIST',
      'survey!4 type: end loop sans begin loop correspondant',
    ]);
    // LC_ALL wins over LANG, as in gettext.
    expect((await run(['convert', file], { LANG: 'fr_FR.UTF-8', LC_ALL: 'C' })).err).toMatch(
      /problems to fix/,
    );
  });

  it('convert stops reading a form past the time limit, and says so in the language of the locale', async () => {
    // The limit is 10 s (FORM_TIME_LIMIT_MS); 1 ms here, less than the worker takes to start, so any form
    // runs past it and its worker is terminated.
    const file = join(XLSFORMS_DIR, 'tutorial.xls');
    const english = await run(['convert', file], { LANG: 'en_GB.UTF-8' }, { formTimeLimitMs: 1 });
    expect(english).toEqual({
      code: 1,
      out: '',
      err: 'tutorial.xls: reading took longer than 0.001 s and was stopped. Check that the file is an XLSForm (.xlsx, .xls or .csv); if it is, save it again from Excel or LibreOffice and try again.',
    });
    const french = await run(['convert', file], { LANG: 'fr_FR.UTF-8' }, { formTimeLimitMs: 1 });
    expect(french).toMatchObject({ code: 1, out: '' });
    expect(french.err).toMatch(/^tutorial\.xls : la lecture a pris plus de 0\.001 s et a été arrêtée\./);
    // Within the limit the same form converts.
    expect((await run(['convert', file], { LANG: 'fr_FR.UTF-8' })).code).toBe(0);
  });

  it('reads the language from LC_ALL, LC_MESSAGES, then LANG', () => {
    expect(cliLanguage({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(cliLanguage({ LC_ALL: 'en_US.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(cliLanguage({ LC_MESSAGES: 'fr', LANG: 'C' })).toBe('fr');
    expect(cliLanguage({ LANG: 'fy_NL' })).toBe('en');
    expect(cliLanguage({})).toBe('en');
  });

  it('exits 2 on bad arguments', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['convert'])).code).toBe(2);
    expect((await run(['convert', 'a', 'b'])).code).toBe(2);
    expect((await run(['import', join(XLSFORMS_DIR, 'tutorial.xls')])).err).toMatch(/--project/);
    expect((await run(['convert', '--bogus', 'x'])).code).toBe(2);
    expect((await run(['convert', join(dataDir, 'missing.xlsx')])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
  });

  it('import publishes into the SQLite database of DATA_DIR, once', async () => {
    const storage = await openStorage({ dataDir });
    await seedDemo(storage, { password: 'test-password-1', now: NOW, passwordCost: TEST_PASSWORD_COST });
    await storage.close();
    const args = ['import', join(XLSFORMS_DIR, 'widgets.xls'), '--project', DEMO_PROJECT.id];
    const first = await run(args, { DATA_DIR: dataDir });
    expect(first).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Published widgets@202611240800 .*\(32 questions\)/) as string,
    });
    const again = await run(args, { DATA_DIR: dataDir });
    expect(again).toMatchObject({ code: 1, err: expect.stringMatching(/already published/) as string });
    const missing = await run(['import', join(XLSFORMS_DIR, 'widgets.xls'), '--project', 'nope'], {
      DATA_DIR: dataDir,
    });
    expect(missing).toMatchObject({ code: 1, err: 'No project nope' });
  });

  it('attaches files with --media: convert warns without them, import refuses', async () => {
    const form = join(dataDir, 'wells.csv');
    writeFileSync(form, 'type,name,label\nselect_one_from_file points.csv,well,Puits\n');
    const points = join(dataDir, 'points.csv');
    writeFileSync(points, 'name,label\nw1,Puits nord\nw2,Puits sud\n');
    const converted = await run(['convert', form, '--media', points]);
    expect(converted.code).toBe(0);
    expect(FormDefinition.parse(JSON.parse(converted.out)).choiceLists.points).toHaveLength(2);

    // convert previews the form without its file; import refuses it, naming the file.
    const preview = await run(['convert', form]);
    expect(preview.code).toBe(0);
    expect(FormDefinition.parse(JSON.parse(preview.out)).choiceLists).toEqual({});
    expect(preview.err).toBe(
      'warning: survey!2 type: Choices come from points.csv, which is not attached: this question has no choices until it is',
    );
    const other = join(dataDir, 'other.csv');
    writeFileSync(other, 'name,label\nx,X\n');
    const unused = await run(['convert', form, '--media', points, '--media', other]);
    expect(unused.code).toBe(0);
    expect(unused.err).toBe(
      'warning: file: other.csv is attached but no select_one_from_file or select_multiple_from_file question uses it: ignored',
    );

    const storage = await openStorage({ dataDir });
    await seedDemo(storage, { password: 'test-password-2', now: NOW, passwordCost: TEST_PASSWORD_COST });
    await storage.close();
    const refused = await run(['import', form, '--project', DEMO_PROJECT.id], { DATA_DIR: dataDir });
    expect(refused).toMatchObject({ code: 1, out: '' });
    expect(refused.err.split('\n')).toEqual([
      'wells.csv: 1 problem to fix (attach points.csv)',
      'survey!2 type: Choices come from points.csv, which is not attached: add it to the import with the form',
    ]);
    const imported = await run(['import', form, '--project', DEMO_PROJECT.id, '--media', points], {
      DATA_DIR: dataDir,
    });
    expect(imported).toMatchObject({ code: 0, out: expect.stringMatching(/^Published wells@/) as string });
  });

  it('runs as a process (npx tsx src/server/forms/cli.ts convert …)', async () => {
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'src/server/forms/cli.ts', 'convert', join(XLSFORMS_DIR, 'group.xlsx')],
      { timeout: 20_000 },
    );
    expect(FormDefinition.parse(JSON.parse(stdout)).id).toBe('group');
  });
});
