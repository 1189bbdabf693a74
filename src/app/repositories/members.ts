import type { Role } from '../../core/records/user';
import type { TerrainDb } from '../db/TerrainDb';

/** A person as the app names them: their display name, username and role. */
export interface Person {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
}

/**
 * The people of the user's projects, by account id (one entry per account: a person is a member of several
 * projects under one name and role). Read from the pulled `members` table (src/core/records/member.ts).
 */
export async function peopleById(db: TerrainDb): Promise<Map<string, Person>> {
  const rows = await db.members.toArray();
  return new Map(
    rows.map((m) => [
      m.userId,
      { userId: m.userId, username: m.username, displayName: m.displayName, role: m.role },
    ]),
  );
}
