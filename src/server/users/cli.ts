import { parseArgs } from 'node:util';
import { ROLES } from '../../core/records/user';
import { AccountError } from '../accounts';
import type { PasswordCost } from '../auth/passwords';
import type { Storage } from '../storage/Storage';
import { disableUser, enableUser, leaveProjects, resetPassword, revokeTokens, setUserRole } from './commands';

/** The `users` subcommands of this folder, as src/server/cli.ts lists them in its usage. */
export const USERS_ADMIN_USAGE = `  users disable <username>      refuse the account's sign-ins and end its sessions at once
  users enable <username>       let a disabled account sign in again
  users reset-password <username> [--password P]
                                set a new password (ends the account's sessions); without --password a
                                one-time password is generated and printed once
  users role <username> <role>  change the account's role (${ROLES.join(', ')}); holds from its next request
  users leave <username> --project ID [--project ID ...]
                                end memberships: no more pulls, pushes, media or exports of those projects
  users tokens revoke <username>
                                end every open session of the account (it may sign in again)`;

export const USERS_ADMIN_COMMANDS = ['disable', 'enable', 'reset-password', 'role', 'leave', 'tokens'];

export interface UsersCliIo {
  out: (line: string) => void;
  now?: () => Date;
  /** Tests pass TEST_PASSWORD_COST. */
  passwordCost?: PasswordCost;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One positional <username> (and `extra` more), or an AccountError that cli.ts shows with the usage. */
function positionals(command: string, args: string[], count: number, options = {}) {
  const parsed = parseArgs({ args, allowPositionals: true, options });
  if (parsed.positionals.length !== count)
    throw new AccountError(`users ${command} takes ${count === 1 ? 'one <username>' : '<username> <role>'}`);
  return parsed;
}

/**
 * Runs `users <command> …` for one of USERS_ADMIN_COMMANDS (argv without `users`). Bad arguments and unknown
 * accounts or projects throw an AccountError, which cli.ts shows with the usage (exit 2).
 */
export async function usersAdminCommand(argv: string[], storage: Storage, io: UsersCliIo): Promise<void> {
  const [command = '', ...args] = argv;
  const now = io.now?.() ?? new Date();
  const { out } = io;
  switch (command) {
    case 'disable': {
      const [username = ''] = positionals(command, args, 1).positionals;
      const { changed, revokedTokens } = await disableUser(storage, username, now);
      out(
        `${username} ${changed ? 'is disabled' : 'was disabled already'}; ${plural(revokedTokens, 'session')} ended.`,
      );
      return;
    }
    case 'enable': {
      const [username = ''] = positionals(command, args, 1).positionals;
      const { changed } = await enableUser(storage, username, now);
      out(changed ? `${username} is enabled: they may sign in again.` : `${username} was not disabled.`);
      return;
    }
    case 'reset-password': {
      const { positionals: names, values } = positionals(command, args, 1, { password: { type: 'string' } });
      const username = names[0] ?? '';
      const password = (values as { password?: string }).password;
      const reset = await resetPassword(storage, username, now, { password, cost: io.passwordCost });
      out(`New password set for ${username}; ${plural(reset.revokedTokens, 'session')} ended.`);
      if (reset.generated) out(`One-time password for ${username} (shown once): ${reset.password}`);
      return;
    }
    case 'role': {
      const [username = '', role = ''] = positionals(command, args, 2).positionals;
      const { before, after } = await setUserRole(storage, username, role, now);
      out(before === after ? `${username} is ${after} already.` : `${username}: role ${before} → ${after}.`);
      return;
    }
    case 'leave': {
      const { positionals: names, values } = positionals(command, args, 1, {
        project: { type: 'string', multiple: true },
      });
      const username = names[0] ?? '';
      const projects = (values as { project?: string[] }).project ?? [];
      const { left, notMember } = await leaveProjects(storage, username, projects, now);
      if (left.length > 0) out(`${username} left ${left.join(', ')}.`);
      if (notMember.length > 0) out(`${username} was not a member of ${notMember.join(', ')}.`);
      const user = await storage.userByUsername(username);
      if (user?.role === 'admin') out(`Note: ${username} is an admin, who sees every project anyway.`);
      return;
    }
    case 'tokens': {
      if (args[0] !== 'revoke') throw new AccountError('users tokens: use "users tokens revoke <username>"');
      const [username = ''] = positionals('tokens revoke', args.slice(1), 1).positionals;
      const revoked = await revokeTokens(storage, username, now);
      out(`${username}: ${plural(revoked, 'session')} ended.`);
      return;
    }
    default:
      throw new AccountError(`users: unknown command ${command}`);
  }
}
