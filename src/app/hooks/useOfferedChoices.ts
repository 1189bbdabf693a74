import { useEffect } from 'react';
import { useFormContext } from 'react-hook-form';
import type { Choice } from '../../core/forms/definition';
import { withoutUnoffered } from '../components/questions/answerConversion';
import type { Path } from '../components/questions/paths';
import { useFill } from './useFill';

/**
 * The choices the engine offers now (choice filters, cascading selects). A selected value that is no
 * longer offered is cleared, as ODK does, so a village never stays chosen under another region.
 */
export function useOfferedChoices(path: Path, name: string): Choice[] {
  const { state } = useFill();
  const { getValues, setValue } = useFormContext();
  const choices = state.choices([...path]);
  const key = JSON.stringify(choices.map((c) => c.name));
  useEffect(() => {
    const next = withoutUnoffered(getValues(name), JSON.parse(key) as string[]);
    if (next !== null) setValue(name, next, { shouldDirty: true });
  }, [key, name, getValues, setValue]);
  return choices;
}
