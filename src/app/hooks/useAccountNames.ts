import { useEffect, useState } from 'react';
import { userAdminApi } from '../api/userAdmin';
import { useOnline } from './useOnline';
import { useSignedIn } from './useSignedIn';

/**
 * The display names of the accounts the user manages or sees (supervisors and admins), from the users API
 * when online; empty offline or on failure, where the caller shows what it has (ids). The signed-in user's
 * own name is always there.
 */
export function useAccountNames(): Map<string, string> {
  const { api, session } = useSignedIn();
  const online = useOnline();
  const [names, setNames] = useState(() => new Map([[session.user.id, session.user.displayName]]));
  useEffect(() => {
    if (!online) return;
    let live = true;
    userAdminApi(api)
      .list()
      .then((answer) => {
        if (live)
          setNames(
            new Map([
              [session.user.id, session.user.displayName],
              ...answer.users.map((u) => [u.id, u.displayName] as const),
            ]),
          );
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, online, session.user.id, session.user.displayName]);
  return names;
}
