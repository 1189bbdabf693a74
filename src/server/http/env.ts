import type { UserRecord } from '../storage/Storage';
import type { ClientInfo } from './clientInfo';

/** Hono context variables: `client` for every request, the others set by the session middleware. */
export interface AppEnv {
  Variables: {
    client: ClientInfo;
    user: UserRecord;
    tokenHash: string;
    /** The device the session registered (POST /api/devices), or null: it acts for that device only. */
    tokenClientId: string | null;
  };
}

export type Clock = () => Date;
