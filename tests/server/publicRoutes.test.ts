import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './backends';
import { setupServer, type TestServer } from './harness';

/**
 * Terrain has no public pages; the issue of personal data asks that nothing public can ever show an answer.
 * Every route of the API is therefore walked, as the app registers them (so a route added tomorrow is walked
 * too): without a session each must answer 401, but for the few below, which carry no record at all. Adding
 * a public route means adding it here, on purpose, and saying why it shows no answer.
 */
const PUBLIC: Record<string, string> = {
  'GET /api/health': 'says the server and its database are up',
  'POST /api/auth/login': 'signs in: answers a token and the signed-in user, never a record',
};

describe.each(backends)('what is public on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await setupServer(backend);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses every API route but the public ones without a session', async () => {
    const routes = [
      ...new Set(
        server.app.routes
          .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
          .map((r) => `${r.method} ${r.path}`),
      ),
    ];
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toContain('POST /api/projects/:id/person-search');
    for (const route of routes) {
      if (route in PUBLIC) continue;
      const [method = 'GET', path = ''] = route.split(' ');
      const concrete = path.replace(/:[A-Za-z0-9_]+/g, 'x');
      const res = await server.request(concrete, { method, json: method === 'GET' ? undefined : {} });
      expect(res.status, route).toBe(401);
    }
  });
});
