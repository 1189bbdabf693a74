import type { UiLanguage } from '../../i18n/localized';
import type { XlsFormIssue } from './types';
import { ISSUE_FRENCH } from './issueFrench';

/**
 * The converter's messages in the interface languages. The converter writes each message in English, the
 * language of logs and of the tests that assert them; ISSUE_FRENCH pairs every English message pattern
 * with its French. A message is translated when it is shown (API answer, CLI), so the converter's many
 * message sites stay plain strings. A message with no French pattern is shown in English: the conformance
 * test checks that every refusal of pyxform's suite has its French.
 */

/** `{{name}}`: any text, copied; `{{name*}}`: a message itself, which must translate; `{{name|or}}`: a list. */
const HOLE = /\{\{(\w+)(\*|\|or)?\}\}/g;

interface Pattern {
  regex: RegExp;
  holes: { name: string; mode: '' | '*' | '|or' }[];
  french: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(english: string, french: string): Pattern {
  const holes: Pattern['holes'] = [];
  let source = '';
  let last = 0;
  for (const match of english.matchAll(HOLE)) {
    source += escape(english.slice(last, match.index)) + '(.+?)';
    holes.push({ name: match[1] ?? '', mode: (match[2] ?? '') as '' | '*' | '|or' });
    last = match.index + match[0].length;
  }
  source += escape(english.slice(last));
  return { regex: new RegExp(`^${source}$`, 's'), holes, french };
}

let patterns: Pattern[] | undefined;
const compiled = () => (patterns ??= ISSUE_FRENCH.map(([en, fr]) => compile(en, fr)));

/** The French of an English converter message, or undefined when no pattern knows it. */
export function frenchMessage(message: string): string | undefined {
  for (const pattern of compiled()) {
    const match = pattern.regex.exec(message);
    if (!match) continue;
    const values = new Map<string, string>();
    const ok = pattern.holes.every((hole, i) => {
      const text = match[i + 1] ?? '';
      if (hole.mode === '*') {
        const inner = frenchMessage(text);
        if (inner === undefined) return false;
        values.set(hole.name, inner);
      } else values.set(hole.name, hole.mode === '|or' ? text.replace(/ or /g, ' ou ') : text);
      return true;
    });
    if (ok) return pattern.french.replace(HOLE, (_, name: string) => values.get(name) ?? '');
  }
  return undefined;
}

/** The message in `lang` (English when no French is known). */
export function issueMessage(message: string, lang: UiLanguage): string {
  return lang === 'fr' ? (frenchMessage(message) ?? message) : message;
}

/** The issue with its message in `lang`: what the upload API answers and the CLI prints. */
export function localizeIssue(issue: XlsFormIssue, lang: UiLanguage): XlsFormIssue {
  return lang === 'en' ? issue : { ...issue, message: issueMessage(issue.message, lang) };
}
