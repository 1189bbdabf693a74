import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/app/api/errors';
import { createDraft, deleteDraft } from '../../../src/app/repositories/drafts';
import { removeMyData, shredUser, unsentState } from '../../../src/app/vault/erase';
import { readEntry } from '../../../src/app/vault/keyring';
import { openSealedDb } from '../../../src/app/vault/openSealedDb';
import { isRevocation } from '../../../src/app/vault/session';
import { unlockOffline, unlockOnline, VaultError } from '../../../src/app/vault/unlock';
import { formRecord } from '../fixtures';
import { createHarness } from '../sync/harness';

const PASSWORD = 'cinq-mangues-sur-la-table';

async function signedInUser() {
  const userId = `u-${crypto.randomUUID()}`;
  const { key } = await unlockOnline(userId, PASSWORD, undefined);
  const db = await openSealedDb(userId, key);
  await db.forms.put(formRecord());
  return { userId, db };
}

const exists = (name: string) => Dexie.exists(name);

describe('removing my data from this device', () => {
  it('refuses while a draft is not on the server, unless exported since it last changed', async () => {
    const { userId, db } = await signedInUser();
    await createDraft(db, formRecord());
    expect(await removeMyData(db, null)).toBe(false);
    const exported = (await unsentState(db)).fingerprint;
    // A change after the export: the file no longer holds everything.
    await createDraft(db, formRecord());
    expect(await removeMyData(db, exported)).toBe(false);
    expect(await exists(db.name)).toBe(true);

    const again = (await unsentState(db)).fingerprint;
    expect(await removeMyData(db, again)).toBe(true);
    expect(await exists(`terrain-${userId}`)).toBe(false);
    expect(await readEntry(userId)).toBeUndefined();
  });

  it('removes at once when nothing is unsent; the key goes, so nothing left could be read', async () => {
    const { userId, db } = await signedInUser();
    const draft = await createDraft(db, formRecord());
    await deleteDraft(db, draft.id);
    expect((await unsentState(db)).count).toBe(0);
    expect(await removeMyData(db, null)).toBe(true);
    await expect(unlockOffline(userId, PASSWORD)).rejects.toMatchObject({ code: 'no_vault' });
  });
});

describe('crypto-shredding', () => {
  it('deletes the wrapped key, then the database', async () => {
    const { userId, db } = await signedInUser();
    await createDraft(db, formRecord());
    db.close();
    await shredUser(userId, db.name);
    expect(await readEntry(userId)).toBeUndefined();
    expect(await exists(db.name)).toBe(false);
    const error = await unlockOffline(userId, PASSWORD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
  });

  it('happens only when the server says the account was disabled or the device revoked', () => {
    const answer = (status: number, details?: unknown) => new ApiError(status, 'x', 'm', details);
    expect(isRevocation(answer(401, { reason: 'account_disabled' }))).toBe(true);
    expect(isRevocation(answer(401, { reason: 'device_revoked' }))).toBe(true);
    expect(isRevocation(answer(403, { reason: 'revoked', clientId: 'c' }))).toBe(true);
    // An expired or signed-out session, another account's device id, a network failure: never.
    expect(isRevocation(answer(401))).toBe(false);
    expect(isRevocation(answer(403, { reason: 'owner' }))).toBe(false);
    expect(isRevocation(answer(500, { reason: 'device_revoked' }))).toBe(false);
    expect(isRevocation(new TypeError('Failed to fetch'))).toBe(false);
  });

  it('the sync engine tells each failure, after recording it', async () => {
    const seen: unknown[] = [];
    const h = await createHarness({ onFailure: (error) => seen.push(error) });
    try {
      await h.finalize();
      h.server.token = 'rotated';
      await h.engine.syncNow();
      expect(h.engine.getStatus().phase).toBe('signed_out');
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ status: 401 });
    } finally {
      await h.close();
    }
  });
});
