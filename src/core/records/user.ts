import { z } from 'zod/mini';

/**
 * Roles, from least to most power:
 * - agent: fills surveys in the projects they belong to; sees their own submissions.
 * - focal_point: reviews and corrects the data of their projects; sees every submission there.
 * - supervisor: manages projects, forms, indicators and users of their projects.
 * - admin: everything, in every project.
 */
export const ROLES = ['agent', 'focal_point', 'supervisor', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .check(
    z.trim(),
    z.minLength(2),
    z.maxLength(64),
    z.regex(/^[a-z0-9._-]+$/i, 'Username: letters, digits, dot, dash and underscore only'),
  );

export const PublicUser = z.object({
  id: z.string(),
  username: Username,
  displayName: z.string().check(z.minLength(1), z.maxLength(200)),
  role: Role,
  organisationId: z.nullable(z.string()),
});
export type PublicUser = z.infer<typeof PublicUser>;

/** True if `role` is at least as powerful as `atLeast`. */
export function hasRole(role: Role, atLeast: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(atLeast);
}
