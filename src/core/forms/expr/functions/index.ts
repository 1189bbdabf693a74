import { contextFunctions } from './context';
import { dateFunctions } from './dates';
import { lazyFunctions } from './lazy';
import { logicFunctions } from './logic';
import { nodeSetFunctions } from './nodesets';
import { numberFunctions } from './numbers';
import { selectFunctions } from './selects';
import type { FunctionSpec } from './spec';
import { stringFunctions } from './strings';

/**
 * Every function the language knows, by the name written in the form. The rarely used ones are
 * placeholders whose code loads on demand (lazy.ts, extra.ts).
 */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  Object.entries({
    ...logicFunctions,
    ...stringFunctions,
    ...numberFunctions,
    ...nodeSetFunctions,
    ...selectFunctions,
    ...dateFunctions,
    ...contextFunctions,
    ...lazyFunctions,
  }),
);
