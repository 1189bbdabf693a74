import { useContext } from 'react';
import { FillContext, type FillContextValue } from '../components/questions/fillContext';

/** The form being filled and the engine's last evaluation of the draft (see DraftForm). */
export function useFill(): FillContextValue {
  const value = useContext(FillContext);
  if (!value) throw new Error('useFill must be used inside a DraftForm');
  return value;
}
