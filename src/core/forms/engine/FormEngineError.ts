/** One expression or dependency the engine cannot run, pointing the form author to the item and row. */
export interface FormProblem {
  /** The item's `name` (the first of a cycle). */
  item: string;
  /** The XLSForm survey row, when the definition carries it. */
  row: number | undefined;
  /** The column at fault: `relevant`, `calculation`, `constraint`, `label`…, or `cycle`. */
  column: string;
  message: string;
}

/** Thrown by createFormEngine: every expression that does not compile and every dependency cycle. */
export class FormEngineError extends Error {
  override readonly name = 'FormEngineError';

  constructor(readonly problems: readonly FormProblem[]) {
    super(
      `The form's logic cannot run:\n${problems
        .map((p) => `- ${p.item}${p.row === undefined ? '' : ` (row ${p.row})`}, ${p.column}: ${p.message}`)
        .join('\n')}`,
    );
  }
}
