/** The parsed form of an expression. `at` is the offset of the node's first character in the source. */
export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

export type Node =
  | { readonly type: 'number'; readonly value: number; readonly at: number }
  | { readonly type: 'string'; readonly value: string; readonly at: number }
  /** `${name}` */
  | { readonly type: 'ref'; readonly name: string; readonly at: number }
  /** `.`: the current question's value */
  | { readonly type: 'current'; readonly at: number }
  /** `..`: only meaningful as the argument of `position(..)` */
  | { readonly type: 'parent'; readonly at: number }
  | { readonly type: 'negate'; readonly operand: Node; readonly at: number }
  | {
      readonly type: 'binary';
      readonly op: BinaryOp;
      readonly left: Node;
      readonly right: Node;
      readonly at: number;
    }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly Node[]; readonly at: number }
  /**
   * `instance('list')/root/item[predicate]/field`: the `field` column of the list's items that satisfy the
   * predicate, as a node-set; without `/field` (only inside count()) the items themselves.
   */
  | {
      readonly type: 'instance';
      readonly list: string;
      readonly predicate: Node | undefined;
      readonly field: string | undefined;
      readonly at: number;
    }
  /**
   * A location path in the form's instance, as ODK evaluates it: `name` (a child of the current node, so
   * usually nothing), `../name`, `current()/../x`, `/data/x`, `${t}[1]/r/s`. Steps are names, `.` and `..`;
   * `absolute` paths start at the root (their first step, the root element's name, is dropped by the
   * parser); `fromRef` paths start at the field their first step names (`${t}`, which pyxform writes as
   * the field's absolute path). `positions[i]`, when present, is step i's predicate (`t[2]`): a position.
   */
  | {
      readonly type: 'path';
      readonly absolute: boolean;
      readonly steps: readonly string[];
      readonly fromRef?: boolean | undefined;
      readonly positions?: readonly (Node | undefined)[] | undefined;
      readonly at: number;
    }
  /** `${last-saved#name}`: the field's value in this device's last saved submission of the form. */
  | { readonly type: 'lastSaved'; readonly name: string; readonly at: number }
  /** A bare name inside an instance predicate: a column of the item being tested (`name`, `label`, …). */
  | { readonly type: 'column'; readonly name: string; readonly at: number };
