/**
 * Answer paths and react-hook-form field names. The engine names an answer by its path from the root of
 * the answers, through repeat instances: `['member', 0, 'age']`. react-hook-form names the same value
 * `member.0.age`. Field names are XML names (they never are all digits), so the mapping is one to one.
 */
export type Path = readonly (string | number)[];

export function pathToName(path: Path): string {
  return path.join('.');
}

export function nameToPath(name: string): (string | number)[] {
  return name.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The element id of a question's input (hint, error and legend ids derive from it). */
export function pathToId(path: Path): string {
  return `q-${path.join('-')}`;
}
