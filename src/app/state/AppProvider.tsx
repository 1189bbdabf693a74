import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createApiClient } from '../api/client';
import { openTerrainDb } from '../db/TerrainDb';
import { clearSession, loadSession, saveSession, type Session } from '../db/sessionStore';
import { requestPersistentStorage } from '../pwa/storage';
import { SyncEngine } from '../sync/SyncEngine';
import { AppContext, type AppValue, type UserConnection } from './appContext';

const LOGOUT_WAIT_MS = 3000;

/**
 * Holds the session, the user's database, the api client and the sync engine. The engine exists only while a
 * session does; it is started in an effect and stopped in its cleanup.
 */
export function AppProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [connection, setConnection] = useState<UserConnection | null>(null);
  const tokenRef = useRef<string | null>(null);

  const api = useMemo(() => createApiClient({ getToken: () => tokenRef.current }), []);

  useEffect(() => {
    let live = true;
    loadSession()
      .then((stored) => {
        if (!live) return;
        tokenRef.current = stored?.token ?? null;
        setSession(stored);
      })
      .catch(() => undefined)
      .finally(() => {
        if (live) setLoaded(true);
      });
    return () => {
      live = false;
    };
  }, []);

  const userId = session?.user.id ?? null;
  useEffect(() => {
    if (!userId) return;
    const db = openTerrainDb(userId);
    const engine = new SyncEngine({ db, api });
    setConnection({ userId, db, engine });
    engine.start();
    return () => {
      engine.stop();
      setConnection(null);
      db.close();
    };
  }, [userId, api]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const response = await api.login({ username, password });
      const next: Session = { token: response.token, expiresAt: response.expiresAt, user: response.user };
      await saveSession(next);
      tokenRef.current = next.token;
      setSession(next);
      void requestPersistentStorage();
    },
    [api],
  );

  const signOut = useCallback(async () => {
    // Revoke the token if the server can be reached; offline, forgetting it locally is enough.
    const logout = api.logout().catch(() => undefined);
    await Promise.race([logout, new Promise((resolve) => setTimeout(resolve, LOGOUT_WAIT_MS))]);
    await clearSession();
    tokenRef.current = null;
    setSession(null);
  }, [api]);

  const current = connection && connection.userId === userId ? connection : null;
  const value = useMemo<AppValue>(
    () => ({
      status: !loaded ? 'loading' : session ? 'signedIn' : 'signedOut',
      session,
      connection: current,
      api,
      signIn,
      signOut,
    }),
    [loaded, session, current, api, signIn, signOut],
  );
  return <AppContext value={value}>{children}</AppContext>;
}
