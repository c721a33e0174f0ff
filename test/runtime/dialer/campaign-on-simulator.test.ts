/**
 * Campaigns end to end through the PBX simulator, the ARI adapter, the ACD and the runtime, on one
 * virtual clock: numbers that answer, never answer or are busy get their outcomes and retries; the
 * automated survey stores the keypad answers with the customer; in operator mode the answered
 * customer is connected to a Ready operator of "survey-team", whose script and answers work, and no
 * more calls are set up than there are Ready operators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCustomerByPhone } from '../../../runtime/store/queries/customers.ts';
import { answersOfCustomer } from '../../../runtime/store/queries/survey-answers.ts';
import { CUSTOMERS, type DialerSim, dialerOnSimulator, TENANT } from './support/dialer-on-simulator.ts';

let h: DialerSim;

beforeAll(async () => {
  h = await dialerOnSimulator();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

async function customerId(phone: string): Promise<string> {
  return (await findCustomerByPhone(h.db, TENANT, phone))!.id;
}

describe('an automated campaign', () => {
  it('answers, busy lines and silence get their outcomes and retries; keypad answers are stored with the customer', async () => {
    const [anna, bohdan, vira, hryhorii] = CUSTOMERS.map((c) => c.phone);
    h.phone(anna, { type: 'answer-after', delayMs: 2_000 });
    h.phone(bohdan, { type: 'busy' });
    h.phone(vira, { type: 'never' });
    h.phone(hryhorii, { type: 'never' });
    const campaign = h.campaign({ mode: 'automated', retry: { retries: 1, intervalMs: 10 * 60_000 } }, [
      { number: anna, customerId: await customerId(anna) },
      { number: bohdan, customerId: await customerId(bohdan) },
      { number: vira },
      { number: hryhorii, customerId: await customerId(hryhorii) },
    ]);
    const startedAt = h.clock.now();
    const progress = await h.dialer.start(TENANT, campaign.id);
    expect(progress.campaign.status).toBe('running');

    // Anna answers and takes the keypad survey: 1 (yes), then a spoken answer ended with '#'.
    let annaCall = '';
    await h.until(async () => {
      const n = await h.numberOf(campaign, anna);
      annaCall = n.callId ?? '';
      return n.state === 'answered' && h.waitingForKeys(annaCall);
    });
    expect(h.heard(annaCall)[0]).toContain('Вас беспокоит компания');
    h.sim.control.operatorPressKeys(`PJSIP/${anna}@trunk`, '1');
    await h.until(() => h.heard(annaCall).some((t) => t.startsWith('Какими сервисами')));
    await h.until(() => h.waitingForKeys(annaCall));
    h.sim.control.operatorPressKeys(`PJSIP/${anna}@trunk`, '#');
    await h.until(async () => (await h.numberOf(campaign, anna)).state === 'completed');
    expect(h.heard(annaCall).at(-1)).toBe('Спасибо за Ваши ответы! До свидания.');

    // Busy and unanswered numbers wait for their retry; Hryhorii picks up the second time.
    expect(await h.numberOf(campaign, bohdan)).toMatchObject({
      state: 'retry-at',
      attempts: 1,
      lastResult: 'busy',
    });
    await h.until(async () => (await h.numberOf(campaign, vira)).state === 'retry-at');
    const first = await h.numberOf(campaign, vira);
    expect(first).toMatchObject({ attempts: 1, lastResult: 'no-answer' });
    // Rang for the campaign's ring timeout (20 s), then the retry interval.
    expect(first.nextAttemptAt! - startedAt).toBeGreaterThanOrEqual(20_000 + 10 * 60_000);
    h.phone(hryhorii, { type: 'answer-after', delayMs: 1_000 });

    await h.until(async () => (await h.status(campaign)) === 'completed');
    const outcome = Object.fromEntries(
      (await h.numbers(campaign)).map((n) => [n.number, [n.state, n.attempts]]),
    );
    expect(outcome).toEqual({
      [anna]: ['completed', 1],
      [bohdan]: ['busy', 2],
      [vira]: ['no-answer', 2],
      [hryhorii]: ['completed', 2],
    });
    const retriedAt = h.callLog.records.find((r) => r.caller === hryhorii)!;
    expect(Date.parse(retriedAt.startedAt) - startedAt).toBeGreaterThanOrEqual(10 * 60_000);

    const annaAnswers = await answersOfCustomer(h.db, TENANT, await customerId(anna));
    expect(annaAnswers.map((a) => [a.survey, a.question, a.callId])).toEqual([
      [campaign.name, 'satisfied', annaCall],
      [campaign.name, 'services', annaCall],
    ]);
    expect(annaAnswers[0].answer).toBe('yes');
    expect(annaAnswers[1].answer).toMatch(/^recording:/);
    // Hryhorii pressed nothing: "no answer" is stored as such.
    const silent = await answersOfCustomer(h.db, TENANT, await customerId(hryhorii));
    expect(silent.map((a) => [a.question, a.answer])).toEqual([['satisfied', null]]);
    expect(h.logger.lines.filter((l) => l.includes('dialer'))).toEqual([]);
    // Vira is no customer of the store: her number was dialled all the same, nothing stored.
    expect(h.callLog.records.filter((r) => r.caller === vira)).toEqual([]);
  }, 120_000);
});

describe('an operator-mode campaign', () => {
  it('connects the answered customer to a Ready operator of survey-team, whose script and answers are stored', async () => {
    const first = '0505555501';
    const second = '0505555502';
    h.phone(first, { type: 'answer-after', delayMs: 1_000 });
    h.phone(second, { type: 'answer-after', delayMs: 1_000 });
    h.operatorReady('anna', '1001', 500);
    const customer = await customerId(CUSTOMERS[0].phone);
    const campaign = h.campaign(
      { mode: 'operator', queue: 'survey-team', pacing: { maxConcurrent: 5, ratio: 1 } },
      [{ number: first, customerId: customer }, { number: second }],
    );
    await h.dialer.start(TENANT, campaign.id);

    await h.until(() => h.dialer.surveyCall(TENANT, 'anna') !== null);
    const call = h.dialer.surveyCall(TENANT, 'anna')!;
    expect(call).toMatchObject({ number: first, customerId: customer, operatorId: 'anna' });
    expect(h.acd.core(TENANT).operators.get('anna')?.state).toBe('Busy');
    // One Ready operator, ratio 1: the second number waits for her.
    expect((await h.numberOf(campaign, second)).state).toBe('pending');
    const bridged = h.sim.control.transcript(call.channelId);
    expect(bridged.some((e) => e.kind === 'bridge-joined' && e.bridgeType === 'mixing')).toBe(true);

    const script = call.script!.view();
    expect(script.lines[0]).toEqual({
      kind: 'say',
      text: 'Добрый день, Вас беспокоит компания “АВС Интернет”.',
    });
    expect(script.current?.name).toBe('satisfied');
    const yes = await h.dialer.answer(TENANT, 'anna', {
      callId: call.callId,
      answers: [{ question: 'satisfied', value: 'да' }],
    });
    expect(yes.ok && yes.view.current?.name).toBe('services');
    const refused = await h.dialer.answer(TENANT, 'anna', {
      callId: call.callId,
      answers: [{ question: 'complaint', value: 'x' }],
    });
    expect(refused).toMatchObject({ ok: false, code: 'not-current', current: 'services', stored: 0 });
    const done = await h.dialer.answer(TENANT, 'anna', {
      callId: call.callId,
      answers: [{ question: 'services', value: 'Телевидение' }],
      notes: 'Просит перезвонить вечером',
    });
    expect(done.ok && done.view.done).toBe(true);
    const stored = await answersOfCustomer(h.db, TENANT, customer);
    expect(
      stored.filter((a) => a.callId === call.callId).map((a) => [a.survey, a.question, a.answer]),
    ).toEqual([
      [campaign.name, 'satisfied', 'yes'],
      [campaign.name, 'services', 'Телевидение'],
      [campaign.name, 'operator-notes', 'Просит перезвонить вечером'],
    ]);

    // The customer hangs up: the number is completed, Anna wraps up, then takes the next customer.
    h.sim.control.hangupOperator(call.channelId);
    await h.until(async () => (await h.numberOf(campaign, first)).state === 'completed');
    await h.until(() => h.acd.core(TENANT).operators.get('anna')?.state === 'WrapUp');
    expect((await h.numberOf(campaign, second)).state).toBe('pending');
    await h.until(() => h.dialer.surveyCall(TENANT, 'anna')?.number === second);
    const next = h.dialer.surveyCall(TENANT, 'anna')!;
    expect(next.customerId).toBeNull();
    h.sim.control.hangupOperator(next.channelId);
    await h.until(async () => (await h.status(campaign)) === 'completed');

    const record = h.callLog.records.find((r) => r.callId === call.callId)!;
    expect(record).toMatchObject({
      caller: first,
      flowName: 'Удовлетворённость сервисом',
      operator: 'anna',
      queue: { name: 'survey-team', result: 'connected' },
      custom: { satisfied: 'yes', services: 'Телевидение' },
    });
  }, 120_000);

  it('waits while nobody of the group is Ready; a customer no operator takes is let go and the attempt fails', async () => {
    const lonely = '0505555509';
    h.phone(lonely, { type: 'answer-after', delayMs: 500 });
    h.acd.logOut(TENANT, 'anna');
    await h.until(() => h.acd.core(TENANT).operators.get('anna')?.state === 'LoggedOut');
    const campaign = h.campaign(
      { mode: 'operator', queue: 'survey-team', retry: { retries: 0, intervalMs: 60_000 } },
      [{ number: lonely }],
    );
    const progress = await h.dialer.start(TENANT, campaign.id);
    expect(progress.waiting).toBe('no-operators');
    await h.clock.advance(5 * 60_000);
    expect((await h.numberOf(campaign, lonely)).state).toBe('pending');

    // Anna comes back, but her phone rings out: the customer waits the operator wait (60 s), then goes.
    h.sim.control.defineOperator('PJSIP/1001', { type: 'never' });
    h.acd.logIn(TENANT, 'anna', '1001');
    h.acd.setState(TENANT, 'anna', 'Ready');
    await h.until(async () => (await h.numberOf(campaign, lonely)).state === 'answered');
    const answeredAt = h.clock.now();
    await h.until(async () => (await h.numberOf(campaign, lonely)).state === 'failed');
    const n = await h.numberOf(campaign, lonely);
    expect(n).toMatchObject({ attempts: 1, lastResult: 'no-operator' });
    expect(n.endedAt! - answeredAt).toBeGreaterThanOrEqual(60_000);
    expect(h.acd.core(TENANT).operators.get('anna')).toMatchObject({
      state: 'NotReady',
      reason: 'ring-no-answer',
    });
    const alive = () =>
      [...h.sim.world.channels.values()].some((c) => c.resource === `${lonely}@trunk` && !c.hangingUp);
    await h.until(() => !alive());
    await h.until(async () => (await h.status(campaign)) === 'completed');
    // Finished and quiet: the dialer lets the campaign go; the store keeps it.
    await h.until(() => h.dialer.progress(TENANT, campaign.id) === null);
  }, 60_000);
});

describe('campaign control on the clock', () => {
  it('stop withdraws a call still ringing: the number is not counted as attempted, the line is hung up', async () => {
    const number = '0506666611';
    h.phone(number, { type: 'never' });
    const campaign = h.campaign(
      {
        pacing: { maxConcurrent: 1, ratio: 1 },
        ringTimeoutSec: 60,
        retry: { retries: 0, intervalMs: 60_000 },
      },
      [{ number }],
    );
    await h.dialer.start(TENANT, campaign.id);
    await h.until(async () => (await h.numberOf(campaign, number)).state === 'dialing');
    const ringing = () =>
      [...h.sim.world.channels.values()].some((c) => c.resource === `${number}@trunk` && !c.hangingUp);
    await h.until(() => ringing());
    await h.dialer.stop(TENANT, campaign.id);
    await h.until(() => !ringing());
    await h.until(async () => (await h.numberOf(campaign, number)).state === 'pending');
    expect(await h.numberOf(campaign, number)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(h.dialer.progress(TENANT, campaign.id)?.campaign.status ?? (await h.status(campaign))).toBe(
      'stopped',
    );
  }, 60_000);

  it('waits for its start time and window; pause holds it; stop ends it with numbers left undialled', async () => {
    const numbers = ['0506666601', '0506666602', '0506666603'];
    for (const n of numbers) h.phone(n, { type: 'busy' });
    const startAt = h.clock.now() + 3_600_000;
    const campaign = h.campaign(
      {
        startAt,
        window: { from: '09:00', to: '20:00' },
        pacing: { maxConcurrent: 1, ratio: 1 },
        retry: { retries: 0, intervalMs: 60_000 },
      },
      numbers.map((number) => ({ number })),
    );
    const started = await h.dialer.start(TENANT, campaign.id);
    expect(started).toMatchObject({ waiting: 'before-start', wakeAt: startAt });

    await h.dialer.pause(TENANT, campaign.id);
    await h.clock.advanceTo(startAt + 60_000);
    expect((await h.numbers(campaign)).map((n) => n.state)).toEqual(['pending', 'pending', 'pending']);

    await h.dialer.start(TENANT, campaign.id);
    // One line at a time: the first busy signal comes back before the second number is dialled.
    await h.until(async () => (await h.numberOf(campaign, numbers[0])).state === 'busy');
    const stopped = await h.dialer.stop(TENANT, campaign.id);
    expect(stopped.campaign.status).toBe('stopped');
    await h.clock.advance(10 * 60_000);
    const states = (await h.numbers(campaign)).map((n) => n.state);
    expect(states[0]).toBe('busy');
    expect(states.filter((s) => s === 'pending').length).toBeGreaterThanOrEqual(1);
    expect(states.every((s) => s === 'busy' || s === 'pending')).toBe(true);
    await expect(h.dialer.start(TENANT, campaign.id)).rejects.toMatchObject({ code: 'finished' });
  }, 60_000);
});
