import type { z } from 'zod';

export interface AnswerIssue {
  /** The answer's field name (dot-joined for nested values such as a geopoint's latitude). */
  path: string;
  message: string;
}

/** The answers of a draft do not pass the form's validation; messages are in the requested language. */
export class AnswersInvalidError extends Error {
  constructor(readonly issues: AnswerIssue[]) {
    super(`Answers are invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'AnswersInvalidError';
  }

  static fromZod(error: z.ZodError): AnswersInvalidError {
    return new AnswersInvalidError(
      error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    );
  }
}
