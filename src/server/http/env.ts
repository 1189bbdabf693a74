import type { UserRecord } from '../storage/Storage';

/** Hono context variables set by the session middleware. */
export interface AppEnv {
  Variables: {
    user: UserRecord;
    tokenHash: string;
  };
}

export type Clock = () => Date;
