import { describe, expect, it } from 'vitest';
import { clearSession, loadSession, saveSession } from '../../../src/app/db/sessionStore';
import { openTerrainDb } from '../../../src/app/db/TerrainDb';
import { getSyncMeta } from '../../../src/app/repositories/syncMeta';
import { ClientId } from '../../../src/core/sync/protocol';

describe('session store', () => {
  it('saves, loads and clears the session', async () => {
    expect(await loadSession()).toBeNull();
    const session = {
      token: 'opaque',
      expiresAt: '2024-04-01T00:00:00.000Z',
      user: {
        id: 'u1',
        username: 'amadou',
        displayName: 'Amadou',
        role: 'agent' as const,
        organisationId: null,
      },
    };
    await saveSession(session);
    expect(await loadSession()).toEqual(session);
    await clearSession();
    expect(await loadSession()).toBeNull();
  });
});

describe('openTerrainDb', () => {
  it('keeps one database per user, each with its own client id', async () => {
    const a = openTerrainDb('alpha');
    const b = openTerrainDb('beta');
    try {
      expect(a.name).toBe('terrain-alpha');
      const metaA = await getSyncMeta(a);
      const metaB = await getSyncMeta(b);
      expect(ClientId.safeParse(metaA.clientId).success).toBe(true);
      expect(metaA.clientId).not.toBe(metaB.clientId);
      expect(metaA).toMatchObject({ nextSeq: 1, cursor: 0, lastSyncAt: null, lastError: null });

      // Reopening keeps the identity: the server knows this device by it.
      a.close();
      const again = openTerrainDb('alpha');
      expect((await getSyncMeta(again)).clientId).toBe(metaA.clientId);
      await again.delete();
    } finally {
      await b.delete();
    }
  });
});
