import { createContext } from 'react';
import type { FormDefinition } from '../../../core/forms/definition';
import type { FormEngine, FormState } from '../../../core/forms/engine';

/** What every item of the form being filled reads: the definition, its engine and the last evaluation. */
export interface FillContextValue {
  form: FormDefinition;
  engine: FormEngine;
  state: FormState;
}

export const FillContext = createContext<FillContextValue | null>(null);
