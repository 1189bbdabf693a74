import { describe, expect, it } from 'vitest';
import { createDraft, saveDraftAnswers } from '../../../src/app/repositories/drafts';
import { readEntry } from '../../../src/app/vault/keyring';
import { openSealedDb } from '../../../src/app/vault/openSealedDb';
import {
  changePassword,
  freshPasswordKey,
  throttleDelayMs,
  unlockOffline,
  unlockOnline,
  VaultError,
} from '../../../src/app/vault/unlock';
import { formRecord } from '../fixtures';

const PASSWORD = 'trois-chevres-sous-la-pluie';
const secret = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');

/** A user signed in online once: their entry made, a draft saved under their key. Returns the draft's id. */
async function userWithData(userId: string, password = PASSWORD, serverSecret = secret()) {
  const { key } = await unlockOnline(userId, password, serverSecret, 15);
  const db = await openSealedDb(userId, key, `vault-${userId}`);
  await db.forms.put(formRecord());
  const draft = await createDraft(db, formRecord());
  await saveDraftAnswers(db, draft.id, { notes: 'Mariam, 3 enfants' });
  db.close();
  return { draftId: draft.id, serverSecret };
}

async function readDraft(userId: string, key: CryptoKey, id: string) {
  const db = await openSealedDb(userId, key, `vault-${userId}`);
  try {
    return (await db.drafts.get(id))?.answers;
  } finally {
    db.close();
  }
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'unlocked',
    (error: unknown) => (error instanceof VaultError ? error.code : String(error)),
  );

describe('the vault', () => {
  it('a first sign-in uses the password key derived while the server checked the password', async () => {
    const userId = `u-${crypto.randomUUID()}`;
    const fresh = freshPasswordKey(PASSWORD);
    const { key } = await unlockOnline(userId, PASSWORD, secret(), 15, fresh);
    expect((await readEntry(userId))?.kdf.salt).toEqual(fresh.kdf.salt);
    const db = await openSealedDb(userId, key, `vault-${userId}`);
    const draft = await createDraft(db, formRecord());
    db.close();
    const again = await unlockOffline(userId, PASSWORD);
    const reopened = await openSealedDb(userId, again.key, `vault-${userId}`);
    expect((await reopened.drafts.get(draft.id))?.id).toBe(draft.id);
    reopened.close();
    // A later sign-in keeps the entry as it is: a key derived in advance then goes unused.
    const unused = freshPasswordKey(PASSWORD);
    await unlockOnline(userId, PASSWORD, secret(), 15, unused);
    expect((await readEntry(userId))?.kdf.salt).toEqual(fresh.kdf.salt);
  });

  it('round trip: unlocks offline with the password and opens what was sealed before', async () => {
    const userId = `u-${crypto.randomUUID()}`;
    const { draftId } = await userWithData(userId);
    const { key, idleLockMinutes } = await unlockOffline(userId, PASSWORD);
    expect(idleLockMinutes).toBe(15);
    expect(await readDraft(userId, key, draftId)).toEqual({ notes: 'Mariam, 3 enfants' });
    // In memory only, and not extractable: no script can read its bytes.
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    const entry = await readEntry(userId);
    expect(JSON.stringify(entry)).not.toContain(PASSWORD);
  });

  it('refuses a wrong password, and throttles guesses with growing delays', async () => {
    const userId = `u-${crypto.randomUUID()}`;
    await userWithData(userId);
    const now = Date.now();
    expect(await codeOf(unlockOffline(userId, 'mauvais-mot-de-passe', now))).toBe('wrong_password');
    expect(await codeOf(unlockOffline(userId, 'mauvais-mot-de-passe', now))).toBe('wrong_password');
    const third = await unlockOffline(userId, 'encore-faux-mot-de-passe', now).catch((e: VaultError) => e);
    expect(third).toMatchObject({ code: 'wrong_password', retryAt: now + 30_000 });
    // Even the right password waits, without being tried.
    expect(await codeOf(unlockOffline(userId, PASSWORD, now + 1_000))).toBe('throttled');
    const fourth = await unlockOffline(userId, 'faux', now + 30_000).catch((e: VaultError) => e);
    expect(fourth).toMatchObject({ code: 'wrong_password', retryAt: now + 30_000 + 60_000 });
    expect(await codeOf(unlockOffline(userId, PASSWORD, now + 90_000))).toBe('unlocked');
    expect(await readEntry(userId)).toMatchObject({ failures: 0, retryAt: 0 });
    expect([0, 1, 2, 3, 4, 5, 9, 30].map(throttleDelayMs)).toEqual([
      0, 0, 0, 30_000, 60_000, 120_000, 900_000, 900_000,
    ]);
  });

  it('says when no user of that id ever signed in here', async () => {
    expect(await codeOf(unlockOffline('nobody', PASSWORD))).toBe('no_vault');
  });

  it('re-wraps the data key on a password change: the data stays, the old password no longer opens it', async () => {
    const userId = `u-${crypto.randomUUID()}`;
    const { draftId } = await userWithData(userId);
    await changePassword(userId, PASSWORD, 'nouvelle-phrase-de-passe-longue');
    expect(await codeOf(unlockOffline(userId, PASSWORD))).toBe('wrong_password');
    const { key } = await unlockOffline(userId, 'nouvelle-phrase-de-passe-longue');
    expect(await readDraft(userId, key, draftId)).toEqual({ notes: 'Mariam, 3 enfants' });
  });

  it("keeps the data through an operator's password reset, by the server's secret at the next online sign-in", async () => {
    const userId = `u-${crypto.randomUUID()}`;
    const { draftId, serverSecret } = await userWithData(userId);
    const reset = 'mot-de-passe-donne-par-operateur';
    const { key } = await unlockOnline(userId, reset, serverSecret, 10);
    expect(await readDraft(userId, key, draftId)).toEqual({ notes: 'Mariam, 3 enfants' });
    // From now on the new password unlocks offline, the old one does not.
    expect(await unlockOffline(userId, reset)).toMatchObject({ idleLockMinutes: 10 });
    expect(await codeOf(unlockOffline(userId, PASSWORD))).toBe('wrong_password');
  });

  it('opens nothing with a wrong password and another secret', async () => {
    const userId = `u-${crypto.randomUUID()}`;
    await userWithData(userId);
    expect(await codeOf(unlockOnline(userId, 'pas-le-bon-mot-de-passe', secret()))).toBe('vault_mismatch');
  });
});
