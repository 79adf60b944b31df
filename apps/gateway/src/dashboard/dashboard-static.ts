import { workspaceRoot } from '@polytrader/platform';
import express, { type RequestHandler, type Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm run build` puts the dashboard (apps/dashboard, vite build). */
export function dashboardDir(root: string = workspaceRoot()): string {
  return join(root, 'dist', 'apps', 'dashboard');
}

const NOT_BUILT = 'the dashboard is not built: run `npm run build` (it builds apps/dashboard into dist/apps/dashboard)\n';

/**
 * The dashboard's static files at `/`, open like /health: the page holds no data and asks for the
 * token itself; everything it reads is under /api, behind the guard. Vite's hashed assets are cached
 * for a year, index.html never (a new build is picked up on the next load). When the build is missing
 * `/` answers 503 saying so and the gateway runs on; the check is per request, so a later build is
 * served without a restart. An unknown asset falls through to Nest's 404.
 */
export function dashboardStatic(dir: string = dashboardDir()): Router {
  const router = express.Router();
  const index = join(dir, 'index.html');
  const assets = express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false });
  const notBuilt: RequestHandler = (_req, res, next) => {
    if (existsSync(index)) return next();
    res.status(503).type('text/plain').send(NOT_BUILT);
  };
  router.get('/', notBuilt, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  router.use('/assets', notBuilt, assets);
  return router;
}
