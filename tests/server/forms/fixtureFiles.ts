import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared fixtures sit beside the repository (`../shared` from its root), in CI as on the dev machine. */
export const XLSFORMS_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/fixtures/xlsforms',
);

export const fixtureNames = (): string[] => readdirSync(XLSFORMS_DIR).sort();

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(XLSFORMS_DIR, name)));
}

/** The multipart body of `POST /api/projects/:id/forms`: the form in its `file` field. */
export function formUpload(bytes: Uint8Array | string, fileName: string): FormData {
  const body = new FormData();
  // slice(): a copy on a plain ArrayBuffer, which is what File's typing accepts.
  body.append('file', new File([typeof bytes === 'string' ? bytes : bytes.slice()], fileName));
  return body;
}
