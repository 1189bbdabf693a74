import { dateFunctions } from './dates';
import { geoFunctions } from './geo';
import { logicFunctions } from './logic';
import { nodeSetFunctions } from './nodesets';
import { numberFunctions } from './numbers';
import { odkFunctions } from './odk';
import { selectFunctions } from './selects';
import type { FunctionSpec } from './spec';
import { stringFunctions } from './strings';

/** Every function the language knows, by the name written in the form. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  Object.entries({
    ...logicFunctions,
    ...stringFunctions,
    ...numberFunctions,
    ...nodeSetFunctions,
    ...selectFunctions,
    ...dateFunctions,
    ...odkFunctions,
    ...geoFunctions,
  }),
);
