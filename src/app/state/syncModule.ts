/**
 * Everything that talks to the server, as one lazily loaded chunk. Opening the app and filling a form work
 * offline without it, so it loads right after the first screen rather than before it: that keeps the field
 * agent's start-up JavaScript within budget on a 3G link (GUIDE §4). The service worker precaches it, so it
 * is there offline too.
 */
export { createApiClient } from '../api/client';
export { SyncEngine } from '../sync/SyncEngine';
