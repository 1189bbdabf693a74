import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiClient } from '../api/client';
import { clearSession, loadSession, saveSession, type Session } from '../db/sessionStore';
import { flushPendingSaves } from '../pwa/pendingSaves';
import { requestPersistentStorage } from '../pwa/storage';
import type { Unlocked } from '../vault/unlock';
import { AppContext, type AppNotice, type AppValue, type UserConnection } from './appContext';

const LOGOUT_WAIT_MS = 3000;
const LOCKED_SEND_MS = 2 * 60 * 1000;

import { loadSync, loadVault } from './prefetch';

/**
 * Holds the session, the unlocked data key, the user's database, the api client and the sync engine. The
 * key lives only here, in memory: a reload, an idle time, a sign-out drop it, and the app is locked until
 * the password is typed again. The database and engine exist only while unlocked; they are started in an
 * effect and stopped in its cleanup.
 */
export function AppProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [unlocked, setUnlocked] = useState<(Unlocked & { userId: string }) | null>(null);
  const [connection, setConnection] = useState<UserConnection | null>(null);
  const [notice, setNotice] = useState<AppNotice>(null);
  const tokenRef = useRef<string | null>(null);

  // Made on first use: a signed-out user's first screen does not wait for the sync code.
  const apiRef = useRef<Promise<ApiClient> | null>(null);
  const api = useCallback(
    () =>
      (apiRef.current ??= loadSync().then(({ createApiClient }) =>
        createApiClient({ getToken: () => tokenRef.current }),
      )),
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

  const lock = useCallback(() => {
    // Answers typed in the last moments are saved before the database closes.
    void flushPendingSaves().finally(() => setUnlocked(null));
  }, []);

  const forget = useCallback(async (why: AppNotice) => {
    await clearSession();
    tokenRef.current = null;
    setUnlocked(null);
    setSession(null);
    setNotice(why);
  }, []);

  const userId = session?.user.id ?? null;
  const key = unlocked && unlocked.userId === userId ? unlocked : null;
  useEffect(() => {
    if (!userId || !key) return;
    let live = true;
    const started = Promise.all([loadVault(), api()]).then(async ([vault, client]) => {
      const handle = await vault.startUnlocked(userId, key, client, {
        onLock: lock,
        onRevoked: () => void forget('revoked'),
      });
      if (!live) handle.stop();
      else setConnection({ userId, db: handle.db, engine: handle.engine, api: client });
      return handle;
    });
    // The chunks are precached with the shell; should one still fail, the data is untouched and a reload
    // (which asks for the password again) retries.
    started.catch(() => undefined);
    return () => {
      live = false;
      setConnection(null);
      void started.then((handle) => handle.stop()).catch(() => undefined);
    };
  }, [userId, key, api, lock, forget]);

  // Locked (a session, no key): what waits sealed to the server still goes, now and whenever the network
  // comes back (src/app/vault/sealedOutbox.ts). A revoked account or device shreds the data after sending.
  useEffect(() => {
    if (!userId || key) return;
    let live = true;
    const send = () =>
      void Promise.all([loadVault(), api()])
        .then(([vault, client]) => vault.sendWhileLocked(userId, client))
        .then((outcome) => {
          if (live && outcome === 'revoked') void forget('revoked');
        })
        .catch(() => undefined);
    send();
    const timer = setInterval(send, LOCKED_SEND_MS);
    addEventListener('online', send);
    return () => {
      live = false;
      clearInterval(timer);
      removeEventListener('online', send);
    };
  }, [userId, key, api, forget]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const [client, vault] = await Promise.all([api(), loadVault()]);
      const opened = await vault.signInAndUnlock(client, username, password);
      await saveSession(opened.session);
      tokenRef.current = opened.session.token;
      setNotice(null);
      setSession(opened.session);
      setUnlocked({ ...opened.unlocked, userId: opened.session.user.id });
      void requestPersistentStorage();
    },
    [api],
  );

  const unlock = useCallback(
    async (password: string) => {
      if (!session) return;
      const vault = await loadVault();
      const opened = await vault.unlockStored(session, password);
      // No key kept here for this user yet (an app of before the vault): the first sign-in is online.
      if (opened) setUnlocked({ ...opened, userId: session.user.id });
      else await signIn(session.user.username, password);
    },
    [session, signIn],
  );

  const signOut = useCallback(async () => {
    await flushPendingSaves();
    // Revoke the token if the server can be reached; offline, forgetting it locally is enough.
    const logout = api()
      .then((client) => client.logout())
      .catch(() => undefined);
    await Promise.race([logout, new Promise((resolve) => setTimeout(resolve, LOGOUT_WAIT_MS))]);
    await forget(null);
  }, [api, forget]);

  const current = connection && connection.userId === userId && key ? connection : null;
  const removeMyData = useCallback(
    async (exported: string | null) => {
      if (!current) return false;
      const vault = await loadVault();
      if (!(await vault.removeMyData(current.db, exported))) return false;
      await signOut();
      setNotice('removed');
      return true;
    },
    [current, signOut],
  );

  const value = useMemo<AppValue>(
    () => ({
      status: !loaded ? 'loading' : !session ? 'signedOut' : key ? 'signedIn' : 'locked',
      session,
      connection: current,
      notice,
      signIn,
      unlock,
      lock,
      signOut,
      removeMyData,
    }),
    [loaded, session, key, current, notice, signIn, unlock, lock, signOut, removeMyData],
  );
  return <AppContext value={value}>{children}</AppContext>;
}
