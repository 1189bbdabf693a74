export interface AnswerIssue {
  /** The answer's path, dot-joined: `age`, `member.0.age`, `location.latitude`. */
  path: string;
  message: string;
}

/** The answers of a draft do not pass the form's validation; messages are in the requested language. */
export class AnswersInvalidError extends Error {
  constructor(readonly issues: AnswerIssue[]) {
    super(`Answers are invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'AnswersInvalidError';
  }

  /** From the form engine's issues, whose paths run through repeat instances: `member.0.age`. */
  static fromEngine(issues: readonly { path: readonly (string | number)[]; message: string }[]) {
    return new AnswersInvalidError(issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
}
