import { createContext } from 'react';
import type { ApiClient } from '../api/client';
import type { TerrainDb } from '../db/TerrainDb';
import type { Session } from '../db/sessionStore';
import type { SyncEngine } from '../sync/SyncEngine';

/**
 * What a signed-in user works with: their own database, the engine that syncs it, and the API client (for
 * the few pages that ask the server directly: conflicts, import).
 */
export interface UserConnection {
  userId: string;
  db: TerrainDb;
  engine: SyncEngine;
  api: ApiClient;
}

/** Why the sign-in page shows: this device's data was destroyed (revoked) or removed by the user. */
export type AppNotice = 'revoked' | 'removed' | null;

export interface AppValue {
  /**
   * `loading` until the stored session has been read; `locked` while a session exists but its data key is
   * not in memory (after a reload, an idle time): the unlock page shows, and nothing else.
   */
  status: 'loading' | 'signedOut' | 'locked' | 'signedIn';
  session: Session | null;
  connection: UserConnection | null;
  notice: AppNotice;
  signIn: (username: string, password: string) => Promise<void>;
  /** Unlock the stored session with the password (offline once the user signed in here online). */
  unlock: (password: string) => Promise<void>;
  /** Drop the data key from memory; the session stays. */
  lock: () => void;
  /** Lock and forget the session on this device. The user's sealed database is kept. */
  signOut: () => Promise<void>;
  /**
   * Remove the signed-in user's data from this device and sign out; false (nothing done) while data the
   * server does not have is there, unless `exported` is the fingerprint of its export (vault/erase.ts).
   */
  removeMyData: (exported: string | null) => Promise<boolean>;
}

export const AppContext = createContext<AppValue | null>(null);
