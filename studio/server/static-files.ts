/**
 * The web app at `/`: files of studio/web/dist when it has been built (with index.html for any
 * other path, so the app's own routes reload), else a plain page saying how to build it. Whether
 * it is built is asked per request: `callflow start` builds it on a clean checkout after the app
 * exists, and a rebuild must not need a restart. The API never falls through to here: unknown
 * /api paths are JSON 404s.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';

export function mountStaticFiles(app: Hono<AppEnv>, webDist: string): void {
  const index = join(webDist, 'index.html');
  // Made on the first request that finds the app built (serveStatic complains about a missing root).
  let files: { file: MiddlewareHandler; index: MiddlewareHandler } | null = null;
  const served = () =>
    (files ??= {
      file: serveStatic({ root: webDist }),
      index: serveStatic({ root: webDist, path: 'index.html' }),
    });
  app.get('*', async (c, next) => {
    if (!existsSync(index)) return c.html(NOT_BUILT, 200);
    await next();
  });
  app.get('*', (c, next) => served().file(c, next));
  app.get('*', (c, next) => served().index(c, next));
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Callflow studio</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem}code{background:#eee;padding:.1em .3em}</style>
</head><body>
<h1>Callflow studio is not built</h1>
<p>The server and the API are running, but the web app has not been built yet
(<code>studio/web/dist</code> is missing). Build it, then reload this page:</p>
<pre><code>npm run build:studio</code></pre>
<p>Meanwhile the HTTP API works: sign in with <code>POST /api/login</code>; the routes are described at
<a href="/api/openapi.json">/api/openapi.json</a>.</p>
<hr>
<p lang="ru">Веб-студия ещё не собрана (нет <code>studio/web/dist</code>). Соберите её командой
<code>npm run build:studio</code> и обновите страницу. API уже работает: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</body></html>`;
