import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { newClientId, setupServer, submission, type TestServer } from '../harness';
import { change, eraseAs } from './fixture';

/**
 * An erasure and a push about the same submission at the same moment (several server processes on one
 * PostgreSQL; SQLite runs one write at a time): whatever the interleaving, nothing about the submission
 * stays live. The push is either seen by the erasure (and erased with it) or refused (or rolled back and
 * retried by the device, then refused).
 */
describe.each(backends)('an erasure racing a push on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('never leaves a correction or a review of an erased submission', async () => {
    for (let round = 0; round < 12; round += 1) {
      const agentDevice = newClientId();
      const first = submission(agentDevice, 1);
      await server.push('agent', agentDevice, [first], 4);
      const focalDevice = newClientId();
      const correction = submission(focalDevice, 1, { fields: { replaces: first.id } });
      const review = change(focalDevice, 2, 'reviews', first.id, {
        submissionId: first.id,
        projectId: DEMO_PROJECT.id,
        status: 'verified',
      });
      const [pushed, erased] = await Promise.all([
        server.push('focal', focalDevice, [correction, review], 4),
        eraseAs(server, 'supervisor', first.id),
      ]);
      expect(erased.status).toBe(200);
      // Applied (and then erased with the chain), refused, or rolled back for the device to retry.
      expect([200, 500]).toContain(pushed.status);
      const live = async (tbl: 'submissions' | 'reviews', id: string) =>
        (await server.storage.getEntity(tbl, id))?.deleted === false;
      expect(await live('submissions', first.id)).toBe(false);
      expect(await live('submissions', correction.id)).toBe(false);
      expect(await live('reviews', first.id)).toBe(false);
      if (pushed.status === 500) {
        // The device retries: now refused, as being about an erased submission.
        const retry = await server.push('focal', focalDevice, [correction, review], 4);
        expect(retry.body.results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      }
    }
  });
});
