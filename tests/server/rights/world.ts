import { randomUUID } from 'node:crypto';
import { encodeHlc } from '../../../src/core/hlc';
import { Project } from '../../../src/core/records/project';
import type { Role } from '../../../src/core/records/user';
import type { MutationResult, WireMutation } from '../../../src/core/sync/protocol';
import { createAccount } from '../../../src/server/accounts';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { putServerRecord } from '../../../src/server/catalog';
import { DEMO_FORM } from '../../../src/server/seed/demoForm';
import { disableUser } from '../../../src/server/users/commands';
import type { Backend } from '../backends';
import {
  newClientId,
  OTHER_PROJECT,
  PASSWORD,
  publishDefinition,
  setupServer,
  submission,
  type RequestOptions,
  type TestServer,
} from '../harness';
import { PHOTO_FORM } from '../media/photoForm';
import type { Column, Outcome } from './rightsTable';

const START = Date.parse('2026-11-24T08:00:00.000Z');

/** The account of each column; `other project` supervises another project only, `disabled` was disabled. */
const ACCOUNTS: Record<Column, string | null> = {
  agent: 'agent',
  'focal point': 'focal',
  supervisor: 'supervisor',
  admin: 'admin',
  'other project': 'othersup',
  disabled: 'gone',
  'signed out': null,
};

export interface PushOutcome {
  status: number;
  results: MutationResult[];
}

/**
 * A real server, its accounts, and fresh projects to act on: each act gets a project of its own (project A of
 * the table) whose members are the agent, a second agent, the focal point, the supervisor and the disabled
 * supervisor, so that no act sees another's leftovers.
 */
export class RightsWorld {
  private tokens = new Map<Column, string | null>();
  private projects = 0;
  private clock = 0;

  private constructor(readonly server: TestServer) {}

  static async create(backend: Backend): Promise<RightsWorld> {
    const server = await setupServer(backend);
    const world = new RightsWorld(server);
    await server.storage.transaction(async (tx) => {
      const extra: [string, Role, string[]][] = [
        ['othersup', 'supervisor', [OTHER_PROJECT]],
        ['gone', 'supervisor', []],
      ];
      for (const [username, role, projectIds] of extra)
        await createAccount(
          tx,
          { username, displayName: username, role, password: PASSWORD, projectIds },
          server.clock.now,
          TEST_PASSWORD_COST,
        );
    });
    // Sessions of their own (the harness's cached ones are for setting things up).
    for (const [column, username] of Object.entries(ACCOUNTS) as [Column, string | null][])
      world.tokens.set(column, username ? await world.signIn(username) : null);
    await disableUser(server.storage, 'gone', server.clock.now);
    return world;
  }

  username(column: Column): string | null {
    return ACCOUNTS[column];
  }

  private async signIn(username: string): Promise<string> {
    const res = await this.server.request('/api/auth/login', { json: { username, password: PASSWORD } });
    if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status}`);
    return ((await res.json()) as { token: string }).token;
  }

  async userId(username: string): Promise<string> {
    const user = await this.server.storage.userByUsername(username);
    if (!user) throw new Error(`no account ${username}`);
    return user.id;
  }

  /** A new project A (with its own reporting organisation, IATI-ready) and its forms; returns its id. */
  async project(options: { organisationId?: string; members?: string[] } = {}): Promise<string> {
    const id = `projet-${++this.projects}`;
    const at = this.server.clock.now;
    const organisationId = options.organisationId ?? `org-${id}`;
    const members = options.members ?? ['agent', 'agent2', 'focal', 'supervisor', 'gone'];
    const memberIds = await Promise.all(members.map((m) => this.userId(m)));
    await this.server.storage.transaction(async (tx) => {
      if (!options.organisationId)
        await putServerRecord(
          tx,
          'organisations',
          { id: organisationId, name: `Org ${id}`, acronym: '', iatiId: `XM-${id}`, type: '21' },
          null,
          at,
        );
      // The membership anchor names no account organisation; the reporting one is a coordination record.
      await tx.ensureProjectRow(id, null, at.toISOString());
      const project = Project.parse({
        id,
        code: id.toUpperCase(),
        title: { fr: id },
        organisationId,
        status: 'active',
        plannedStart: '2026-01-01',
        sectors: [{ code: '15110', percentage: 100 }],
      });
      await putServerRecord(tx, 'projects', project, null, at);
      for (const userId of memberIds) await tx.addProjectMember(id, userId);
    });
    await publishDefinition(this.server.storage, DEMO_FORM, at, id);
    await publishDefinition(this.server.storage, PHOTO_FORM, at, id);
    return id;
  }

  /** A mutation at a fresh clock in the past (never clamped), or at `wall` ms after START. */
  change(
    clientId: string,
    seq: number,
    table: string,
    id: string,
    fields: Record<string, unknown>,
    options: { op?: 'put' | 'delete'; wall?: number } = {},
  ): WireMutation {
    const wall = options.wall ?? START - 1_000_000 + ++this.clock;
    return {
      mutationId: randomUUID(),
      clientId,
      seq,
      hlc: encodeHlc({ wall, counter: 0, node: clientId }),
      table,
      id,
      op: options.op ?? 'put',
      fields,
    };
  }

  /**
   * A request with a new session of the column's account, for acts that change the session itself (signing
   * out ends it, registering a device binds it); the disabled and signed-out columns have none to open.
   */
  async requestAfresh(column: Column, path: string, options: RequestOptions = {}): Promise<Response> {
    const username = this.username(column);
    if (!username || column === 'disabled') return this.request(column, path, options);
    return this.server.request(path, { ...options, token: await this.signIn(username) });
  }

  /** A request with the column's session (none for `signed out`). */
  request(column: Column, path: string, options: RequestOptions = {}): Promise<Response> {
    const token = this.tokens.get(column);
    return this.server.request(path, { ...options, ...(token ? { token } : {}) });
  }

  /** Pushes `mutations` (protocol 4: reject codes such as `in_use` come through) as the column. */
  async push(column: Column, clientId: string, mutations: WireMutation[]): Promise<PushOutcome> {
    const res = await this.request(column, '/api/sync/push', { json: { protocol: 4, clientId, mutations } });
    const body = (await res.json()) as { results?: MutationResult[] };
    return { status: res.status, results: body.results ?? [] };
  }

  /** Pushes one change as the column, with a device of its own. */
  pushOne(column: Column, make: (clientId: string) => WireMutation): Promise<PushOutcome> {
    const clientId = newClientId();
    return this.push(column, clientId, [make(clientId)]);
  }

  /** A submission of `username` in the project, set up behind the scenes; returns its id. */
  async submissionBy(username: string, projectId: string): Promise<string> {
    const clientId = newClientId();
    const m = submission(clientId, 1, { fields: { projectId } });
    const { body } = await this.server.push(username, clientId, [m]);
    if (body.results[0]?.status !== 'applied') throw new Error(`set-up submission: ${JSON.stringify(body)}`);
    return m.id;
  }

  /** A change made behind the scenes by `username` (setting up what an act needs). */
  async setUp(username: string, make: (clientId: string) => WireMutation): Promise<void> {
    const clientId = newClientId();
    const { body } = await this.server.push(username, clientId, [make(clientId)], 4);
    const status = body.results[0]?.status;
    // `conflict` is applied too, its lost values logged (what the conflict acts set up).
    if (status !== 'applied' && status !== 'conflict')
      throw new Error(`set-up by ${username}: ${JSON.stringify(body)}`);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

/** The outcome of an HTTP act: the session refused, allowed (2xx), or refused (403, 404). */
export function httpOutcome(res: Response): Outcome {
  if (res.status === 401) return '401';
  if (res.status >= 200 && res.status < 300) return '✓';
  if (res.status === 403 || res.status === 404) return '✗';
  throw new Error(`unexpected ${res.status} for ${res.url}`);
}

/** The outcome of one pushed change: applied, refused for rights, refused as in use, or a set-up mistake. */
export function pushOutcome(pushed: PushOutcome): Outcome {
  if (pushed.status === 401) return '401';
  if (pushed.status === 403) return '✗';
  const [result] = pushed.results;
  if (pushed.status !== 200 || !result) throw new Error(`push answered ${pushed.status}`);
  if (result.status === 'applied' || result.status === 'conflict') return '✓';
  if (result.status === 'rejected' && result.code === 'forbidden') return '✗';
  if (result.status === 'rejected' && (result.code as string) === 'in_use') return 'in use';
  throw new Error(`push result not about rights: ${JSON.stringify(result)}`);
}

/** `own` when the agent may act on their own record but not on a colleague's. */
export function ownOutcome(onOwn: Outcome, onColleagues: Outcome): Outcome {
  if (onOwn === '✓' && onColleagues === '✗') return 'own';
  return onColleagues;
}
