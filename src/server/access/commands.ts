import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { zipFiles } from '../export/zip';
import type { StorageOps } from '../storage/Storage';
import { ACCESS_FORMATS, AccessFormat } from './accessExport';
import { exportPerson, searchPerson } from './personRequest';

export const PERSON_USAGE = `  person find <project> <value>  the submissions of the project, every version, where an answer holds the
                                value (a name, a phone, an identity number; case, accents and spacing
                                ignored); <value> - reads it from the standard input (kept out of the
                                shell's history). Audited as person.search, the value as a digest
  person export <project> <value> --format ${ACCESS_FORMATS.join('|')} --out PATH [--lang fr|en] [--codes]
                                [--geo-precision N]
                                the person's records (every version of those submissions), personal data
                                included, for their access request; csv and hxl write a directory, or a
                                .zip. Audited as person.export`;

export class PersonUsageError extends Error {}

export interface PersonIo {
  out: (line: string) => void;
  /** The value when given as `-` (a line of the standard input). */
  readValue: () => Promise<string>;
  now?: () => Date;
}

/** `person find|export …` at the console: the operator answers for any project. */
export async function personCommand(storage: StorageOps, args: string[], io: PersonIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      codes: { type: 'boolean' },
      'geo-precision': { type: 'string' },
    },
  });
  const [verb, projectId, given, ...extra] = positionals;
  if ((verb !== 'find' && verb !== 'export') || !projectId || given === undefined || extra.length > 0)
    throw new PersonUsageError('person find|export <project> <value>');
  const value = given === '-' ? (await io.readValue()).trim() : given;
  const ctx = { at: io.now?.() ?? new Date() };
  if (verb === 'find') {
    const found = await searchPerson(storage, 'operator', projectId, value, ctx);
    for (const m of found.matches) {
      const where = m.hits.map((h) => `${h.path} = ${h.value}`).join('; ');
      io.out(`${m.id}  ${m.formId}@${m.formVersion}  ${m.status.padEnd(10)}  ${m.finalizedAt}  ${where}`);
    }
    const more = found.truncated ? ' (stopped there: give a more precise value)' : '';
    io.out(`${found.matches.length} version(s) found among ${found.scanned}${more}.`);
    return;
  }
  const precision = values['geo-precision'];
  const how = AccessFormat.safeParse({
    format: values.format,
    lang: values.lang,
    codes: values.codes ?? false,
    geoPrecision: precision === undefined ? undefined : /^\d+$/.test(precision) ? Number(precision) : NaN,
  });
  if (!how.success || !values.out)
    throw new PersonUsageError(
      `person export needs --format ${ACCESS_FORMATS.join('|')} and --out PATH (--geo-precision 0-8, --lang fr|en)`,
    );
  const files = await exportPerson(storage, 'operator', projectId, value, how.data, ctx);
  const out = resolve(values.out);
  const several = how.data.format === 'csv' || how.data.format === 'hxl';
  if (several && out.endsWith('.zip')) await writeFile(out, zipFiles(files, ctx.at));
  else if (several) {
    await mkdir(out, { recursive: true });
    for (const file of files) await writeFile(join(out, file.name), file.body);
  } else await writeFile(out, files[0]?.body ?? '');
  io.out(`Wrote ${files.map((f) => f.name).join(', ')} to ${out} (${files[0]?.records ?? 0} version(s)).`);
}
