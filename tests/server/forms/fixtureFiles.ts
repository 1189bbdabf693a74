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
