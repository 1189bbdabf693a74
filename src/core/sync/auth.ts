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
  /**
   * The account's vault secret (base64url of 32 bytes): the device wraps its data key with it too, so that
   * its data survives a password reset (src/app/vault). Only in this answer, to a correct password.
   */
  vaultSecret: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/))),
  /** Minutes without use before the app locks itself (IDLE_LOCK_MINUTES; 15 by default). */
  idleLockMinutes: z.optional(z.number().check(z.positive())),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = z.object({
  user: PublicUser,
  projects: z.array(z.string()),
  idleLockMinutes: z.optional(z.number().check(z.positive())),
});

/**
 * Why a session ended for good, in `details.reason` of a 401: the account was disabled, or the device
 * revoked by an operator. A device told either destroys its readable copy of the user's data
 * (src/app/vault, crypto-shredding). Any other 401 (an expired or signed-out session) only asks to sign in.
 */
export const SESSION_END_REASONS = ['account_disabled', 'device_revoked'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];
export type MeResponse = z.infer<typeof MeResponse>;
