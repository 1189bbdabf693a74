import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountError, createAccount } from '../../../src/server/accounts';
import commonPasswords from '../../../src/server/auth/commonPasswords.json';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../../src/server/auth/passwordPolicy';
import { randomPassword } from '../../../src/server/seed/randomPassword';
import { DEMO_PASSWORD as PROCESS_PASSWORD } from '../../app/integration/serverProcess';
import { DEMO_PASSWORD as E2E_PASSWORD } from '../../e2e/harness/server';
import { backends, type TestDatabase } from '../backends';
import { PASSWORD } from '../harness';

describe('the password policy', () => {
  it('holds the 10,000 most common passwords, most common first, and says where they come from', () => {
    const list = commonPasswords.passwords.split('\n');
    expect(list).toHaveLength(10_000);
    expect(new Set(list).size).toBe(10_000);
    expect(list.slice(0, 4)).toEqual(['123456', 'password', '12345678', 'qwerty']);
    expect(commonPasswords.about).toMatch(/@zxcvbn-ts\/language-common 4\.1\.3.*MIT/s);
  });

  it('wants at least 12 characters, counted as people count them', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(passwordProblem('short-pw-01')).toMatch(/too short: at least 12/);
    expect(passwordProblem('long-enough1')).toBeNull();
    // Twelve characters outside the BMP are twelve characters, not twenty-four.
    expect(passwordProblem('🌍🌵🐪🌙⭐🏜🌍🌵🐪🌙⭐🏜')).toBeNull();
    expect(passwordProblem('🌍🌵🐪🌙⭐🏜')).toMatch(/too short/);
    expect(passwordProblem('x'.repeat(150) + 'y'.repeat(51) + 'zw')).toMatch(/too long/);
  });

  it('refuses the most common passwords, whatever their case, and with digits or symbols around them', () => {
    for (const common of [
      'qwerty123456',
      'QWERTY123456',
      '1qaz2wsx3edc',
      'password1234',
      'Soleil2026!!',
      '!!dragon!!!!',
    ])
      expect(passwordProblem(common), common).toMatch(/too common/);
    // A common word inside a longer passphrase is fine.
    expect(passwordProblem('soleil-sur-le-fleuve')).toBeNull();
  });

  it('refuses the username, and the username with digits around it', () => {
    expect(passwordProblem('moussa.maiga', 'Moussa.Maiga')).toMatch(/username/);
    expect(passwordProblem('moussa2026!!', 'moussa')).toMatch(/username/);
    expect(passwordProblem('moussa-au-marche', 'moussa')).toBeNull();
  });

  it('refuses a repeated pattern', () => {
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/repetitive/);
    expect(passwordProblem('121212121212')).toMatch(/repetitive/);
    expect(passwordProblem('abcabcabcabc')).toMatch(/repetitive/);
  });

  it('accepts every password the demo seed generates, and those the tests use', () => {
    for (let i = 0; i < 2000; i += 1) {
      const generated = randomPassword();
      expect(passwordProblem(generated, 'agent'), generated).toBeNull();
    }
    for (const used of [PASSWORD, PROCESS_PASSWORD, E2E_PASSWORD, 'bench-password', 'sample-pass-1'])
      expect(passwordProblem(used, 'agent'), used).toBeNull();
  });
});

describe.each(backends)('new accounts follow the password policy on $name', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await backend.create();
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  it('refuses a weak password with the reason, and creates nothing', async () => {
    const attempt = (password: string) =>
      createAccount(
        db.storage,
        { username: 'awa', displayName: 'Awa', role: 'agent', password },
        new Date(),
        TEST_PASSWORD_COST,
      );
    await expect(attempt('courte-01')).rejects.toThrow(AccountError);
    await expect(attempt('password1234')).rejects.toThrow(/too common/);
    await expect(attempt('awa-awa-awa-awa')).rejects.toThrow(/repetitive/);
    await expect(attempt('awa123456789')).rejects.toThrow(/username/);
    expect(await db.storage.userByUsername('awa')).toBeUndefined();
    await attempt('pirogue-sur-le-niger');
    expect(await db.storage.userByUsername('awa')).toBeDefined();
  });
});
