import { z } from 'zod/mini';
import { PublicUser } from '../../core/records/user';

/** The signed-in session as stored (sessionStore.ts), checked whenever it is read or written. */
export const Session = z.object({
  token: z.string().check(z.minLength(1)),
  expiresAt: z.iso.datetime(),
  user: PublicUser,
});
export type Session = z.infer<typeof Session>;
