/**
 * The web app at `/`: the "not built" page until studio/web/dist holds an index.html, then its
 * files — without a restart, since `callflow start` builds a clean checkout after the app exists.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../studio/server/app-env.ts';
import { mountStaticFiles } from '../../../studio/server/static-files.ts';

const dist = mkdtempSync(join(tmpdir(), 'callflow-static-'));

afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('the web app at /', () => {
  it('says how to build it until it is built, then serves it (and index.html for the app’s own paths)', async () => {
    const app = new Hono<AppEnv>();
    mountStaticFiles(app, dist);
    const before = await app.request('/');
    expect(before.status).toBe(200);
    expect(await before.text()).toContain('Callflow studio is not built');

    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>studio</title>');
    writeFileSync(join(dist, 'app.js'), 'console.log(1)');
    expect(await (await app.request('/')).text()).toContain('<title>studio</title>');
    expect(await (await app.request('/app.js')).text()).toBe('console.log(1)');
    expect(await (await app.request('/flows/x')).text()).toContain('<title>studio</title>');
  });
});
