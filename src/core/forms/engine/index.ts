/**
 * The form engine: runs a form's XLSForm logic (relevance, calculations, constraints, required, choice
 * filters, repeat counts, defaults, label outputs) on a draft. Pure; the contract the UI codes against is
 * described in README.md.
 */
export { createFormEngine } from './createFormEngine';
export { triggeredChanges } from './triggered';
/** Await loadExtraFunctions() before creating the engine of a form that needs them (see expr/functions/lazy.ts). */
export { formNeedsExtraFunctions, loadExtraFunctions } from '../expr/functions/lazy';
export type {
  AnswerIssue,
  FinalizeResult,
  FormEngine,
  FormEngineOptions,
  FormState,
  Path,
} from './FormEngine';
export { FormEngineError, type FormProblem } from './FormEngineError';
