import { useEffect, useMemo, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Answers } from '../../core/forms/answersSchema';
import type { FormEngine, FormState } from '../../core/forms/engine';

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
  const { watch, getValues, clearErrors } = methods;
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
  return useMemo(() => engine.evaluate(answers, lang), [engine, answers, lang]);
}
