/**
 * The only error compilation throws: a message and the character offset (0-based, in UTF-16 code units) of
 * the token at fault, so the XLSForm importer can point at the row, the column and the place in the cell.
 * Evaluation never throws, but for a call of a function whose code was not loaded (functions/lazy.ts): a
 * programming error, the app loads that code before creating the engine.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';

  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}
