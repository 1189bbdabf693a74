import {
  UserActionResponse,
  UsersResponse,
  type CreateUserRequest,
  type MembershipRequest,
} from '../../core/sync/userAdmin';
import type { Role } from '../../core/records/user';
import type { ApiClient } from './client';

/**
 * The requests of the users and devices page (src/server/routes/users.ts), kept out of client.ts so that
 * they load with the page, not with the field agent's app.
 */
export type UserOperation =
  | { op: 'disable' }
  | { op: 'enable' }
  | { op: 'password' }
  | { op: 'role'; role: Role }
  | { op: 'projects'; change: MembershipRequest };

export const userAdminApi = (api: ApiClient) => ({
  list: () => api.json(UsersResponse, 'GET', '/api/users'),
  create: (request: CreateUserRequest) => api.json(UserActionResponse, 'POST', '/api/users', request),
  operate: (userId: string, operation: UserOperation) => {
    const body =
      operation.op === 'role'
        ? { role: operation.role }
        : operation.op === 'projects'
          ? operation.change
          : {};
    const path = `/api/users/${encodeURIComponent(userId)}/${operation.op}`;
    return api.json(UserActionResponse, 'POST', path, body);
  },
  revokeDevice: (clientId: string) =>
    api.json(UserActionResponse, 'POST', `/api/users/devices/${encodeURIComponent(clientId)}/revoke`, {}),
});
export type UserAdminApi = ReturnType<typeof userAdminApi>;
