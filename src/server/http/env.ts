import type { UserRecord } from '../storage/Storage';
import type { ClientInfo } from './clientInfo';

/** Hono context variables: `client` for every request, `user` and `tokenHash` set by the session middleware. */
export interface AppEnv {
  Variables: {
    client: ClientInfo;
    user: UserRecord;
    tokenHash: string;
  };
}

export type Clock = () => Date;
