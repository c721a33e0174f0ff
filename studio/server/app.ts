/**
 * The HTTP API and the studio's files as one hono app. `createApp(deps)` takes everything it needs
 * from wire.ts and adds no state of its own: a test builds it around an in-process database and
 * calls `app.request()`. Routes are grouped one file per subject (routes/) and declared through the
 * route registry, which puts `requireRole(...)` (or `requireSession()`) and `validate` in front of
 * each and lists them all for /api/openapi.json.
 *
 *   /api/login, /api/logout, /api/me            auth
 *   /api/t/<tenant>/…                           everything of one tenant (the tenant is in the path)
 *   /api/ws?tenant=<tenant>                      live events (WebSocket)
 *   /api/prompts/<id>.wav, /api/openapi.json     prompt audio, the API description
 *   /                                            the web app (studio/web/dist) or a "not built" page
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { errorResponse, notFound, toApiError } from './api-error.ts';
import type { AppDeps, AppEnv } from './app-env.ts';
import { authenticate } from './auth/authenticate.ts';
import { type RouteRecord, RouteRegistry } from './route-registry.ts';
import { authRoutes } from './routes/auth.ts';
import { callRoutes } from './routes/calls.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { customerRoutes } from './routes/customers.ts';
import { dataSourceRoutes } from './routes/data-sources.ts';
import { flowRoutes } from './routes/flows.ts';
import { liveRoutes } from './routes/live.ts';
import { numberRoutes } from './routes/numbers.ts';
import { operatorRoutes } from './routes/operators.ts';
import { simulatedCallRoutes } from './routes/simulated-calls.ts';
import { surveyCallRoutes } from './routes/survey-calls.ts';
import { systemRoutes } from './routes/system.ts';
import { tenantRoutes } from './routes/tenants.ts';
import { userRoutes } from './routes/users.ts';
import { mountStaticFiles } from './static-files.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface CallflowApp {
  app: Hono<AppEnv>;
  /** Every API route with its access rule and schemas (the OpenAPI source). */
  routes: readonly RouteRecord[];
}

export function createApp(deps: AppDeps): CallflowApp {
  const app = new Hono<AppEnv>();
  app.use('*', async function provideDeps(c, next) {
    c.set('deps', deps);
    await next();
  });
  app.use('/api/*', authenticate());
  app.onError((error, c) => {
    const api = toApiError(error);
    if (api.status >= 500) {
      deps.logger.log('error', 'api: request failed', {
        method: c.req.method,
        path: c.req.path,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    return errorResponse(c, api);
  });

  const registry = new RouteRegistry();
  const groups = [
    authRoutes(registry),
    systemRoutes(registry, VERSION),
    liveRoutes(registry),
    tenantRoutes(registry),
    flowRoutes(registry),
    numberRoutes(registry),
    dataSourceRoutes(registry),
    customerRoutes(registry),
    callRoutes(registry),
    userRoutes(registry),
    operatorRoutes(registry),
    simulatedCallRoutes(registry),
    campaignRoutes(registry),
    surveyCallRoutes(registry),
  ];
  for (const group of groups) app.route(group.prefix, group.app);

  app.all('/api/*', (c) =>
    errorResponse(
      c,
      notFound(`API route ${c.req.method} ${c.req.path}`, `Маршрут API ${c.req.method} ${c.req.path}`),
    ),
  );
  mountStaticFiles(app, deps.config.webDist);
  app.notFound((c) => errorResponse(c, notFound(c.req.path, c.req.path)));
  return { app, routes: registry.routes };
}
