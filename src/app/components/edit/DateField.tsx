import type { ReactNode } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { DatePartsControl } from '../questions/DateParts';

/** The DOM id of a date field's first part (the day in French, the month in English). */
const idOf = (name: string) => `date-${name.replaceAll('.', '-')}`;

/**
 * A date field of the coordination forms (projects, targets, budgets, indicator values): the same day,
 * month and year entry as the agents' form (DatePartsControl), in the interface language's order whatever
 * the browser's language, so a French supervisor on an English-set tablet cannot swap day and month. The
 * value stays a `YYYY-MM-DD` string ('' when empty; the parts as typed while they are not a date, which the
 * form's rules reject). `aria` marks the parts invalid and points them at the message (`children`).
 */
export function DateField<V extends FieldValues>({
  label,
  control,
  name,
  aria = {},
  children,
}: {
  label: string;
  control: Control<V>;
  name: FieldPath<V>;
  aria?: Record<string, unknown>;
  children?: ReactNode;
}) {
  const { field } = useController({ control, name });
  return (
    <fieldset className="date-field">
      <legend>{label}</legend>
      <DatePartsControl
        id={idOf(name)}
        value={field.value}
        onChange={(date) => field.onChange(date ?? '')}
        onBlur={field.onBlur}
        inputRef={field.ref}
        aria={aria}
      />
      {children}
    </fieldset>
  );
}
