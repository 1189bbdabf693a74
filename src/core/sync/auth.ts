import { z } from 'zod/mini';
import { PublicUser, Username } from '../records/user';

export const LoginRequest = z.object({
  username: Username,
  password: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: PublicUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = z.object({ user: PublicUser, projects: z.array(z.string()) });
export type MeResponse = z.infer<typeof MeResponse>;
