import { useEffect, useMemo, useState } from 'react';
import type { FormDefinition } from '../../core/forms/definition';
import {
  createFormEngine,
  formNeedsExtraFunctions,
  loadExtraFunctions,
  type FormEngine,
} from '../../core/forms/engine';
import { extraFunctionsLoaded } from '../../core/forms/expr';
import { deviceId } from '../state/deviceId';

export type EngineResult = { engine: FormEngine; error?: undefined } | { engine?: undefined; error: Error };

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * The form's engine, built once per form version (compiling every expression): a form whose logic cannot
 * run gives its error instead, to show rather than crash on. Meta fields get the signed-in username and
 * this browser's device id; `${last-saved#…}` reads the draft's `lastSaved`. Undefined while the code of the rarer ODK functions the form calls loads (its
 * own chunk, precached by the service worker: functions/lazy.ts); at once for the other forms.
 */
export function useFormEngine(
  form: FormDefinition,
  username: string,
  lastSaved?: Record<string, unknown>,
): EngineResult | undefined {
  const needsExtra = useMemo(() => formNeedsExtraFunctions(form), [form]);
  const [loaded, setLoaded] = useState(extraFunctionsLoaded);
  const [loadError, setLoadError] = useState<Error>();
  const ready = loaded || !needsExtra;
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadExtraFunctions().then(
      () => live && setLoaded(true),
      (error: unknown) => live && setLoadError(asError(error)),
    );
    return () => {
      live = false;
    };
  }, [ready]);
  return useMemo(() => {
    if (loadError) return { error: loadError };
    if (!ready) return undefined;
    try {
      return { engine: createFormEngine(form, { username, deviceId: deviceId(), lastSaved }) };
    } catch (error) {
      return { error: asError(error) };
    }
  }, [form, username, lastSaved, ready, loadError]);
}
