import commonPasswordsFile from './commonPasswords.json';

/**
 * What a new or reset password must be (docs/security.md, "Passwords"): long rather than complicated, as
 * NIST SP 800-63B advises, and not one an online guesser tries first. Server-side only: the list never goes
 * to the browser.
 */

export const MIN_PASSWORD_LENGTH = 12;
/** The longest password sign-in accepts (LoginRequest): a longer one could never be used. */
export const MAX_PASSWORD_LENGTH = 200;
/** Fewer different characters than this (`aaaaaaaaaaaa`, `121212121212`) is a pattern, not a password. */
const MIN_DISTINCT_CHARACTERS = 4;

/** Characters a password must keep once the username is taken out of it (`moussa2026!!` keeps 6). */
const MIN_WITHOUT_USERNAME = 8;

let common: Set<string> | undefined;

/** The 10,000 most common passwords, lowercased (commonPasswords.json says where they come from). */
function commonPasswords(): Set<string> {
  common ??= new Set(commonPasswordsFile.passwords.split('\n'));
  return common;
}

/** The password without what surrounds its letters: `Soleil2026!` → `soleil`, the part a guesser starts from. */
function letterCore(password: string): string {
  return password.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}

/**
 * Why the password may not be used, in words for the person who chose it; null when it is fine.
 * `username`: the account's, which the password must not be (nor be made from).
 */
export function passwordProblem(password: string, username?: string): string | null {
  const characters = [...password];
  if (characters.length < MIN_PASSWORD_LENGTH)
    return `Password too short: at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Password too long: at most ${MAX_PASSWORD_LENGTH} characters`;
  if (new Set(characters).size < MIN_DISTINCT_CHARACTERS)
    return `Password too repetitive: use at least ${MIN_DISTINCT_CHARACTERS} different characters`;
  const lower = password.toLowerCase();
  const core = letterCore(password);
  if (username !== undefined && username !== '') {
    // What is left without the username must be a password of its own.
    const rest = lower.split(username.toLowerCase()).join('');
    if (rest !== lower && ([...rest].length < MIN_WITHOUT_USERNAME || commonPasswords().has(rest)))
      return 'Password too close to the username: choose another';
  }
  const list = commonPasswords();
  if (list.has(lower) || list.has(core))
    return 'Password too common: it is among the 10,000 most used passwords (or one with digits added)';
  return null;
}
