/**
 * The expression language of XLSForm columns (relevant, constraint, calculation, required, choice_filter,
 * repeat_count, default): ODK's XPath subset. See README.md for the semantics and limits.
 */
export type { BinaryOp, Node } from './ast';
export { compileExpression, type CompiledExpression, type InstanceUse, type PathUse } from './compile';
export type { EvalContext, InstanceItem, PathWhere } from './context';
export { ExpressionError } from './ExpressionError';
export {
  EXTRA_FUNCTION_NAMES,
  extraFunctionsLoaded,
  formNeedsExtraFunctions,
  loadExtraFunctions,
  registerExtraFunctions,
} from './functions/lazy';
export { parseExpression } from './parser';
export { NodeSet, nodeSet, toBoolean, toNumber, toString, type XScalar, type XValue } from './values';
export { XDate } from './XDate';
