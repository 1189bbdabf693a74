import { useEffect, useState } from 'react';
import type { MessageKey } from '../i18n/types';
import { getFlash, setFlash } from '../state/flash';

/** Takes the pending one-shot message: it stays shown while this component lives, then is gone. */
export function useFlash(): MessageKey | null {
  const [message] = useState(getFlash);
  useEffect(() => {
    if (message) setFlash(null);
  }, [message]);
  return message;
}
