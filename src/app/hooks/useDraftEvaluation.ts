import { useEffect, useMemo, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Answers } from '../../core/forms/answersSchema';
import { triggeredChanges, type FormEngine, type FormState } from '../../core/forms/engine';

/**
 * Runs the engine on the whole draft after every change (a react-hook-form `watch` subscription) and
 * returns its state. A changed answer loses the error finalizing set on it; `onChange` gets the new answers
 * (to autosave them).
 */
export function useDraftEvaluation(
  engine: FormEngine,
  methods: UseFormReturn<Answers>,
  lang: string,
  onChange: (answers: Answers) => void,
): FormState {
  const { watch, getValues, clearErrors, setValue } = methods;
  const [answers, setAnswers] = useState<Answers>(() => structuredClone(getValues()));
  useEffect(() => {
    const subscription = watch((_values, { name }) => {
      const next = structuredClone(getValues());
      setAnswers(next);
      if (name) clearErrors(name);
      onChange(next);
    });
    return () => subscription.unsubscribe();
  }, [watch, getValues, clearErrors, onChange]);
  const state = useMemo(() => engine.evaluate(answers, lang), [engine, answers, lang]);
  // A calculation with a trigger sets its value once per change of the trigger, then the agent may edit it:
  // that value and the trigger's recorded value go into the draft (the next evaluation then keeps them).
  useEffect(() => {
    for (const [path, value] of triggeredChanges(state.answers, answers)) setValue(path, value);
  }, [state, answers, setValue]);
  return state;
}
