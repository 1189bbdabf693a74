import { geoFunctions } from './geo';
import { odkFunctions } from './odk';
import type { FunctionTable } from './spec';

/**
 * The implementations of the functions few forms call (digest and its hashes, randomize, area, distance,
 * checklist, the math extras…), in a chunk of their own: the browser loads it only for a form that calls
 * one (loadExtraFunctions in lazy.ts), so it stays out of the field agent's start-up JavaScript (GUIDE §4).
 * Nothing on the fill path may import this module statically.
 */
export const EXTRA_FUNCTIONS: FunctionTable = { ...odkFunctions, ...geoFunctions };
