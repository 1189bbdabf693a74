import { useCallback, useEffect, useMemo, useState } from 'react';
import type { UserActionResponse, UsersResponse } from '../../core/sync/userAdmin';
import { ApiError, NetworkError } from '../api/errors';
import { userAdminApi, type UserAdminApi } from '../api/userAdmin';
import { useOnline } from './useOnline';
import { useSignedIn } from './useSignedIn';

export interface UserAdminState {
  /** Null until loaded. */
  data: UsersResponse | null;
  online: boolean;
  /**
   * What failed last: `network` when the server could not be reached; `reason` a refusal the page says in
   * its language (a weak password, a taken username, a right the viewer lacks); else the server's message.
   */
  error: { network: boolean; reason: UserAdminRefusal | null; message: string } | null;
  /** Runs one operation, then reloads the list; its answer, or null when it failed (see `error`). */
  run: (fn: (api: UserAdminApi) => Promise<UserActionResponse>) => Promise<UserActionResponse | null>;
}

const REFUSALS = ['invalid_username', 'weak_password', 'username_taken', 'unknown_project'] as const;
export type UserAdminRefusal = (typeof REFUSALS)[number] | 'forbidden';

function reasonOf(error: unknown): UserAdminRefusal | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 403) return 'forbidden';
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return REFUSALS.find((r) => r === reason) ?? null;
}

const failureOf = (error: unknown) => ({
  network: error instanceof NetworkError,
  reason: reasonOf(error),
  message: error instanceof Error ? error.message : String(error),
});

/**
 * The server's accounts and devices as the viewer may manage them. They live on the server only, so this
 * page needs the network: it loads when online, and again when the network comes back.
 */
export function useUserAdmin(): UserAdminState {
  const { api } = useSignedIn();
  const online = useOnline();
  const admin = useMemo(() => userAdminApi(api), [api]);
  const [data, setData] = useState<UsersResponse | null>(null);
  const [error, setError] = useState<UserAdminState['error']>(null);

  const load = useCallback(async () => {
    try {
      setData(await admin.list());
      setError(null);
    } catch (failure) {
      setError(failureOf(failure));
    }
  }, [admin]);

  useEffect(() => {
    if (online) void load();
  }, [load, online]);

  const run = useCallback<UserAdminState['run']>(
    async (fn) => {
      try {
        const answer = await fn(admin);
        setError(null);
        await load();
        return answer;
      } catch (failure) {
        setError(failureOf(failure));
        return null;
      }
    },
    [admin, load],
  );

  return { data, online, error, run };
}
