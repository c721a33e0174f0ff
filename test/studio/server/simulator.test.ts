/**
 * The call simulator through the API: a call at another time of day (the flow's clock, for that
 * call only), a call on the draft in the editor (checked, never deployed), and the variables on its
 * steps with the PIN masked. The server's virtual clock starts on Monday 2026-01-05 at 11:00 in Kyiv.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../runtime/call-events.ts';
import { DEMO, type Harness, startServer } from './support/server-harness.ts';

const HOURS_NAME = 'Часы работы';
const HOURS_NUMBER = '0800300900';
const hours = (evening: string) => `flow "${HOURS_NAME}"
  answers "${HOURS_NUMBER}"
  language ru

  if not within "support-hours"
    say "${evening}"
    hangup
  say "Мы работаем, соединяем."
  hangup
`;
const SUPPORT = 'Поддержка АВС Интернет';

let h: Harness;
let admin: string;
let analyst: string;
const events: CallEvent[] = [];

beforeAll(async () => {
  h = await startServer();
  h.wired.runtime.events.on((e) => events.push(e));
  admin = await h.as('admin');
  analyst = await h.as('analyst');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

interface SimView {
  id: string;
  status: string;
  draft: boolean;
  clockAt: number | null;
}

async function place(body: Record<string, unknown>): Promise<SimView> {
  const reply = await h.request('POST', `/api/t/${DEMO}/sim/calls`, { token: analyst, body });
  expect(reply.status, reply.text).toBe(201);
  return reply.json as SimView;
}

const simCall = (id: string) => h.wired.deps.simulatedCalls!.get(DEMO, id)!;
const ended = (id: string) => simCall(id).status === 'ended';
const heard = (id: string) =>
  simCall(id).events.flatMap((e) => (e.type === 'prompt' ? [e.text as string] : []));

describe('time of day', () => {
  beforeAll(async () => {
    const reply = await h.request('POST', `/api/t/${DEMO}/flows/${encodeURIComponent(HOURS_NAME)}/deploy`, {
      token: admin,
      body: { source: hours('Вы позвонили в нерабочее время.') },
    });
    expect(reply.status, reply.text).toBe(201);
  });

  it('gives the after-hours branch at 22:00 while a call placed beside it keeps the real clock', async () => {
    const late = await place({ from: '0501234567', to: HOURS_NUMBER, clock: '22:00' });
    const now = await place({ from: '0501234567', to: HOURS_NUMBER });
    // 22:00 in Kyiv (UTC+2 in January) on the server's day.
    expect(late.clockAt).toBe(Date.parse('2026-01-05T20:00:00Z'));
    expect(now.clockAt).toBeNull();
    await h.until(() => ended(late.id) && ended(now.id));
    expect(heard(late.id)).toEqual(['Вы позвонили в нерабочее время.']);
    expect(heard(now.id)).toEqual(['Мы работаем, соединяем.']);
  });

  it('takes a weekday too ("Sun 12:00", "Сб 11:00"), read in the flow’s time zone', async () => {
    const sunday = await place({ from: '0501234567', to: HOURS_NUMBER, clock: 'Sun 12:00' });
    const saturday = await place({ from: '0501234567', to: HOURS_NUMBER, clock: 'Сб 11:00' });
    await h.until(() => ended(sunday.id) && ended(saturday.id));
    expect(heard(sunday.id)).toEqual(['Вы позвонили в нерабочее время.']);
    expect(heard(saturday.id)).toEqual(['Мы работаем, соединяем.']);
  });

  it('refuses a time it cannot read, placing nothing', async () => {
    const reply = await h.request('POST', `/api/t/${DEMO}/sim/calls`, {
      token: analyst,
      headers: { 'accept-language': 'ru' },
      body: { from: '0501234567', to: HOURS_NUMBER, clock: '25:00' },
    });
    expect(reply.status).toBe(422);
    expect(reply.json.error).toMatchObject({ code: 'bad-time', message: expect.stringMatching(/не время/) });
  });
});

describe('a draft', () => {
  it('runs the source sent with the call, deploying nothing; the next call reaches the deployed version', async () => {
    const flow = encodeURIComponent(SUPPORT);
    const before = await h.request('GET', `/api/t/${DEMO}/flows/${flow}/versions`, { token: analyst });
    const active = await h.request('GET', `/api/t/${DEMO}/flows/${flow}`, { token: analyst });
    const draft = (active.json.active.source as string).replace(
      'Добрый день, компания',
      'Черновик: добрый день, компания',
    );
    const tried = await place({ from: '0501234567', to: '0800300400', source: draft });
    const usual = await place({ from: '0501234567', to: '0800300400' });
    expect(tried.draft).toBe(true);
    expect(usual.draft).toBe(false);
    await h.until(() => heard(tried.id).length > 0 && heard(usual.id).length > 0);
    expect(heard(tried.id)[0]).toMatch(/^Черновик: добрый день/);
    expect(heard(usual.id)[0]).toMatch(/^Добрый день/);
    for (const id of [tried.id, usual.id]) {
      await h.request('POST', `/api/t/${DEMO}/sim/calls/${id}/hangup`, { token: analyst });
    }
    await h.until(() => ended(tried.id) && ended(usual.id));
    const after = await h.request('GET', `/api/t/${DEMO}/flows/${flow}/versions`, { token: analyst });
    expect(after.json.versions).toEqual(before.json.versions);
    expect(h.wired.runtime.activeFor('0800300400')?.name).toBe(SUPPORT);
  });

  it('runs on the deployed version when the source sent is the active one', async () => {
    const flow = encodeURIComponent(SUPPORT);
    const active = await h.request('GET', `/api/t/${DEMO}/flows/${flow}`, { token: analyst });
    const call = await place({ from: '0501234567', to: '0800300400', source: active.json.active.source });
    expect(call.draft).toBe(false);
    await h.until(() => heard(call.id).length > 0);
    const started = simCall(call.id).events.find((e) => e.type === 'call-started');
    expect(started?.version).toBe(active.json.active.version);
    await h.request('POST', `/api/t/${DEMO}/sim/calls/${call.id}/hangup`, { token: analyst });
    await h.until(() => ended(call.id));
  });

  it('runs a draft of a flow never deployed, at the time of day asked', async () => {
    const source = hours('Черновик: сейчас мы закрыты.').replace(HOURS_NUMBER, '0800300999');
    const call = await place({ from: '0501234567', to: '0800300999', source, clock: '23:30' });
    await h.until(() => ended(call.id));
    expect(heard(call.id)).toEqual(['Черновик: сейчас мы закрыты.']);
  });

  it('is refused with its diagnostics when it has errors, and no call is placed', async () => {
    const calls = events.filter((e) => e.type === 'call-started').length;
    const reply = await h.request('POST', `/api/t/${DEMO}/sim/calls`, {
      token: analyst,
      body: { from: '0501234567', to: HOURS_NUMBER, source: `${hours('x')}  goto nowhere\n` },
    });
    expect(reply.status).toBe(422);
    expect(reply.json.error.code).toBe('flow-has-errors');
    expect(reply.json.error.diagnostics.some((d: { severity: string }) => d.severity === 'error')).toBe(true);
    await h.until(() => true);
    expect(events.filter((e) => e.type === 'call-started').length).toBe(calls);
  });
});

describe('variables', () => {
  it('come with the steps of a simulated call, the PIN masked and nowhere in the events', async () => {
    const call = await place({ from: '0501234567', to: '0800300400' });
    const waits = () =>
      events.filter((e) => e.callId === simCall(call.id).callId && e.type === 'waiting' && e.for === 'keys')
        .length;
    for (const [n, keys] of [
      [1, '3'],
      [2, '123456#'],
      [3, '1111#'],
    ] as const) {
      await h.until(() => waits() >= n);
      await h.request('POST', `/api/t/${DEMO}/sim/calls/${call.id}/keys`, {
        token: analyst,
        body: { digits: keys },
      });
    }
    await h.until(() => ended(call.id));
    const reply = await h.request('GET', `/api/t/${DEMO}/sim/calls/${call.id}`, { token: analyst });
    const steps = (reply.json.events as { type: string; vars?: Record<string, unknown> }[]).filter(
      (e) => e.type === 'step',
    );
    expect(steps.every((e) => e.vars !== undefined)).toBe(true);
    expect(steps.at(-1)?.vars).toMatchObject({
      contract: '123456',
      pin: '••••',
      account: { balance: 50, currency: 'UAH' },
    });
    expect(reply.text).not.toContain('"1111');
    expect(JSON.stringify(events)).not.toContain('1111#');
  });
});
