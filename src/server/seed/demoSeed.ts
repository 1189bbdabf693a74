import type { Role } from '../../core/records/user';
import { createAccount } from '../accounts';
import { DEFAULT_PASSWORD_COST, type PasswordCost } from '../auth/passwords';
import { publishFormVersion, publishProject } from '../catalog';
import type { Storage, UserRecord } from '../storage/Storage';
import { DEMO_FORM, DEMO_ORGANISATION, DEMO_PROJECT } from './demoForm';
import { randomPassword } from './randomPassword';
import { seedSampleData } from './sampleData';

export interface DemoAccount {
  username: string;
  role: Role;
  password: string;
}

export interface DemoSeedResult {
  projectId: string;
  accounts: DemoAccount[];
}

export interface DemoSeedOptions {
  /** One password for every demo account; otherwise each gets a random one. */
  password?: string;
  now?: Date;
  /** Tests pass TEST_PASSWORD_COST. */
  passwordCost?: PasswordCost;
  /**
   * Adds the sample data (src/server/seed/sampleData.ts): organisations, four projects with indicators and
   * values, and some 300 household surveys. `npm start` and the seed command use it; tests mostly do not.
   */
  sampleData?: boolean;
}

const DEMO_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'admin', displayName: 'Administratrice ADN', role: 'admin' },
  { username: 'supervisor', displayName: 'Ibrahim Touré', role: 'supervisor' },
  { username: 'focal', displayName: 'Fatoumata Cissé', role: 'focal_point' },
  { username: 'agent', displayName: 'Moussa Maïga', role: 'agent' },
];

/**
 * Fills an empty database with the demo organisation, project, form and one account per role.
 * Returns null (and changes nothing) when any user exists. The caller shows the passwords once: they are
 * stored only as hashes.
 */
export async function seedDemo(
  storage: Storage,
  options: DemoSeedOptions = {},
): Promise<DemoSeedResult | null> {
  if ((await storage.countUsers()) > 0) return null;
  const at = options.now ?? new Date();
  const cost = options.passwordCost ?? DEFAULT_PASSWORD_COST;
  return storage.transaction(async (tx) => {
    await tx.insertOrganisation({ ...DEMO_ORGANISATION, createdAt: at.toISOString() });
    await publishProject(tx, DEMO_PROJECT, null, at);
    await publishFormVersion(
      tx,
      {
        formId: DEMO_FORM.id,
        version: DEMO_FORM.version,
        projectId: DEMO_PROJECT.id,
        publishedAt: at.toISOString(),
        definition: DEMO_FORM,
      },
      null,
      at,
    );
    const accounts: DemoAccount[] = [];
    const users = new Map<string, UserRecord>();
    for (const user of DEMO_USERS) {
      const password = options.password ?? randomPassword();
      const created = await createAccount(
        tx,
        { ...user, password, organisationId: DEMO_ORGANISATION.id, projectIds: [DEMO_PROJECT.id] },
        at,
        cost,
      );
      accounts.push({ username: user.username, role: user.role, password });
      users.set(user.username, created);
    }
    if (options.sampleData) {
      const get = (username: string) => users.get(username)!;
      await seedSampleData(
        tx,
        {
          agent: get('agent'),
          focal: get('focal'),
          supervisor: get('supervisor'),
          members: ['supervisor', 'focal', 'agent'].map(get),
        },
        at,
      );
    }
    return { projectId: DEMO_PROJECT.id, accounts };
  });
}

/** The accounts as a block of text to print once at first start. */
export function formatDemoAccounts(result: DemoSeedResult): string {
  const lines = result.accounts.map((a) => `  ${a.username.padEnd(12)} ${a.role.padEnd(12)} ${a.password}`);
  return [
    'Demo accounts created (passwords are shown this once only; write them down):',
    `  ${'username'.padEnd(12)} ${'role'.padEnd(12)} password`,
    ...lines,
  ].join('\n');
}
