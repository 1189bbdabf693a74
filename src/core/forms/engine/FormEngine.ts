import type { Answers } from '../answersSchema';
import type { Choice, FormDefinition } from '../definition';

/**
 * Where a value sits in the answers: field names and 0-based repeat instance indexes, e.g.
 * `['member', 0, 'age']`. Groups are transparent (their questions' answers sit at the group's level), but a
 * group's own name is a valid last segment (`['household']`) and is skipped when it is not the last.
 */
export type Path = (string | number)[];

/** One problem with an answer, with the message in the language asked for. */
export interface AnswerIssue {
  path: Path;
  message: string;
}

export interface FormEngineOptions {
  /** The clock of today(), now() and meta:start / meta:today / meta:end. Default: the device clock. */
  now?: () => Date;
  /** The value of `meta:deviceid` hidden questions. */
  deviceId?: string;
  /** The value of `meta:username` hidden questions. */
  username?: string;
  /**
   * The answers of this device's last saved submission of the same form, read by `${last-saved#name}`
   * (ODK's last-saved instance). The app gives them when a draft starts; absent, such references are empty.
   */
  lastSaved?: Answers;
}

export type FinalizeResult = { ok: true; answers: Answers } | { ok: false; issues: AnswerIssue[] };

/** Everything the UI needs after a change, computed from the whole draft (see README.md). */
export interface FormState {
  /** The draft with calculation results written in (a copy: the draft passed in is never changed). */
  readonly answers: Answers;
  /** False if the item or any enclosing group or repeat instance is not relevant, or the path is unknown. */
  relevant(path: Path): boolean;
  /** The `required` flag or expression, evaluated (whether or not the question is relevant). */
  required(path: Path): boolean;
  /** True for notes, questions with a calculation, and `read_only` yes or an expression that is true. */
  readOnly(path: Path): boolean;
  /** The question's choices that pass its choice filter, in list order. */
  choices(path: Path): Choice[];
  /** The evaluated repeat_count of the repeat at `path` (a whole number ≥ 0), undefined if it has none. */
  repeatCount(path: Path): number | undefined;
  /** Failing constraints of answered, relevant questions (required is checked by finalize only). */
  readonly issues: AnswerIssue[];
  /** The instance_name setting evaluated on these answers (what finalizing stores), if it gives a name. */
  readonly instanceName: string | undefined;
  /** The label in `lang` with `${field}` references replaced by their current values. */
  label(path: Path, lang: string): string;
  /** The hint, likewise. */
  hint(path: Path, lang: string): string;
}

export interface FormEngine {
  readonly form: FormDefinition;
  /** Answers for a new draft: defaults, meta fields and `repeat_count` instances. */
  initialAnswers(): Answers;
  /**
   * A new instance for the repeat at `repeatPath` (e.g. `['member']` or `['member', 0, 'illness']`) as it
   * would be appended to `answers`: its defaults, meta fields and inner repeat_count instances.
   */
  newInstance(answers: Answers, repeatPath: Path): Answers;
  /** The state of a draft; pure, and fast enough to run on every keystroke. */
  evaluate(answers: Answers, lang: string): FormState;
  /**
   * What finalizing stores (`end` stamped now, `meta.instanceName` from the instance_name setting), or
   * every reason it cannot, with messages in `lang`.
   */
  finalize(answers: Answers, lang: string): FinalizeResult;
}
