import { get, useFormContext } from 'react-hook-form';
import type { Question } from '../../core/forms/definition';
import { firstMessage } from '../components/questions/fieldIds';
import { pathToId, pathToName, type Path } from '../components/questions/paths';
import { useT } from '../i18n/useT';
import { useFill } from './useFill';

/**
 * Everything a question's component needs from the engine and the form: its react-hook-form name, element
 * ids, label and hint (with `${x}` outputs), required / read-only flags, and the message to show: the one
 * set when finalizing failed, else a failing constraint as soon as an answered value breaks it.
 */
export function useQuestion(question: Question, path: Path) {
  const { lang } = useT();
  const { state } = useFill();
  const {
    formState: { errors },
  } = useFormContext();
  const name = pathToName(path);
  const id = pathToId(path);
  const ids = { input: id, hint: `${id}-hint`, error: `${id}-error` };
  const enginePath = [...path];
  const label = state.label(enginePath, lang) || question.name;
  const hint = state.hint(enginePath, lang);
  const required = state.required(enginePath);
  const readOnly = state.readOnly(enginePath);
  const error =
    firstMessage(get(errors, name)) ?? state.issues.find((i) => pathToName(i.path) === name)?.message;
  const describedBy = [hint ? ids.hint : '', error ? ids.error : ''].filter(Boolean).join(' ') || undefined;
  return {
    name,
    ids,
    label,
    hint,
    required,
    readOnly,
    error,
    describedBy,
    media: question.media,
    /** aria attributes for the answer's input (or group of inputs). */
    aria: {
      'aria-required': required ? true : undefined,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy,
    },
  };
}

export type QuestionInfo = ReturnType<typeof useQuestion>;
