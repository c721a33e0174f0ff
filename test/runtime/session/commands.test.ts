import { describe, expect, it } from 'vitest';
import type { DataDriver } from '../../../runtime/data/data-operations.ts';
import { startHarness } from '../support/harness.ts';
import { SUPPORT } from './flows.ts';

const SURVEY = `survey "Опрос"
  answers "400"
  language ru
  question satisfied "Удовлетворены ли Вы сервисом?" yesno
    on yes -> question services "Какими сервисами Вы хотели бы пользоваться?" text
    on no -> question complaint "Что именно Вас не удовлетворяет?" text
  question score "Оцените нас от 1 до 5." number 1..5
  say "Спасибо."
  hangup
`;

const TRANSFER = `flow "T"
  answers "500"
  language en
  ask target = digits 1..1 timeout 5s
    prompt "Where to?"
  if target == "1"
    transfer to extension "1001"
  transfer to number "+380441234567"
`;

describe('question (keypad survey)', () => {
  it('yes (1) leads to the "yes" branch; the text answer is recorded; answers go to the call log', async () => {
    const h = await startHarness(SURVEY);
    const call = await h.call('+380501234567', '400');
    await h.enter(call, '1');
    await h.until(() => h.pbx.actions.some((a) => a.op === 'record'));
    await h.clock.advance(4_000);
    h.pbx.press(call.channelId, '#');
    await h.enter(call, '4#');
    const record = await h.untilEnded(call.callId);
    expect(h.heard(call.callId)).toEqual([
      'Удовлетворены ли Вы сервисом? Нажмите 1, если да, или 2, если нет.',
      'Какими сервисами Вы хотели бы пользоваться? Говорите после сигнала, затем нажмите решётку.',
      'Оцените нас от 1 до 5. Введите число и нажмите решётку.',
      'Спасибо.',
    ]);
    expect(record.custom).toEqual({
      satisfied: 'yes',
      services: `recording:callflow-${call.callId}-services`,
      score: 4,
    });
  });

  it('no (2) leads to the "no" branch; a number out of range is asked again', async () => {
    const h = await startHarness(SURVEY);
    const call = await h.call('+380501234567', '400');
    await h.enter(call, '2');
    await h.until(() => h.pbx.actions.some((a) => a.op === 'record'));
    h.pbx.press(call.channelId, '#');
    await h.enter(call, '9#');
    await h.enter(call, '5#');
    const record = await h.untilEnded(call.callId);
    expect(h.heard(call.callId)[1]).toMatch(/^Что именно Вас не удовлетворяет\?/);
    expect(record.custom).toMatchObject({ satisfied: 'no', score: 5 });
    expect(record.keys).toEqual(['2', '9', '5']);
  });
});

describe('transfer', () => {
  it('to an extension that answers: dialled through the dial plan, bridged, logged as transferred', async () => {
    const h = await startHarness(TRANSFER);
    h.pbx.endpoints.set('PJSIP/1001', { answerAfterMs: 2_000 });
    const call = await h.call('+380501234567', '500');
    await h.enter(call, '1');
    await h.until(() => h.pbx.actions.some((a) => a.op === 'addToBridge'));
    h.pbx.callerHangsUp(call.channelId);
    const record = await h.untilEnded(call.callId);
    expect(record).toMatchObject({
      outcome: 'transferred',
      transfers: [{ target: 'extension', destination: '1001', result: 'connected' }],
    });
    const originate = h.pbx.actions.find((a) => a.op === 'originate')!;
    expect(originate.detail).toMatchObject({ endpoint: 'PJSIP/1001', callerId: '+380501234567' });
    // The other leg is hung up and the bridge destroyed when the caller leaves.
    expect(h.pbx.actions.filter((a) => a.op === 'hangup').map((a) => a.target)).toContain('leg-3');
    expect(h.pbx.actions.some((a) => a.op === 'destroyBridge')).toBe(true);
  });

  it('to a busy number: logged with the reason; the transfer ends the flow, so the call is hung up', async () => {
    const h = await startHarness(TRANSFER);
    h.pbx.endpoints.set('PJSIP/+380441234567@trunk', { fail: 'busy' });
    const call = await h.call('+380501234567', '500');
    await h.enter(call, '2');
    const record = await h.untilEnded(call.callId);
    expect(record.transfers).toEqual([{ target: 'number', destination: '+380441234567', result: 'busy' }]);
    expect(record).toMatchObject({ outcome: 'completed', endedBy: 'flow' });
    expect(h.pbx.isAlive(call.channelId)).toBe(false);
  });
});

describe('data operations in a call', () => {
  it('a source that does not answer times out after its declared timeout and takes `on error`', async () => {
    const silent: DataDriver = { call: () => new Promise(() => {}) };
    const h = await startHarness(SUPPORT, { dataDrivers: { billing: silent } });
    const call = await h.call();
    await h.enter(call, '3');
    await h.enter(call, '123456#');
    await h.enter(call, '7391#');
    const record = await h.untilEnded(call.callId);
    const data = h
      .eventsOf(call.callId)
      .filter((e) => e.type === 'data' || (e.type === 'waiting' && e.for === 'data'));
    expect(data.map((e) => (e.at - data[0].at) / 1000)).toEqual([0, 2]);
    expect(data[1]).toMatchObject({ type: 'data', ok: false, error: 'timeout' });
    expect(h.heard(call.callId).at(-1)).toBe('Пожалуйста, перезвоните позже.');
    expect(record.steps).toEqual(['main', 'balance', 'busy']);
  });

  it('a failing source takes `on error`', async () => {
    const broken: DataDriver = { call: async () => Promise.reject(new Error('connection refused')) };
    const h = await startHarness(SUPPORT, { dataDrivers: { billing: broken } });
    const call = await h.call();
    await h.enter(call, '3');
    await h.enter(call, '123456#');
    await h.enter(call, '7391#');
    await h.untilEnded(call.callId);
    expect(h.eventsOf(call.callId).find((e) => e.type === 'data')).toMatchObject({
      ok: false,
      error: 'failed',
    });
    expect(h.heard(call.callId).at(-1)).toBe('Пожалуйста, перезвоните позже.');
  });
});
