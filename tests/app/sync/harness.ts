import { createApiClient } from '../../../src/app/api/client';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import { createDraft, finalizeDraft } from '../../../src/app/repositories/drafts';
import { SyncEngine, type SyncEngineOptions } from '../../../src/app/sync/SyncEngine';
import { FakeServer } from '../fakeServer';
import { formRecord, openTestDb, USER_ID } from '../fixtures';
import { manualTimers, type ScheduledTimer } from './manualTimers';

export type { ScheduledTimer };

/** A device (database + engine) talking to a fake server, with timers and randomness under test control. */
export interface Harness {
  db: TerrainDb;
  server: FakeServer;
  engine: SyncEngine;
  timers: ScheduledTimer[];
  window: EventTarget;
  document: EventTarget & { visibilityState: string };
  now: { value: number };
  /** What `navigator.onLine` says to the engine. */
  network: { online: boolean };
  /** The latest timer still armed. */
  armed(): ScheduledTimer | undefined;
  finalize(members?: number): ReturnType<typeof finalizeDraft>;
  close(): Promise<void>;
}

export async function createHarness(options: Partial<SyncEngineOptions> = {}): Promise<Harness> {
  const db = await openTestDb();
  const server = new FakeServer(USER_ID);
  const api = createApiClient({ fetch: server.fetch, getToken: () => 'token-ok' });
  const clock = manualTimers();
  const now = { value: Date.parse('2024-03-01T09:00:00.000Z') };
  const window = new EventTarget();
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const network = { online: true };
  const engine = new SyncEngine({
    db,
    api,
    now: () => now.value,
    random: () => 0.5,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    window,
    document,
    // The fake server speaks push and pull only (device keys: tests/app/integration/deviceKeys.test.ts).
    registerDevice: false,
    online: () => network.online,
    ...options,
  });
  return {
    db,
    server,
    engine,
    timers: clock.timers,
    window,
    document,
    now,
    network,
    armed: clock.armed,
    async finalize(members = 3) {
      const draft = await createDraft(db, formRecord());
      return finalizeDraft(db, draft.id, { userId: USER_ID, lang: 'fr', answers: { members } });
    },
    async close() {
      engine.stop();
      await db.delete();
    },
  };
}
