import type { Session } from '../db/sessionStore';
import type { UserConnection } from '../state/appContext';
import { useApp } from './useApp';

/** For pages shown only to a signed-in user whose database is open. */
export function useSignedIn(): UserConnection & { session: Session } {
  const { session, connection } = useApp();
  if (!session || !connection) throw new Error('useSignedIn needs a signed-in user with an open database');
  return { ...connection, session };
}
