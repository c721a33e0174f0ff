/**
 * Who may call what: every route needs a session (the route registry is walked, so a new route
 * cannot be forgotten), tenants are invisible to each other (404, never 403), roles are enforced
 * (an operator cannot deploy), and sign-in, cookies, tokens and sign-out work as documented.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../runtime/call-log.ts';
import type { VirtualClock } from '../../../runtime/clock.ts';
import { insertCallBatch } from '../../../runtime/store/queries/call-log.ts';
import { importCustomers } from '../../../runtime/store/queries/customers.ts';
import { addMembership, createUser, upsertTenant } from '../../../runtime/store/queries/tenants-users.ts';
import { saveWorkspaceJson } from '../../../studio/server/queries/tenant-settings.ts';
import { DEMO, type Harness, startServer, TEST_PIN_COST } from './support/server-harness.ts';

const OTHER = 'other-co';
const OTHER_FLOW = `flow "Другая линия"
  answers "0800999000"
  language ru
  say "Другая компания."
  hangup
`;

let h: Harness;
let otherAdmin: string;
let otherCustomerId: string;
let otherSimCall: string;

function otherCall(): CallRecord {
  const at = '2026-01-05T08:00:00.000Z';
  return {
    callId: 'other-call-1',
    tenant: OTHER,
    caller: '+380671112233',
    callerName: null,
    dialled: '0800999000',
    flowId: 'x',
    flowName: 'Другая линия',
    flowVersion: 1,
    startedAt: at,
    answeredAt: at,
    endedAt: at,
    steps: ['main'],
    keys: [],
    queue: null,
    operator: null,
    outcome: 'completed',
    endedBy: 'flow',
    recording: null,
    transfers: [],
    custom: {},
    errors: [],
  };
}

beforeAll(async () => {
  h = await startServer({
    prepare: async (db) => {
      await upsertTenant(db, { id: OTHER, name: 'Other Co' });
      await saveWorkspaceJson(db, OTHER, { language: 'ru' });
      const admin = await createUser(db, {
        email: 'admin@other.example',
        displayName: 'Other admin',
        password: 'other-admin-1',
      });
      await addMembership(db, OTHER, admin.id, 'admin');
      await addMembership(db, OTHER, admin.id, 'analyst');
      await importCustomers(
        db,
        OTHER,
        { customers: [{ phone: '+380671112233', name: 'Чужой клиент' }] },
        TEST_PIN_COST,
      );
      await insertCallBatch(db, [otherCall()]);
    },
  });
  otherAdmin = await h.login('admin@other.example', 'other-admin-1');
  const deployed = await h.request(
    'POST',
    `/api/t/${OTHER}/flows/${encodeURIComponent('Другая линия')}/deploy`,
    {
      token: otherAdmin,
      body: { source: OTHER_FLOW },
    },
  );
  expect(deployed.status).toBe(201);
  const customers = await h.request('GET', `/api/t/${OTHER}/customers`, { token: otherAdmin });
  otherCustomerId = customers.json.customers[0].id;
  const sim = await h.request('POST', `/api/t/${OTHER}/sim/calls`, {
    token: otherAdmin,
    body: { from: '+380671112233', to: '0800999000' },
  });
  expect(sim.status).toBe(201);
  otherSimCall = sim.json.id;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** A concrete path for a route pattern: the demo tenant, and ids that look right. */
function concrete(path: string): string {
  return path
    .replace(':tenant', DEMO)
    .replace(/:(id|userId|tokenId)\b/g, '00000000-0000-4000-8000-000000000000')
    .replace(':number', '0800300400')
    .replace(':file', '0123456789abcdef.wav')
    .replace(/:\w+/g, 'x');
}

describe('every route needs a session', () => {
  it('answers 401 without one, for every route of the registry', async () => {
    const guarded = h.wired.routes.filter(
      (r) => !('auth' in r.spec.access && r.spec.access.auth === 'public'),
    );
    expect(guarded.length).toBeGreaterThan(40);
    for (const route of guarded) {
      const path = concrete(route.path) + (route.path === '/api/ws' ? `?tenant=${DEMO}` : '');
      const reply = await h.request(
        route.method.toUpperCase(),
        path,
        route.method === 'get' || route.method === 'delete' ? {} : { body: {} },
      );
      expect({
        route: `${route.method} ${route.path}`,
        status: reply.status,
        code: reply.json?.error?.code,
      }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
        code: 'unauthorized',
      });
    }
  });

  it('refuses a bearer token it does not know with 401', async () => {
    const reply = await h.request('GET', `/api/t/${DEMO}/flows`, { token: 'A'.repeat(43) });
    expect(reply.status).toBe(401);
    expect(reply.json.error).toMatchObject({ status: 401, code: 'invalid-token' });
  });

  it('lists exactly the public routes as public', () => {
    const open = h.wired.routes
      .filter((r) => 'auth' in r.spec.access && r.spec.access.auth === 'public')
      .map((r) => `${r.method} ${r.path}`);
    expect(open.sort()).toEqual(['get /api/health', 'get /api/openapi.json', 'post /api/login']);
  });
});

describe('signing in and out', () => {
  it('rejects a wrong password with 401 and the same message as an unknown e-mail', async () => {
    const wrong = await h.request('POST', '/api/login', {
      body: { email: 'analyst@abc.example', password: 'nope' },
    });
    const unknown = await h.request('POST', '/api/login', {
      body: { email: 'nobody@abc.example', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
  });

  it('answers 429 with Retry-After after five failed sign-ins to one account, until the window passes', async () => {
    const attempt = () =>
      h.request('POST', '/api/login', { body: { email: 'guesser@abc.example', password: 'guess' } });
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    const refused = await attempt();
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('too-many-attempts');
    expect(Number(refused.headers.get('retry-after'))).toBe(15 * 60);
    await (h.clock as VirtualClock).advance(15 * 60_000);
    expect((await attempt()).status).toBe(401);
  });

  it('gives a cookie and a token; /api/me lists the memberships; logout revokes the token', async () => {
    const reply = await h.request('POST', '/api/login', {
      body: { email: 'analyst@abc.example', password: 'analyst-demo' },
    });
    expect(reply.status).toBe(200);
    const cookie = reply.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^callflow_session=[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    const me = await h.request('GET', '/api/me', { headers: { cookie: cookie.split(';')[0] } });
    expect(me.status).toBe(200);
    expect(me.json.memberships).toEqual([{ tenant: { id: DEMO, name: 'ABC Internet' }, roles: ['analyst'] }]);
    const out = await h.request('POST', '/api/logout', { token: reply.json.token });
    expect(out.status).toBe(200);
    expect((await h.request('GET', '/api/me', { token: reply.json.token })).status).toBe(401);
  });

  it('refuses a form post that rides on the session cookie (cross-site)', async () => {
    const login = await h.request('POST', '/api/login', {
      body: { email: 'admin@abc.example', password: 'admin-demo' },
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const reply = await h.request('POST', `/api/t/${DEMO}/users`, {
      raw: 'email=evil@x.example&roles=admin',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(reply.status).toBe(403);
    expect(reply.json.error.code).toBe('cross-site-form');
  });

  it('answers in Russian when asked', async () => {
    const reply = await h.request('GET', `/api/t/${DEMO}/flows`, {
      headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' },
    });
    expect(reply.json.error.message).toMatch(/^Сначала войдите/);
  });
});

describe('tenants do not see each other', () => {
  it('gives 404 for another tenant as a whole', async () => {
    const admin = await h.as('admin');
    for (const path of ['', '/flows', '/calls', '/customers', '/numbers', '/users']) {
      const reply = await h.request('GET', `/api/t/${OTHER}${path}`, { token: admin });
      expect({ path, status: reply.status }).toEqual({ path, status: 404 });
    }
    // An existing tenant one does not belong to looks exactly like one that does not exist.
    const missing = await h.request('GET', '/api/t/no-such-tenant/flows', { token: admin });
    const foreign = await h.request('GET', `/api/t/${OTHER}/flows`, { token: admin });
    expect(foreign.json.error.message.replace(OTHER, 'X')).toBe(
      missing.json.error.message.replace('no-such-tenant', 'X'),
    );
  });

  it("gives 404 for another tenant's flow, call, customer and simulated call through one's own tenant", async () => {
    const admin = await h.as('admin');
    const paths = [
      `/flows/${encodeURIComponent('Другая линия')}`,
      `/flows/${encodeURIComponent('Другая линия')}/versions`,
      `/flows/${encodeURIComponent('Другая линия')}/versions/1`,
      '/calls/other-call-1',
      '/calls/other-call-1/recordings',
      `/customers/${otherCustomerId}`,
      `/sim/calls/${otherSimCall}`,
    ];
    for (const path of paths) {
      const reply = await h.request('GET', `/api/t/${DEMO}${path}`, { token: admin });
      expect({ path, status: reply.status, code: reply.json?.error?.code }).toEqual({
        path,
        status: 404,
        code: 'not-found',
      });
    }
    // The owner sees them.
    expect(
      (await h.request('GET', `/api/t/${OTHER}/customers/${otherCustomerId}`, { token: otherAdmin })).status,
    ).toBe(200);
    expect((await h.request('GET', `/api/t/${OTHER}/calls/other-call-1`, { token: otherAdmin })).status).toBe(
      200,
    );
  });

  it("cannot place a simulated call to another tenant's number", async () => {
    const analyst = await h.as('analyst');
    const reply = await h.request('POST', `/api/t/${DEMO}/sim/calls`, {
      token: analyst,
      body: { from: '0501234567', to: '0800999000' },
    });
    expect(reply.status).toBe(422);
    expect(reply.json.error.code).toBe('not-your-number');
  });

  it('keeps an API token to its own tenant', async () => {
    const issued = await h.request('POST', `/api/t/${OTHER}/tokens`, {
      token: otherAdmin,
      body: { name: 'ci' },
    });
    expect(issued.status).toBe(201);
    // The same user, if they were a member of the demo tenant, still could not use this token there.
    expect((await h.request('GET', `/api/t/${OTHER}/flows`, { token: issued.json.token })).status).toBe(200);
    expect((await h.request('GET', `/api/t/${DEMO}/flows`, { token: issued.json.token })).status).toBe(404);
  });
});

describe('roles', () => {
  const deploy = (token: string) =>
    h.request('POST', `/api/t/${DEMO}/flows/${encodeURIComponent('Поддержка АВС Интернет')}/rollback`, {
      token,
      body: {},
    });

  it('lets no operator, analyst or supervisor deploy or roll back (403)', async () => {
    for (const role of ['operator', 'analyst', 'supervisor'] as const) {
      const token = await h.as(role);
      const reply = await h.request('POST', `/api/t/${DEMO}/deploy`, { token, body: { source: OTHER_FLOW } });
      expect({ role, status: reply.status, code: reply.json.error.code }).toEqual({
        role,
        status: 403,
        code: 'forbidden',
      });
      expect((await deploy(token)).status).toBe(403);
    }
  });

  it('matches the role matrix on a sample of routes', async () => {
    const tokens = {
      admin: await h.as('admin'),
      analyst: await h.as('analyst'),
      supervisor: await h.as('supervisor'),
      operator: await h.as('operator'),
    };
    const flow = encodeURIComponent('Поддержка АВС Интернет');
    const cases: [string, string, unknown, Record<keyof typeof tokens, number>][] = [
      ['GET', '/flows', undefined, { admin: 200, analyst: 200, supervisor: 200, operator: 403 }],
      [
        'POST',
        `/flows/${flow}/check`,
        { source: OTHER_FLOW },
        { admin: 200, analyst: 200, supervisor: 403, operator: 403 },
      ],
      ['GET', '/calls', undefined, { admin: 200, analyst: 403, supervisor: 200, operator: 403 }],
      ['GET', '/users', undefined, { admin: 200, analyst: 403, supervisor: 403, operator: 403 }],
      ['GET', '/operators', undefined, { admin: 200, analyst: 403, supervisor: 200, operator: 403 }],
      ['GET', '/me/operator', undefined, { admin: 403, analyst: 403, supervisor: 403, operator: 200 }],
      [
        'GET',
        '/customers?phone=0501234567',
        undefined,
        { admin: 200, analyst: 403, supervisor: 200, operator: 200 },
      ],
      ['GET', '/data-sources', undefined, { admin: 200, analyst: 200, supervisor: 403, operator: 403 }],
      ['GET', '/audit', undefined, { admin: 200, analyst: 403, supervisor: 403, operator: 403 }],
    ];
    for (const [method, path, body, expected] of cases) {
      for (const role of Object.keys(tokens) as (keyof typeof tokens)[]) {
        const reply = await h.request(method, `/api/t/${DEMO}${path}`, { token: tokens[role], body });
        expect({ method, path, role, status: reply.status }).toEqual({
          method,
          path,
          role,
          status: expected[role],
        });
      }
    }
  });

  it('lets an operator change only their own state, which the ACD and supervisors then see', async () => {
    const operator = await h.as('operator');
    const ready = await h.request('PUT', `/api/t/${DEMO}/me/operator/state`, {
      token: operator,
      body: { state: 'Ready', extension: '1005' },
    });
    expect(ready.status).toBe(200);
    expect(ready.json.live).toMatchObject({ state: 'Ready', extension: '1005' });
    const supervisor = await h.as('supervisor');
    const list = await h.request('GET', `/api/t/${DEMO}/operators`, { token: supervisor });
    const me = list.json.operators.find((o: { email: string }) => o.email === 'operator@abc.example');
    expect(me.live.state).toBe('Ready');
    const system = await h.request('PUT', `/api/t/${DEMO}/me/operator/state`, {
      token: operator,
      body: { state: 'Busy' },
    });
    expect(system.status).toBe(409);
    expect(system.json.error.code).toBe('acd-system-state');
  });
});

describe('OpenAPI', () => {
  it('describes every route of the registry, with roles', async () => {
    const reply = await h.request('GET', '/api/openapi.json');
    expect(reply.status).toBe(200);
    for (const route of h.wired.routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(reply.json.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
    expect(reply.json.paths['/api/t/{tenant}/flows/{flow}/deploy'].post['x-roles']).toEqual(['admin']);
    expect(
      reply.json.paths['/api/t/{tenant}/flows/{flow}/deploy'].post.requestBody.content['application/json']
        .schema.properties.source.type,
    ).toBe('string');
  });
});
