import { hash, verify, type Algorithm } from '@node-rs/argon2';

export interface PasswordCost {
  /** KiB of memory per hash. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's argon2id baseline (19 MiB, 2 passes): about 30 ms per login on the small servers we target. */
export const DEFAULT_PASSWORD_COST: PasswordCost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
/** For tests only: verification reads the cost from the hash, so cheap hashes keep test suites fast. */
export const TEST_PASSWORD_COST: PasswordCost = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

// A const enum cannot be read under isolatedModules; 2 is Argon2id in @node-rs/argon2.
const ARGON2ID = 2 as Algorithm;

export function hashPassword(password: string, cost: PasswordCost = DEFAULT_PASSWORD_COST): Promise<string> {
  return hash(password, { ...cost, algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends one verification when the username is unknown, so the response time does not tell an attacker
 * which usernames exist.
 */
export async function spendDummyVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('terrain-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}
