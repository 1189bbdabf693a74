import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './backends';
import { setupServer, type TestServer } from './harness';

/**
 * The issue of personal data asks that nothing public can ever show an answer.
 * Every route of the API is therefore walked, as the app registers them (so a route added tomorrow is walked
 * too): without a session each must answer 401, but for the few below, which carry no record at all. Adding
 * a public route means adding it here, on purpose, and saying why it shows no answer.
 */
const PUBLIC: Record<string, string> = {
  'GET /api/health': 'says the server and its database are up',
  'GET /api/ready':
    'says whether the database answers and its migrations are applied (names of pending ones)',
  'POST /api/auth/login': 'signs in: answers a token and the signed-in user, never a record',
  // The public site (issue 15): projects an admin made public, only the fields of PublicProject
  // (src/core/public/publicProject.ts), never submissions, members or people (tests/server/public).
  'GET /public/api/projects': 'public projects, their public fields only',
  'GET /public/api/projects/:id': 'one public project, its public fields only',
  'GET /public/iati/activities.xml': 'the IATI file of public projects',
  'GET /public/iati/organisations.xml':
    'the IATI organisation file: the reporting organisations of public projects and their budgets per year',
  'GET /public/feed.xml': 'public projects and their reported results, as a feed',
  'GET /public/projects/:id/documents/:sha256':
    'a document an admin made public, of a public project, once whoever added it uploaded its bytes ' +
    '(never a file merely named by its hash: tests/server/media/projectDocuments.test.ts); 404 otherwise',
  'GET /public/api/boundaries':
    'administrative areas uploaded by supervisors, each with the count and budget of public projects only',
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
          .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || r.path.startsWith('/public/')))
          .map((r) => `${r.method} ${r.path}`),
      ),
    ];
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toContain('POST /api/projects/:id/person-search');
    // Every public route is listed on purpose: a new one fails here until it is.
    for (const route of routes.filter((r) => r.split(' ')[1]?.startsWith('/public/')))
      expect(PUBLIC, route).toHaveProperty([route]);
    for (const route of routes) {
      if (route in PUBLIC) continue;
      const [method = 'GET', path = ''] = route.split(' ');
      const concrete = path.replace(/:[A-Za-z0-9_]+/g, 'x');
      const res = await server.request(concrete, { method, json: method === 'GET' ? undefined : {} });
      expect(res.status, route).toBe(401);
    }
  });
});
