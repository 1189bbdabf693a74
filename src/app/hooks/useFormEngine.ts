import { useMemo } from 'react';
import type { FormDefinition } from '../../core/forms/definition';
import { createFormEngine, type FormEngine } from '../../core/forms/engine';
import { deviceId } from '../state/deviceId';

export type EngineResult = { engine: FormEngine; error?: undefined } | { engine?: undefined; error: Error };

/**
 * The form's engine, built once per form version (compiling every expression): a form whose logic cannot
 * run gives its error instead, to show rather than crash on. Meta fields get the signed-in username and
 * this browser's device id.
 */
export function useFormEngine(form: FormDefinition, username: string): EngineResult {
  return useMemo(() => {
    try {
      return { engine: createFormEngine(form, { username, deviceId: deviceId() }) };
    } catch (error) {
      return { error: error instanceof Error ? error : new Error(String(error)) };
    }
  }, [form, username]);
}
