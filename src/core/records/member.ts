import { z } from 'zod/mini';
import { Role, Username } from './user';

/**
 * A project's member as every other member's device knows them (the read-only `members` table): who
 * collected, reviewed or corrected a record is shown by name and role, never as an account id. The server
 * writes one record per membership, in the project, so a device receives the people of its user's projects
 * only (the pull's project rule), and a tombstone when the membership ends; and one for each person who
 * wrote the project's records without being its member (an admin who reviewed or edited), in that project
 * only. Pulled, never pushed.
 */
export const Member = z.object({
  /** memberId(projectId, userId). */
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  projectId: z.string().check(z.minLength(1), z.maxLength(100)),
  userId: z.string().check(z.minLength(1), z.maxLength(100)),
  username: Username,
  displayName: z.string().check(z.minLength(1), z.maxLength(200)),
  role: Role,
});
export type Member = z.infer<typeof Member>;

/** The id of a membership's record: one per project and user. */
export function memberId(projectId: string, userId: string): string {
  return `${projectId}:${userId}`;
}
