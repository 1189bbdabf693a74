import { useContext } from 'react';
import { I18nContext } from './context';
import type { I18nValue } from './types';

/** The interface language, its setter and `t(key, vars)`. */
export function useT(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT must be used inside <I18nProvider>');
  return value;
}
