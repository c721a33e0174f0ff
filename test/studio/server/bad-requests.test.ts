/**
 * Broken requests get a 4xx with a message in the one error format, and leave every table exactly
 * as it was (rows counted and compared before and after).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRows } from '../../../runtime/store/database.ts';
import { DEMO, type Harness, startServer, tableContents, tableCounts } from './support/server-harness.ts';

let h: Harness;
let admin: string;
let analyst: string;

beforeAll(async () => {
  h = await startServer();
  admin = await h.as('admin');
  analyst = await h.as('analyst');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const flow = encodeURIComponent('Поддержка АВС Интернет');

interface Bad {
  name: string;
  method: string;
  path: string;
  token: () => string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
}

const cases: Bad[] = [
  {
    name: 'malformed JSON',
    method: 'POST',
    path: `/flows/${flow}/deploy`,
    token: () => admin,
    raw: '{"source": "flow',
    headers: { 'content-type': 'application/json' },
    status: 400,
    code: 'malformed-json',
  },
  {
    name: 'wrong type',
    method: 'PUT',
    path: `/flows/${flow}/draft`,
    token: () => analyst,
    body: { source: 42 },
    status: 400,
    code: 'invalid-request',
  },
  {
    name: 'unknown field',
    method: 'POST',
    path: '/users',
    token: () => admin,
    body: { email: 'a@b.example', displayName: 'A', roles: ['admin'], isRoot: true },
    status: 400,
    code: 'invalid-request',
  },
  {
    name: 'unknown role',
    method: 'POST',
    path: '/users',
    token: () => admin,
    body: { email: 'a@b.example', displayName: 'A', password: 'long-enough', roles: ['root'] },
    status: 400,
    code: 'invalid-request',
  },
  {
    name: 'not JSON at all',
    method: 'POST',
    path: '/check',
    token: () => analyst,
    raw: 'flow "x"',
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'unsupported-media-type',
  },
  {
    name: 'oversized body',
    method: 'PUT',
    path: `/flows/${flow}/draft`,
    token: () => analyst,
    body: { source: 'x'.repeat(100_000) },
    status: 413,
    code: 'payload-too-large',
  },
  {
    name: 'bad query',
    method: 'GET',
    path: '/calls?limit=lots',
    token: () => admin,
    status: 400,
    code: 'invalid-request',
  },
  {
    name: 'bad query date',
    method: 'GET',
    path: '/calls?from=yesterday-ish',
    token: () => admin,
    status: 400,
    code: 'invalid-request',
  },
  {
    name: 'unknown flow',
    method: 'GET',
    path: '/flows/no-such-flow/versions',
    token: () => admin,
    status: 404,
    code: 'not-found',
  },
  {
    name: 'unknown version',
    method: 'GET',
    path: `/flows/${flow}/versions/99`,
    token: () => admin,
    status: 404,
    code: 'not-found',
  },
  {
    name: 'malformed version',
    method: 'GET',
    path: `/flows/${flow}/versions/abc`,
    token: () => admin,
    status: 404,
    code: 'not-found',
  },
  {
    name: 'rollback to an unknown version',
    method: 'POST',
    path: `/flows/${flow}/rollback`,
    token: () => admin,
    body: { to: 42 },
    status: 404,
    code: 'not-found',
  },
  {
    name: 'rollback with nothing earlier',
    method: 'POST',
    path: `/flows/${flow}/rollback`,
    token: () => admin,
    body: {},
    status: 409,
    code: 'conflict',
  },
  {
    name: 'unknown call',
    method: 'GET',
    path: '/calls/nope',
    token: () => admin,
    status: 404,
    code: 'not-found',
  },
  {
    name: 'malformed customer id',
    method: 'GET',
    path: '/customers/123',
    token: () => admin,
    status: 404,
    code: 'not-found',
  },
  {
    name: 'unknown customer',
    method: 'GET',
    path: '/customers/00000000-0000-4000-8000-000000000000',
    token: () => admin,
    status: 404,
    code: 'not-found',
  },
  {
    name: 'unknown user',
    method: 'PUT',
    path: '/users/00000000-0000-4000-8000-000000000000/roles',
    token: () => admin,
    body: { roles: ['analyst'] },
    status: 404,
    code: 'not-found',
  },
  {
    name: 'unknown simulated call',
    method: 'POST',
    path: '/sim/calls/00000000-0000-4000-8000-000000000000/keys',
    token: () => analyst,
    body: { digits: '1' },
    status: 404,
    code: 'not-found',
  },
  {
    name: 'bad keys',
    method: 'POST',
    path: '/sim/calls',
    token: () => analyst,
    body: { from: 'me', to: '0800300400' },
    status: 400,
    code: 'invalid-request',
  },
  {
    name: 'unknown number',
    method: 'DELETE',
    path: '/numbers/0800000001',
    token: () => admin,
    status: 404,
    code: 'not-found',
  },
  {
    name: 'bind to an unknown flow',
    method: 'PUT',
    path: '/numbers/0800000001',
    token: () => admin,
    body: { flow: 'nope' },
    status: 404,
    code: 'not-found',
  },
  {
    name: 'invalid data source',
    method: 'PUT',
    path: '/data-sources/crm',
    token: () => admin,
    body: { kind: 'ftp', operations: {} },
    status: 400,
    code: 'invalid-request',
  },
  {
    name: 'removing the last admin',
    method: 'DELETE',
    path: '/users/{admin}',
    token: () => admin,
    status: 409,
    code: 'last-admin',
  },
  {
    name: 'deploy with no source and no draft',
    method: 'POST',
    path: `/flows/${encodeURIComponent('Новый')}/deploy`,
    token: () => admin,
    body: {},
    status: 422,
    code: 'no-source',
  },
  {
    name: 'CSV with a bad row',
    method: 'POST',
    path: '/customers/import?kind=accounts',
    token: () => admin,
    raw: 'contract,pin,balance,currency\n777,12,10.00,UAH\n',
    headers: { 'content-type': 'text/csv' },
    status: 422,
    code: 'invalid-csv',
  },
  {
    name: 'CSV that is not CSV',
    method: 'POST',
    path: '/customers/import?kind=customers',
    token: () => admin,
    raw: 'phone,name\n"+380,unterminated\n',
    headers: { 'content-type': 'text/csv' },
    status: 400,
    code: 'malformed-csv',
  },
  {
    name: 'import of an unknown kind',
    method: 'POST',
    path: '/customers/import?kind=planets',
    token: () => admin,
    raw: 'a\n1\n',
    headers: { 'content-type': 'text/csv' },
    status: 400,
    code: 'invalid-request',
  },
  {
    name: 'unknown API path',
    method: 'GET',
    path: '/nothing-here',
    token: () => admin,
    status: 404,
    code: 'not-found',
  },
];

describe('bad requests', () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    '%s → 4xx with a message, nothing stored changes',
    async (_name, bad) => {
      let path = bad.path;
      if (path.includes('{admin}')) {
        const me = await h.request('GET', '/api/me', { token: admin });
        path = path.replace('{admin}', me.json.user.id);
      }
      const before = await tableCounts(h.db);
      const contentsBefore = await tableContents(h.db);
      const reply = await h.request(bad.method, `/api/t/${DEMO}${path}`, {
        token: bad.token(),
        body: bad.body,
        raw: bad.raw,
        headers: bad.headers,
      });
      expect({ status: reply.status, code: reply.json?.error?.code }).toEqual({
        status: bad.status,
        code: bad.code,
      });
      expect(reply.json.error.status).toBe(bad.status);
      expect(reply.json.error.message.length).toBeGreaterThan(5);
      expect(await tableCounts(h.db)).toEqual(before);
      expect(await tableContents(h.db)).toEqual(contentsBefore);
    },
  );

  it('names the field that is wrong', async () => {
    const reply = await h.request('PUT', `/api/t/${DEMO}/flows/${flow}/draft`, {
      token: analyst,
      body: { source: 42 },
    });
    expect(reply.json.error.issues).toEqual([
      { path: 'body.source', message: expect.stringMatching(/string/) },
    ]);
  });

  it('lists the bad lines of a CSV and never repeats a PIN', async () => {
    const reply = await h.request('POST', `/api/t/${DEMO}/customers/import?kind=accounts`, {
      token: admin,
      raw: 'contract,pin,balance,currency\n777,4321,10.00,UAH\n778,98765x,1,UAH\n779,1234,ten,UAH\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(reply.status).toBe(422);
    expect(reply.json.error.rows).toEqual([
      { line: 3, message: 'pin: 4 to 8 digits' },
      { line: 4, message: 'balance: an amount like 50.00' },
    ]);
    expect(reply.text).not.toContain('98765x');
  });
});

describe('a good import', () => {
  it('imports accounts, reports progress, and never stores or returns a PIN', async () => {
    const rows = [
      'contract,pin,balance,currency,phone',
      ...Array.from(
        { length: 450 },
        (_, i) => `${900000 + i},${5000 + i},${i}.50,UAH,+38050${String(1000000 + i)}`,
      ),
    ];
    const reply = await h.request('POST', `/api/t/${DEMO}/customers/import?kind=accounts`, {
      token: admin,
      raw: rows.join('\n'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ kind: 'accounts', rows: 450, accounts: 450, batches: 3 });
    expect(reply.json.progress.map((p: { phase: string; done: number }) => `${p.phase}:${p.done}`)).toEqual([
      'validated:0',
      'writing:200',
      'writing:400',
      'writing:450',
      'done:450',
    ]);
    const account = await h.request('GET', `/api/t/${DEMO}/accounts?contract=900007`, { token: admin });
    expect(account.json).toMatchObject({ contract: '900007', balance: '7.50', currency: 'UAH' });
    expect(Object.keys(account.json)).not.toContain('pinHash');
    const stored = await sqlRows<{ contract: string; pin_hash: string }>(
      h.db,
      sql`select contract, pin_hash from accounts where contract like '9%'`,
    );
    expect(stored).toHaveLength(450);
    for (const row of stored) {
      // Only the hash: scrypt$N$r$p$salt$key, at the configured cost.
      expect(row.pin_hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    }
  });

  it('streams progress as NDJSON when asked', async () => {
    const reply = await h.request('POST', `/api/t/${DEMO}/customers/import?kind=customers`, {
      token: admin,
      raw: 'phone,name,vip,city\n+380671234567,Марія,yes,Київ\n+380671234568,Петро,no,Львів\n',
      headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson' },
    });
    expect(reply.headers.get('content-type')).toMatch(/x-ndjson/);
    const lines = reply.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1).result).toMatchObject({ kind: 'customers', rows: 2, customers: 2 });
    expect(lines.filter((l) => l.progress).map((l) => l.progress.phase)).toEqual([
      'validated',
      'writing',
      'done',
    ]);
    const found = await h.request('GET', `/api/t/${DEMO}/customers?phone=0671234567`, { token: admin });
    expect(found.json.customers).toMatchObject([{ name: 'Марія', vip: true, card: { city: 'Київ' } }]);
  });
});
