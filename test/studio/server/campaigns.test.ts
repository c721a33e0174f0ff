/**
 * Campaigns over the HTTP API, on the whole server as `npm start` wires it (demo tenant, PBX
 * simulator behind the ARI adapter, virtual time): who may manage campaigns (supervisors and admins
 * of their own tenant), what bad input gets (4xx, both languages), and an operator-mode campaign from
 * the upload of a CSV to the operator's script, answers and notes stored with the customer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../../runtime/clock.ts';
import { addMembership, createUser, upsertTenant } from '../../../runtime/store/queries/tenants-users.ts';
import { visibleTo } from '../../../studio/server/live/live-events.ts';
import { saveWorkspaceJson } from '../../../studio/server/queries/tenant-settings.ts';
import { DEMO, type Harness, startServer } from './support/server-harness.ts';

const OTHER = 'other-co';
const SURVEY = 'Удовлетворённость сервисом';
const IVAN = '0501234567'; // Иван Петренко of the demo customers
const STRANGER = '0507654321';

let h: Harness;
let supervisor: string;
let admin: string;
let operator: string;
let analyst: string;
let otherSupervisor: string;

beforeAll(async () => {
  h = await startServer({
    prepare: async (db) => {
      await upsertTenant(db, { id: OTHER, name: 'Other Co' });
      await saveWorkspaceJson(db, OTHER, { language: 'ru' });
      const user = await createUser(db, {
        email: 'supervisor@other.example',
        displayName: 'Other supervisor',
        password: 'other-supervisor-1',
      });
      await addMembership(db, OTHER, user.id, 'supervisor');
    },
  });
  [supervisor, admin, operator, analyst] = await Promise.all([
    h.as('supervisor'),
    h.as('admin'),
    h.as('operator'),
    h.as('analyst'),
  ]);
  otherSupervisor = await h.login('supervisor@other.example', 'other-supervisor-1');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const base = `/api/t/${DEMO}/campaigns`;
const create = (token: string, body: unknown, headers?: Record<string, string>) =>
  h.request('POST', base, { token, body, headers });

/** Moves virtual time until `done()`, letting the dialer's store writes land before each look. */
async function until(done: () => boolean | Promise<boolean>, limitMs = 3_600_000): Promise<void> {
  await (h.clock as VirtualClock).advanceUntil(async () => {
    await h.wired.dialer.flushed();
    return done();
  }, limitMs);
}

describe('who may manage campaigns', () => {
  let id: string;

  beforeAll(async () => {
    const reply = await create(supervisor, { name: 'Доступ', survey: SURVEY, mode: 'automated' });
    expect(reply.status).toBe(201);
    id = reply.json.id;
  });

  it('supervisors and admins of the tenant; not operators or analysts', async () => {
    expect((await h.request('GET', base, { token: supervisor })).status).toBe(200);
    expect((await h.request('GET', `${base}/${id}`, { token: admin })).status).toBe(200);
    for (const token of [operator, analyst]) {
      expect((await h.request('GET', base, { token })).status).toBe(403);
      expect((await create(token, { name: 'X', survey: SURVEY, mode: 'automated' })).status).toBe(403);
      expect((await h.request('POST', `${base}/${id}/start`, { token })).status).toBe(403);
    }
  });

  it('another tenant neither sees nor touches them', async () => {
    expect((await h.request('GET', base, { token: otherSupervisor })).status).toBe(404);
    const theirs = `/api/t/${OTHER}/campaigns`;
    expect((await h.request('GET', theirs, { token: otherSupervisor })).json).toEqual({ campaigns: [] });
    for (const [method, path] of [
      ['GET', `${theirs}/${id}`],
      ['POST', `${theirs}/${id}/start`],
      ['POST', `${theirs}/${id}/stop`],
      ['GET', `${theirs}/${id}/answers`],
    ] as const) {
      expect((await h.request(method, path, { token: otherSupervisor })).status).toBe(404);
    }
    const upload = await h.request('POST', `${theirs}/${id}/numbers`, {
      token: otherSupervisor,
      body: { numbers: [IVAN] },
    });
    expect(upload.status).toBe(404);
    expect((await h.request('GET', `${base}/${id}`, { token: supervisor })).json.counts.total).toBe(0);
  });

  it('the operator script routes are for operators', async () => {
    expect((await h.request('GET', `/api/t/${DEMO}/me/survey-call`, { token: supervisor })).status).toBe(403);
    expect((await h.request('GET', `/api/t/${DEMO}/me/survey-call`, { token: operator })).json).toEqual({
      call: null,
    });
  });

  it('campaign progress on the live stream reaches supervisors, and a survey call only its operator', () => {
    const sub = (roles: ('supervisor' | 'operator')[], operatorIds: string[] = []) => ({
      tenant: DEMO,
      userId: 'u',
      roles,
      operatorIds: new Set(operatorIds),
      send() {},
    });
    const progress = { kind: 'campaign' as const, tenant: DEMO, campaignId: id, operatorId: null, event: {} };
    const call = { ...progress, operatorId: 'op-1' };
    expect(visibleTo(progress, sub(['supervisor']))).toBe(true);
    expect(visibleTo(progress, sub(['operator'], ['op-1']))).toBe(false);
    expect(visibleTo(call, sub(['operator'], ['op-1']))).toBe(true);
    expect(visibleTo(call, sub(['operator'], ['op-2']))).toBe(false);
    expect(visibleTo({ ...progress, tenant: OTHER }, sub(['supervisor']))).toBe(false);
  });
});

describe('bad input gets a 4xx with the reason in both languages', () => {
  const ru = { 'accept-language': 'ru' };

  it('an unknown survey, a flow that is no survey, an operator campaign with no queue', async () => {
    const unknown = await create(supervisor, { name: 'A', survey: 'Нет такого', mode: 'automated' }, ru);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toBe('Развёрнутый опрос «Нет такого»: не найдено.');
    const flow = await create(supervisor, { name: 'B', survey: 'Поддержка АВС Интернет', mode: 'automated' });
    expect(flow.status).toBe(400);
    expect(flow.json.error).toMatchObject({ code: 'not-a-survey' });
    expect(flow.json.error.message).toContain('is a flow, not a survey');
    // The demo's group "survey-team" has no queue of its own.
    const noQueue = await create(supervisor, { name: 'C', survey: SURVEY, mode: 'operator' }, ru);
    expect(noQueue.status).toBe(400);
    expect(noQueue.json.error.code).toBe('no-queue');
    expect(noQueue.json.error.message).toContain('У группы опроса «survey-team» нет очереди');
    const badQueue = await create(supervisor, { name: 'D', survey: SURVEY, mode: 'operator', queue: 'nope' });
    expect(badQueue.json.error).toMatchObject({ status: 400, code: 'unknown-queue' });
  });

  it('malformed fields, windows and templates', async () => {
    const cases: [unknown, string][] = [
      [{ name: '', survey: SURVEY, mode: 'automated' }, 'body.name'],
      [{ name: 'E', survey: SURVEY, mode: 'robot' }, 'body.mode'],
      [
        { name: 'E', survey: SURVEY, mode: 'automated', window: { from: '25:00', to: '18:00' } },
        'body.window.from',
      ],
      [{ name: 'E', survey: SURVEY, mode: 'automated', dialTemplate: 'PJSIP/trunk' }, 'body.dialTemplate'],
      [
        { name: 'E', survey: SURVEY, mode: 'automated', pacing: { maxConcurrent: 0 } },
        'body.pacing.maxConcurrent',
      ],
      [{ name: 'E', survey: SURVEY, mode: 'automated', startAt: 'tomorrow' }, 'body.startAt'],
    ];
    for (const [body, path] of cases) {
      const reply = await create(supervisor, body, ru);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json.error.code).toBe('invalid-request');
      expect(reply.json.error.message).toMatch(/^Неверный запрос/);
      expect(reply.json.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const sameTimes = await create(supervisor, {
      name: 'E',
      survey: SURVEY,
      mode: 'automated',
      window: { from: '09:00', to: '09:00' },
    });
    expect(sameTimes.json.error).toMatchObject({ status: 400, code: 'bad-window' });
    const zone = await create(supervisor, {
      name: 'E',
      survey: SURVEY,
      mode: 'automated',
      timezone: 'Mars/Olympus',
    });
    expect(zone.json.error).toMatchObject({ status: 400, code: 'bad-timezone' });
  });

  it('bad numbers, a CSV sent as something else, a start with no numbers, a second campaign of one name', async () => {
    const made = await create(supervisor, { name: 'Номера', survey: SURVEY, mode: 'automated' });
    const id = made.json.id as string;
    const json = await h.request('POST', `${base}/${id}/numbers`, {
      token: supervisor,
      body: { numbers: [IVAN, 'позвоните мне', '12'] },
      headers: ru,
    });
    expect(json.status).toBe(400);
    expect(json.json.error).toMatchObject({ code: 'bad-numbers', items: [2, 3] });
    expect(json.json.error.message).toContain('в элементах 2, 3');
    const csv = await h.request('POST', `${base}/${id}/numbers/csv`, {
      token: supervisor,
      raw: 'phone,name\n0501112233,Ok\nnot-a-number,Bad\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(csv.json.error).toMatchObject({ status: 400, code: 'bad-numbers', lines: [3] });
    const wrongType = await h.request('POST', `${base}/${id}/numbers/csv`, {
      token: supervisor,
      raw: '0501112233\n',
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    const empty = await h.request('POST', `${base}/${id}/start`, { token: supervisor, headers: ru });
    expect(empty.status).toBe(409);
    expect(empty.json.error.message).toBe('В кампании ещё нет номеров: сначала загрузите их.');
    const twice = await create(supervisor, { name: 'Номера', survey: SURVEY, mode: 'automated' });
    expect(twice.status).toBe(409);
    const unknown = await h.request('POST', `${base}/00000000-0000-4000-8000-000000000000/start`, {
      token: supervisor,
    });
    expect(unknown.status).toBe(404);
    expect((await h.request('GET', `${base}/not-a-uuid`, { token: supervisor })).status).toBe(404);
  });
});

describe('an operator-mode campaign through the API', () => {
  it('a CSV upload, the start, the operator’s script, answers and notes stored with the customer', async () => {
    const { acd, demo, simulator } = h.wired;
    // The demo operators step away: the signed-in operator takes the survey calls.
    for (const id of demo!.seeded.operatorIds.values()) acd.setState(DEMO, id, 'NotReady');
    simulator!.control.defineOperator('PJSIP/2001', { type: 'answer-after', delayMs: 500 });
    for (const number of [IVAN, STRANGER]) {
      simulator!.world.operators.set(`PJSIP/${number}@trunk`, { type: 'answer-after', delayMs: 1_000 });
    }
    const ready = await h.request('PUT', `/api/t/${DEMO}/me/operator/state`, {
      token: operator,
      body: { state: 'Ready', extension: '2001' },
    });
    expect(ready.status).toBe(200);

    const made = await create(supervisor, {
      name: 'Удовлетворённость, март',
      survey: SURVEY,
      mode: 'operator',
      queue: 'general',
      retries: { count: 1, intervalSec: 600 },
      callerId: '0800300400',
    });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({
      status: 'draft',
      mode: 'operator',
      queue: 'general',
      survey: { flowName: SURVEY, version: 1 },
      retry: { retries: 1, intervalMs: 600_000 },
    });
    const id = made.json.id as string;
    const upload = await h.request('POST', `${base}/${id}/numbers/csv`, {
      token: supervisor,
      raw: `Телефон,Имя\n${IVAN},Иван\n050 765-43-21,Незнакомец\n${IVAN},дубль\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(upload.status).toBe(200);
    expect(upload.json).toMatchObject({ added: 2, skipped: 1, linked: 1, counts: { pending: 2, total: 2 } });

    const started = await h.request('POST', `${base}/${id}/start`, { token: supervisor });
    expect(started.json).toMatchObject({ status: 'running' });

    const current = async () =>
      (await h.request('GET', `/api/t/${DEMO}/me/survey-call`, { token: operator })).json.call;
    await until(async () => (await current()) !== null);
    const call = await current();
    expect(call).toMatchObject({
      number: IVAN,
      campaign: { id, name: 'Удовлетворённость, март' },
      customer: { name: 'Иван Петренко', vip: true },
      script: { current: { name: 'satisfied', answerType: 'yesno' }, done: false },
    });
    expect(call.script.lines[0].text).toBe('Добрый день, Вас беспокоит компания “АВС Интернет”.');
    const status = await h.request('GET', `${base}/${id}`, { token: supervisor });
    expect(status.json.counts).toMatchObject({ answered: 1, pending: 1 });

    const answers = `/api/t/${DEMO}/me/survey-call/answers`;
    const wrong = await h.request('POST', answers, {
      token: operator,
      body: { callId: call.callId, answers: [{ question: 'satisfied', value: 'может быть' }] },
      headers: { 'accept-language': 'ru' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toContain('должен быть: да или нет');
    const no = await h.request('POST', answers, {
      token: operator,
      body: { callId: call.callId, answers: [{ question: 'satisfied', value: 'нет' }] },
    });
    expect(no.json.call.script.current.name).toBe('complaint');
    const done = await h.request('POST', answers, {
      token: operator,
      body: {
        callId: call.callId,
        answers: [{ question: 'complaint', value: 'Скорость падает по вечерам' }],
        notes: 'Готов перейти на тариф «Турбо»',
      },
    });
    expect(done.json.call.script).toMatchObject({ done: true, current: null });
    const after = await h.request('POST', answers, {
      token: operator,
      body: { callId: call.callId, answers: [{ question: 'complaint', value: 'ещё' }] },
    });
    expect(after.json.error).toMatchObject({ status: 409, code: 'script-done' });
    const otherCall = await h.request('POST', answers, {
      token: operator,
      body: { callId: '00000000-0000-4000-8000-000000000000', notes: 'x' },
    });
    expect(otherCall.status).toBe(404);

    // Ivan hangs up; after the wrap-up the operator takes the second customer, who hangs up too.
    simulator!.control.hangupOperator(`PJSIP/${IVAN}@trunk`);
    await until(async () => (await current())?.number === STRANGER);
    simulator!.control.hangupOperator(`PJSIP/${STRANGER}@trunk`);
    await until(
      async () =>
        (await h.request('GET', `${base}/${id}`, { token: supervisor })).json.status === 'completed',
    );

    const final = await h.request('GET', `${base}/${id}`, { token: supervisor });
    expect(final.json.counts).toMatchObject({ completed: 2, total: 2 });
    expect(
      final.json.numbers.map((n: { number: string; state: string; attempts: number }) => [
        n.number,
        n.state,
        n.attempts,
      ]),
    ).toEqual([
      [IVAN, 'completed', 1],
      [STRANGER, 'completed', 1],
    ]);
    const stored = await h.request('GET', `${base}/${id}/answers`, { token: supervisor });
    expect(
      stored.json.answers.map((a: { question: string; answer: unknown }) => [a.question, a.answer]),
    ).toEqual([
      ['satisfied', 'no'],
      ['complaint', 'Скорость падает по вечерам'],
      ['operator-notes', 'Готов перейти на тариф «Турбо»'],
    ]);
    expect(stored.json.answers.every((a: { customerId: string }) => a.customerId === call.customer.id)).toBe(
      true,
    );
    const restart = await h.request('POST', `${base}/${id}/start`, { token: supervisor });
    expect(restart.json.error).toMatchObject({ status: 409, code: 'campaign-finished' });
  }, 120_000);
});
