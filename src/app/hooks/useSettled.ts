import { useEffect, useState } from 'react';

/**
 * `value` once it has not changed for `ms`: the data table searches every row of a form, so it searches
 * when the typing pauses rather than once per key (each search reads the form's rows from the device).
 */
export function useSettled<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
