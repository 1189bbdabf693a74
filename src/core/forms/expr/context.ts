import type { XValue } from './values';

/**
 * What an expression can see while it is evaluated. The engine builds one per question (or reuses one and
 * moves it), resolving `${name}` relative to the current repeat instance.
 */
export interface EvalContext {
  /**
   * The answer of `${name}` in its canonical type (undefined when unanswered). Inside a repeat a sibling is
   * the same instance's answer; a field inside a repeat seen from outside is an array of every instance's
   * answer (or `nodeSet([...])`, which says so unambiguously; see README).
   */
  resolve(name: string): unknown;
  /** `.`: the value of the question the expression belongs to. Default: unanswered. */
  current?(): unknown;
  /** position(): 1-based index of the current repeat instance. Default: 1. */
  position?(): number;
  /** The clock for today() and now(). Default: the device clock. */
  now?(): Date;
  /** jr:choice-name: the label of `value` in the choice list of `fieldName`. Default: the value itself. */
  choiceLabel?(fieldName: string, value: string): string;
  /**
   * `instance('list')`: the items of the form's choice list `list`, each with its `name`, its `label` in the
   * current language, `itextId` (the same label: pyxform's jr:itext(…/itextId) shows it) and the list's other
   * columns. Default: no items. The engine answers from `choiceLists`.
   */
  instance?(listName: string): readonly InstanceItem[];
  /**
   * A location path from the question the expression belongs to (`../x`, `name`), or from the root when
   * `absolute`, or from the field its first step names when `where.fromRef` (`${t}[1]/r/s`): the value(s)
   * of the node it reaches, as `resolve` gives them; undefined when it reaches none. `where.positions[i]`
   * is step i's predicate: a 1-based position, or a condition (true keeps every node, false none).
   */
  path?(steps: readonly string[], absolute: boolean, where?: PathWhere): unknown;
  /** `${last-saved#name}`: the field's value in this device's last saved submission of the form. */
  lastSaved?(name: string): unknown;
  /**
   * indexed-repeat(): the value of `field` in the instances picked by 1-based index for each repeat named
   * (the enclosing instance, else the first, for a repeat not named). Undefined when one does not exist.
   */
  indexedRepeat?(field: string, picks: readonly (readonly [repeat: string, index: number])[]): unknown;
  /** version(): the form's version. */
  version?(): string;
}

export interface PathWhere {
  readonly fromRef?: boolean | undefined;
  readonly positions?: readonly (number | boolean | undefined)[] | undefined;
}

/** One item of a secondary instance: a choice's columns as text. */
export type InstanceItem = Readonly<Record<string, string>> & {
  readonly name: string;
  readonly label: string;
};

/** A compiled piece of an expression. */
export type Thunk = (ctx: EvalContext) => XValue;
