import { Hono } from 'hono';
import type { AppEnv } from '../http/env';
import type { Storage } from '../storage/Storage';

export function healthRoutes(storage: Storage): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/health', async (c) => {
    // A real query, so the check fails when the database is gone rather than only the process being up.
    await storage.countUsers();
    return c.json({ status: 'ok', database: storage.kind });
  });
  return routes;
}
