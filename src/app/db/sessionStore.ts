import { Dexie, type Table } from 'dexie';
import { z } from 'zod/mini';
import { PublicUser } from '../../core/records/user';

/**
 * The signed-in session, kept in its own small database so it survives offline reloads: an agent days away
 * from network must reopen the app and keep collecting. An expired session is still returned; the server
 * answers 401 on the next sync and the UI asks to sign in again, while local work goes on.
 */
export const Session = z.object({
  token: z.string().check(z.minLength(1)),
  expiresAt: z.iso.datetime(),
  user: PublicUser,
});
export type Session = z.infer<typeof Session>;

interface SessionRow {
  key: 'current';
  session: Session;
}

class SessionDb extends Dexie {
  declare readonly session: Table<SessionRow, 'current'>;

  constructor() {
    super('terrain-session');
    this.version(1).stores({ session: 'key' });
  }
}

let db: SessionDb | null = null;

function sessionDb(): SessionDb {
  db ??= new SessionDb();
  return db;
}

export async function loadSession(): Promise<Session | null> {
  const row = await sessionDb().session.get('current');
  if (!row) return null;
  // A stored row from an older build that no longer parses is treated as signed out, not as a crash.
  const parsed = Session.safeParse(row.session);
  return parsed.success ? parsed.data : null;
}

export async function saveSession(session: Session): Promise<void> {
  await sessionDb().session.put({ key: 'current', session: Session.parse(session) });
}

export async function clearSession(): Promise<void> {
  await sessionDb().session.delete('current');
}
