/**
 * Flows through the API: drafts, checks, deploy (refused with diagnostics on errors, nothing
 * stored), versions, diff, rollback, the audit trail, numbers, data sources and flow tests.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR as EXAMPLES } from '../../../studio/server/demo/demo-tenant.ts';
import { DEMO, type Harness, startServer, tableContents, tableCounts } from './support/server-harness.ts';

let h: Harness;
let admin: string;
let analyst: string;

const NAME = 'Справочная';
const path = (p = '') => `/api/t/${DEMO}/flows/${encodeURIComponent(NAME)}${p}`;
const source = (greeting: string) => `flow "${NAME}"
  answers "0800500600"
  language ru

  say "${greeting}"
  hangup
`;
const BROKEN = `flow "${NAME}"
  answers "0800500600"
  language ru

  say "Здравствуйте"
  goto nowhere
  queue "no-such-queue"
`;

beforeAll(async () => {
  h = await startServer();
  admin = await h.as('admin');
  analyst = await h.as('analyst');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('deploy', () => {
  it('refuses a broken flow with 422 and its diagnostics, storing nothing', async () => {
    const before = await tableCounts(h.db);
    const contents = await tableContents(h.db);
    const reply = await h.request('POST', path('/deploy'), { token: admin, body: { source: BROKEN } });
    expect(reply.status).toBe(422);
    expect(reply.json.error).toMatchObject({ status: 422, code: 'flow-has-errors' });
    const codes = reply.json.error.diagnostics
      .filter((d: { severity: string }) => d.severity === 'error')
      .map((d: { code: string }) => d.code);
    expect(codes.length).toBeGreaterThanOrEqual(2);
    expect(reply.json.error.diagnostics[0]).toMatchObject({
      range: { start: { line: expect.any(Number), column: expect.any(Number) } },
    });
    expect(await tableCounts(h.db)).toEqual(before);
    expect(await tableContents(h.db)).toEqual(contents);
  });

  it('refuses a flow that answers a number another active flow answers (CF604)', async () => {
    const clash = source('Привет').replace('0800500600', '0800300400');
    const reply = await h.request('POST', path('/deploy'), { token: admin, body: { source: clash } });
    expect(reply.status).toBe(422);
    expect(reply.json.error.diagnostics.map((d: { code: string }) => d.code)).toContain('CF604');
  });

  it('deploys v1 and v2, lists versions, diffs them, rolls back, and records it all in the audit log', async () => {
    const v1 = await h.request('POST', path('/deploy'), {
      token: admin,
      body: { source: source('Версия один.') },
    });
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({
      flow: NAME,
      version: 1,
      previous: null,
      unchanged: false,
      numbers: ['0800500600'],
      live: true,
    });
    const again = await h.request('POST', path('/deploy'), {
      token: admin,
      body: { source: source('Версия один.') },
    });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ version: 1, unchanged: true });

    const v2 = await h.request('POST', path('/deploy'), {
      token: admin,
      body: { source: source('Версия два.') },
    });
    expect(v2.json).toMatchObject({ version: 2, previous: 1 });
    expect(h.wired.deployments.activeHere(DEMO, NAME)?.version).toBe(2);
    // The deployed text is the draft now: reopening the flow shows what is live, not an older draft.
    const reopened = await h.request('GET', path(), { token: analyst });
    expect(reopened.json.draft.source).toBe(source('Версия два.'));

    const versions = await h.request('GET', path('/versions'), { token: analyst });
    expect(
      versions.json.versions.map((v: { number: number; active: boolean }) => [v.number, v.active]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    // Who stored each version and who deployed or rolled back: e-mail and name, not a user id.
    expect(versions.json.versions[0]).toMatchObject({
      authorEmail: 'admin@abc.example',
      authorName: 'Администратор (демо)',
    });
    const one = await h.request('GET', path('/versions/1'), { token: analyst });
    expect(one.json.source).toBe(source('Версия один.'));
    expect(one.json.compiledCode).toBeUndefined();

    const diff = await h.request('GET', path('/diff?from=1&to=2'), { token: analyst });
    expect(diff.json).toMatchObject({ from: 1, to: 2, added: 1, removed: 1 });
    expect(diff.json.unified).toContain('-  say "Версия один."\n+  say "Версия два."');

    const back = await h.request('POST', path('/rollback'), { token: admin, body: {} });
    expect(back.json).toMatchObject({ version: 1, previous: 2, live: true });
    expect(h.wired.deployments.activeHere(DEMO, NAME)?.version).toBe(1);
    const forward = await h.request('POST', path('/rollback'), { token: admin, body: { to: 2 } });
    expect(forward.json).toMatchObject({ version: 2, previous: 1 });
    const same = await h.request('POST', path('/rollback'), { token: admin, body: { to: 2 } });
    expect(same.status).toBe(409);

    const deployments = await h.request('GET', path('/deployments'), { token: analyst });
    expect(
      deployments.json.deployments.map(
        (d: { kind: string; versionNumber: number }) => `${d.kind}:${d.versionNumber}`,
      ),
    ).toEqual(['rollback:2', 'rollback:1', 'deploy:2', 'deploy:1']);
    expect(
      deployments.json.deployments.map((d: { deployedByEmail: string; deployedByName: string }) => [
        d.deployedByEmail,
        d.deployedByName,
      ]),
    ).toEqual(Array(4).fill(['admin@abc.example', 'Администратор (демо)']));
    const audit = await h.request('GET', `/api/t/${DEMO}/audit?action=flow.rollback`, { token: admin });
    expect(
      audit.json.entries.map((e: { target: string; details: { version: number } }) => [
        e.target,
        e.details.version,
      ]),
    ).toEqual([
      [`flow:${NAME}`, 2],
      [`flow:${NAME}`, 1],
    ]);
  });
});

describe('drafts and checks', () => {
  it('saves a draft with its diagnostics, checks it, deploys it, and diffs it against the active version', async () => {
    const name = 'Черновик';
    const p = (s = '') => `/api/t/${DEMO}/flows/${encodeURIComponent(name)}${s}`;
    const draftSource = `flow "${name}"\n  answers "0800500700"\n  language ru\n\n  say "Первый вариант."\n  hangup\n`;
    const saved = await h.request('PUT', p('/draft'), { token: analyst, body: { source: draftSource } });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ errors: 0, diagnostics: [] });
    const check = await h.request('POST', p('/check'), { token: analyst, body: {} });
    expect(check.json).toMatchObject({ errors: 0, flows: [name] });
    const flows = await h.request('GET', `/api/t/${DEMO}/flows`, { token: analyst });
    expect(flows.json.flows.find((f: { name: string }) => f.name === name)).toMatchObject({
      activeVersion: null,
      draft: { savedBy: 'analyst@abc.example' },
    });

    expect((await h.request('POST', p('/deploy'), { token: admin, body: {} })).status).toBe(201);
    await h.request('PUT', p('/draft'), {
      token: analyst,
      body: { source: draftSource.replace('Первый', 'Второй') },
    });
    const diff = await h.request('GET', p('/diff?to=draft'), { token: analyst });
    expect(diff.json).toMatchObject({ from: 1, to: 'draft', added: 1, removed: 1 });
    const read = await h.request('GET', p(), { token: analyst });
    expect(read.json).toMatchObject({
      name,
      active: { version: 1 },
      draft: { source: expect.stringContaining('Второй') },
    });
  });

  it('answers check diagnostics in Russian when asked', async () => {
    const reply = await h.request('POST', `/api/t/${DEMO}/check`, {
      token: analyst,
      body: { source: BROKEN },
      headers: { 'accept-language': 'ru' },
    });
    expect(reply.json.errors).toBeGreaterThan(0);
    expect(reply.json.diagnostics.some((d: { message: string }) => /[а-я]/.test(d.message))).toBe(true);
  });
});

describe('numbers, data sources, users', () => {
  it('claims and releases numbers, with audit entries', async () => {
    const bind = await h.request('PUT', `/api/t/${DEMO}/numbers/0800777777`, {
      token: admin,
      body: { flow: 'Поддержка АВС Интернет' },
    });
    expect(bind.status).toBe(200);
    const list = await h.request('GET', `/api/t/${DEMO}/numbers`, { token: analyst });
    expect(list.json.numbers).toContainEqual({
      number: '0800777777',
      flowName: 'Поддержка АВС Интернет',
      activeVersion: 1,
    });
    expect((await h.request('DELETE', `/api/t/${DEMO}/numbers/0800777777`, { token: admin })).status).toBe(
      200,
    );
    const audit = await h.request('GET', `/api/t/${DEMO}/audit`, { token: admin });
    const actions = audit.json.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['number.bind', 'number.unbind']));
  });

  it('declares a data source the checker then knows', async () => {
    const crm = {
      kind: 'http',
      url: 'https://crm.example/api',
      operations: {
        tier: { params: [{ name: 'phone', type: 'string' }], result: 'string', http: { path: '/tier' } },
      },
    };
    const put = await h.request('PUT', `/api/t/${DEMO}/data-sources/crm`, { token: admin, body: crm });
    expect(put.status).toBe(200);
    const uses = `flow "CRM"\n  answers "0800500800"\n  language ru\n\n  let t = crm.tier(caller.number)\n    on error -> hangup\n  say "Уровень {t}."\n  hangup\n`;
    const checked = await h.request('POST', `/api/t/${DEMO}/check`, {
      token: analyst,
      body: { source: uses },
    });
    expect(checked.json.errors).toBe(0);
    expect((await h.request('DELETE', `/api/t/${DEMO}/data-sources/crm`, { token: admin })).status).toBe(200);
    const after = await h.request('POST', `/api/t/${DEMO}/check`, { token: analyst, body: { source: uses } });
    expect(after.json.errors).toBeGreaterThan(0);
  });

  it('adds a user, changes their roles and removes them, with audit entries', async () => {
    const added = await h.request('POST', `/api/t/${DEMO}/users`, {
      token: admin,
      body: {
        email: 'new.analyst@abc.example',
        displayName: 'Новый аналитик',
        password: 'new-analyst-1',
        roles: ['analyst'],
      },
    });
    expect(added.status).toBe(201);
    const token = await h.login('new.analyst@abc.example', 'new-analyst-1');
    expect((await h.request('GET', `/api/t/${DEMO}/flows`, { token })).status).toBe(200);
    const roles = await h.request('PUT', `/api/t/${DEMO}/users/${added.json.id}/roles`, {
      token: admin,
      body: { roles: ['supervisor'] },
    });
    expect(roles.json.roles).toEqual(['supervisor']);
    expect(
      (await h.request('PUT', `/api/t/${DEMO}/flows/x/draft`, { token, body: { source: 'flow "x"' } }))
        .status,
    ).toBe(403);
    expect(
      (await h.request('DELETE', `/api/t/${DEMO}/users/${added.json.id}`, { token: admin })).status,
    ).toBe(200);
    expect((await h.request('GET', `/api/t/${DEMO}/flows`, { token })).status).toBe(404);
    const audit = await h.request('GET', `/api/t/${DEMO}/audit`, { token: admin });
    const actions = audit.json.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.add', 'user.roles', 'user.remove']));
  });
});

describe('flow tests', () => {
  it('runs .flowtest cases on a source and reports each', async () => {
    const flow = encodeURIComponent('Поддержка АВС Интернет');
    const active = await h.request('GET', `/api/t/${DEMO}/flows/${flow}`, { token: analyst });
    const tests = `case "Баланс 21"
  given billing.balance("123456", any) returns {balance: 21, currency: "UAH"}
  caller "+380501234567" calls "0800300400"
  press 3
  enter "123456#"
  enter "1111#"
  expect hear "На вашем личном счету 21 гривна"
  expect hangup

case "Ожидание, которого не будет"
  caller "+380501234567" calls "0800300400"
  expect hear "Этого никто не скажет"
`;
    const reply = await h.request('POST', `/api/t/${DEMO}/flows/${flow}/tests`, {
      token: analyst,
      body: { source: active.json.active.source, tests },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ passed: 1, failed: 1, problems: [] });
    expect(reply.json.cases.map((c: { name: string; passed: boolean }) => [c.name, c.passed])).toEqual([
      ['Баланс 21', true],
      ['Ожидание, которого не будет', false],
    ]);
  }, 120_000);
});

describe('the example flow tests from the studio', () => {
  it('pass case by case as in the CLI: the tenant’s customers and accounts come from the database', async () => {
    const flow = encodeURIComponent('Поддержка АВС Интернет');
    const [source, tests] = await Promise.all([
      readFile(join(EXAMPLES, 'abc-internet', 'support.flow'), 'utf8'),
      readFile(join(EXAMPLES, 'abc-internet', 'support.flowtest'), 'utf8'),
    ]);
    const reply = await h.request('POST', `/api/t/${DEMO}/flows/${flow}/tests`, {
      token: analyst,
      body: { source, tests },
    });
    expect(reply.status).toBe(200);
    const cases = reply.json.cases as { name: string; passed: boolean; failure: unknown }[];
    expect(cases.filter((c) => !c.passed)).toEqual([]);
    expect(reply.json).toMatchObject({ passed: 11, failed: 0, problems: [] });
    // The two cases that need the demo customer's contract and PIN (no fixture for them).
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Баланс: договор и PIN из демо-данных', 'Неверный PIN, затем верный']),
    );
  }, 240_000);
});

describe('prompt audio', () => {
  it('serves a synthesized prompt from the TTS cache by id, and 404 for an unknown one', async () => {
    const { EspeakTts } = await import('../../../runtime/speech/espeak-tts.ts');
    const synth = await new EspeakTts({ cacheDir: h.speechDir }).synthesize('Добрый день.', 'ru');
    const reply = await h.app.request(`/api/prompts/${synth.id}.wav`, {
      headers: { authorization: `Bearer ${analyst}` },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('audio/wav');
    const bytes = new Uint8Array(await reply.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('RIFF');
    expect((await h.request('GET', '/api/prompts/0000000000000000.wav', { token: analyst })).status).toBe(
      404,
    );
    expect((await h.request('GET', '/api/prompts/..%2F..%2Fetc%2Fpasswd', { token: analyst })).status).toBe(
      404,
    );
  });
});
