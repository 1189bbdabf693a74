import { z } from 'zod';
import { PublicUser, Username } from '../records/user';

export const LoginRequest = z.object({
  username: Username,
  password: z.string().min(1).max(200),
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
