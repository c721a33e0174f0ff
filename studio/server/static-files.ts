/**
 * The web app at `/`: files of studio/web/dist when it has been built (with index.html for any
 * other path, so the app's own routes reload), else a plain page saying how to build it. The API
 * never falls through to here: unknown /api paths are JSON 404s.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';

export function mountStaticFiles(app: Hono<AppEnv>, webDist: string): void {
  if (existsSync(join(webDist, 'index.html'))) {
    app.get('*', serveStatic({ root: webDist }));
    app.get('*', serveStatic({ root: webDist, path: 'index.html' }));
    return;
  }
  app.get('*', (c) => c.html(NOT_BUILT, 200));
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
