/**
 * The `parameters` column checked where pyxform checks it (xls2json.py and validators/pyxform/question_types):
 * each question type accepts its own keys, and some values must be numbers, true/false or one of a few
 * words. Values are compared without case, as pyxform lowercases them; they are kept as written.
 */

/** The keys each type accepts; a type not listed here takes any parameter (pyxform ignores them). */
const ACCEPTED: Record<string, readonly string[]> = {
  geopoint: ['allow-mock-accuracy', 'capture-accuracy', 'reference-geometry', 'warning-accuracy'],
  geotrace: ['allow-mock-accuracy', 'incremental', 'reference-geometry'],
  geoshape: ['allow-mock-accuracy', 'incremental', 'reference-geometry'],
  image: ['app', 'max-pixels'],
  audio: ['quality'],
  'background-audio': ['quality'],
  text: ['rows'],
  range: ['start', 'end', 'step', 'placeholder', 'tick_interval', 'tick_labelset'],
  select: ['randomize', 'seed'],
  selectFromFile: ['randomize', 'seed', 'value', 'label'],
  audit: [
    'identify-user',
    'location-max-age',
    'location-min-interval',
    'location-priority',
    'track-changes',
    'track-changes-reasons',
  ],
};

const TRUE_FALSE = ['true', 'false'];
const LOCATION = ['location-priority', 'location-min-interval', 'location-max-age'];

const isNumber = (text: string) => text.trim() !== '' && Number.isFinite(Number(text));
const isInteger = (text: string) => /^[+-]?\d+$/.test(text.trim());
/** A `${name}` reference, the only other thing a seed may be. */
const isReference = (text: string) => /^\$\{\s*[A-Za-z_][\w.-]*\s*\}$/.test(text.trim());

/**
 * What is wrong with a row's parameters for its kind of question (`select`, `selectFromFile`, a question
 * type, or `audit` / `background-audio`), one message per problem.
 */
export function parameterProblems(kind: string, parameters: Readonly<Record<string, string>>): string[] {
  const accepted = ACCEPTED[kind];
  if (!accepted) return [];
  const problems: string[] = [];
  const extra = Object.keys(parameters).filter((k) => !accepted.includes(k));
  if (extra.length > 0)
    problems.push(
      `${extra.sort().join(', ')}: not a parameter of this question (accepted: ${accepted.join(', ')})`,
    );
  const value = (key: string) => parameters[key]?.toLowerCase();
  const oneOf = (key: string, allowed: readonly string[]) => {
    const v = value(key);
    if (v !== undefined && !allowed.includes(v))
      problems.push(`${key}=${parameters[key]}: write ${allowed.join(' or ')}`);
  };
  const numeric = (key: string, test: (text: string) => boolean, what: string) => {
    const v = parameters[key];
    if (v !== undefined && !test(v)) problems.push(`${key}=${v}: ${what}`);
  };
  numeric('capture-accuracy', isNumber, 'must be a number of metres');
  numeric('warning-accuracy', isNumber, 'must be a number of metres');
  oneOf('allow-mock-accuracy', TRUE_FALSE);
  if (value('incremental') !== undefined && value('incremental') !== 'true')
    problems.push(`incremental=${parameters.incremental}: the only value is true`);
  numeric('max-pixels', isInteger, 'must be a whole number of pixels');
  numeric('rows', isInteger, 'must be a whole number of rows');
  if (kind === 'audio') oneOf('quality', ['voice-only', 'low', 'normal', 'external']);
  if (kind === 'background-audio') oneOf('quality', ['voice-only', 'low', 'normal']);
  if (kind === 'select' || kind === 'selectFromFile') problems.push(...randomizeProblems(parameters));
  if (kind === 'audit') problems.push(...auditProblems(parameters));
  return problems;
}

/** randomize=true|false; a seed is a number or a ${field}, and only with randomize=true. */
function randomizeProblems(parameters: Readonly<Record<string, string>>): string[] {
  const randomize = parameters.randomize?.toLowerCase();
  const seed = parameters.seed;
  if (randomize !== undefined && !TRUE_FALSE.includes(randomize))
    return [`randomize=${parameters.randomize}: write true or false`];
  if (seed === undefined) return [];
  if (randomize !== 'true') return ['A seed needs randomize=true: add it to the parameters'];
  if (!isNumber(seed) && !isReference(seed))
    return [`seed=${seed}: the seed must be a number or a reference to another field, \${name}`];
  return [];
}

/** The audit log's location tracking needs its three parameters together, with sensible values. */
function auditProblems(parameters: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const lower = (key: string) => parameters[key]?.toLowerCase();
  for (const key of ['track-changes', 'identify-user'])
    if (lower(key) !== undefined && !TRUE_FALSE.includes(lower(key) ?? ''))
      problems.push(`${key}=${parameters[key]}: write true or false`);
  if (lower('track-changes-reasons') !== undefined && lower('track-changes-reasons') !== 'on-form-edit')
    problems.push(
      `track-changes-reasons=${parameters['track-changes-reasons']}: the only value is on-form-edit`,
    );
  const present = LOCATION.filter((k) => parameters[k] !== undefined);
  if (present.length === 0) return problems;
  if (present.length < LOCATION.length)
    return [...problems, `${LOCATION.join(', ')} go together: give all three`];
  const priority = lower('location-priority') ?? '';
  if (!['no-power', 'low-power', 'balanced', 'high-accuracy'].includes(priority))
    problems.push(
      `location-priority=${parameters['location-priority']}: write no-power, low-power, balanced or high-accuracy`,
    );
  const interval = parameters['location-min-interval'] ?? '';
  const maxAge = parameters['location-max-age'] ?? '';
  if (!isInteger(interval) || Number(interval) < 0)
    problems.push(`location-min-interval=${interval}: must be a whole number of seconds, 0 or more`);
  else if (!isInteger(maxAge) || Number(maxAge) < 0)
    problems.push(`location-max-age=${maxAge}: must be a whole number of seconds, 0 or more`);
  else if (Number(maxAge) < Number(interval))
    problems.push('location-max-age must be greater than or equal to location-min-interval');
  return problems;
}
