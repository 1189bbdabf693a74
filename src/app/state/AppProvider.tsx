import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { openTerrainDb } from '../db/TerrainDb';
import { clearSession, loadSession, saveSession, type Session } from '../db/sessionStore';
import { requestPersistentStorage } from '../pwa/storage';
import { AppContext, type AppValue, type UserConnection } from './appContext';

const LOGOUT_WAIT_MS = 3000;

const loadSync = () => import('./syncModule');

/**
 * Holds the session, the user's database, the api client and the sync engine. The engine exists only while a
 * session does; it is started in an effect and stopped in its cleanup.
 */
export function AppProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [connection, setConnection] = useState<UserConnection | null>(null);
  const tokenRef = useRef<string | null>(null);

  const api = useMemo(
    () => loadSync().then(({ createApiClient }) => createApiClient({ getToken: () => tokenRef.current })),
    [],
  );

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
    let live = true;
    const db = openTerrainDb(userId);
    const started = Promise.all([loadSync(), api]).then(([{ SyncEngine }, client]) => {
      if (!live) return null;
      const engine = new SyncEngine({ db, api: client });
      setConnection({ userId, db, engine, api: client });
      engine.start();
      return engine;
    });
    // The chunk is precached with the shell; should it still fail, the user's data is untouched and a
    // reload retries.
    started.catch(() => undefined);
    return () => {
      live = false;
      setConnection(null);
      void started
        .catch(() => null)
        .then((engine) => {
          engine?.stop();
          db.close();
        });
    };
  }, [userId, api]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const response = await (await api).login({ username, password });
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
    const logout = api.then((client) => client.logout()).catch(() => undefined);
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
      signIn,
      signOut,
    }),
    [loaded, session, current, signIn, signOut],
  );
  return <AppContext value={value}>{children}</AppContext>;
}
