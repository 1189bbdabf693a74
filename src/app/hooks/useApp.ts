import { useContext } from 'react';
import { AppContext, type AppValue } from '../state/appContext';

/** The session, api client and the signed-in user's connection (database and sync engine). */
export function useApp(): AppValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp must be used inside <AppProvider>');
  return value;
}
