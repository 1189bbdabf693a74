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

export interface AppValue {
  /** `loading` until the stored session has been read. */
  status: 'loading' | 'signedOut' | 'signedIn';
  session: Session | null;
  connection: UserConnection | null;
  signIn: (username: string, password: string) => Promise<void>;
  /** Forget the session on this device. The user's local database is kept. */
  signOut: () => Promise<void>;
}

export const AppContext = createContext<AppValue | null>(null);
