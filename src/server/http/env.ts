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
    /**
     * Set by a handler whose answer may be kept by the browser as its own Cache-Control says (a form's media
     * file): every other API answer is `no-store` (headers.ts).
     */
    cacheable?: boolean;
  };
}

export type Clock = () => Date;
