import type { UserRecord } from '../storage/Storage';
import type { Logger } from '../observe/log';
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
    /**
     * Set by a handler serving an uploaded file as a page of its own (a public document): the policy it
     * needs instead of the app's (headers.ts).
     */
    contentSecurityPolicy?: string;
    /** The request's id (src/server/observe/requests.ts), in its log lines and X-Request-Id. */
    reqId?: string;
    /** The server's log, for what a handler has to tell the operator (unset in apps that do not log). */
    log?: Logger;
    /** What a push or pull did, for the metrics: results by status, or the changes a page sent. */
    sync?: { pushed?: Record<string, number>; pulled?: number };
  };
}

export type Clock = () => Date;
