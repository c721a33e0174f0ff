import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.ts';
import { SUPPORT } from './flows.ts';

const T0 = Date.parse('2026-01-05T08:00:00Z');

const VIP = `flow "VIP"
  answers "200"
  language ru

  let customer = billing.findByPhone(caller.number)
    on error -> queue "tech"
  queue "tech" priority (customer is not none and customer.vip ? 10 : 0)
`;

describe('queue through the FIFO ACD', () => {
  it('menu 1: announced recording, recorded, connected to an operator who answers, logged as queued', async () => {
    const h = await startHarness(SUPPORT, {
      queues: { tech: { operators: ['PJSIP/2001'], wrapUpMs: 30_000 } },
    });
    h.pbx.endpoints.set('PJSIP/2001', { answerAfterMs: 3_000 });
    const call = await h.call();
    await h.enter(call, '1');
    await h.until(() => h.eventsOf(call.callId).some((e) => e.type === 'queue' && e.event === 'connected'));
    expect(h.acd.operatorStates()).toEqual({ 'PJSIP/2001': 'Busy' });
    const operatorLeg = h.pbx.actions.find((a) => a.op === 'addToBridge')!.detail as string[];
    expect(operatorLeg[0]).toBe(call.channelId);

    await h.clock.advance(120_000); // they talk for two minutes; then the operator hangs up
    h.pbx.legHangsUp(operatorLeg[1]);
    const record = await h.untilEnded(call.callId);
    expect(record).toMatchObject({
      outcome: 'queued',
      operator: 'PJSIP/2001',
      queue: { name: 'tech', waitMs: 3_000, result: 'connected' },
      recording: `callflow-${call.callId}`,
    });
    expect(h.heard(call.callId)).toContain('Ваш разговор будет записан.');
    // Recorded on the conversation's bridge, not on the caller's channel (that would hold up prompts).
    expect(h.pbx.actions.find((a) => a.op === 'record')?.target).toMatch(/^bridge:/);
    expect(h.acd.operatorStates()).toEqual({ 'PJSIP/2001': 'WrapUp' });
    await h.clock.advance(30_000);
    expect(h.acd.operatorStates()).toEqual({ 'PJSIP/2001': 'Ready' });
  });

  it('a 10-minute wait runs in virtual time: an announcement with the wait estimate every minute, then overflow', async () => {
    const h = await startHarness(SUPPORT, { queues: { tech: { operators: ['PJSIP/2001'] } } });
    h.pbx.endpoints.set('PJSIP/2001', { fail: 'busy' });
    const call = await h.call();
    await h.enter(call, '1');
    const record = await h.untilEnded(call.callId);
    const announcements = h.heard(call.callId).filter((t) => t.startsWith('Все операторы на линии заняты'));
    expect(announcements).toHaveLength(10);
    expect(announcements[0]).toBe('Все операторы на линии заняты. Приблизительное время ожидания 1 минута.');
    expect(h.heard(call.callId).at(-1)).toBe('Пожалуйста, перезвоните позже.');
    expect(record.queue).toEqual({ name: 'tech', waitMs: 600_000, result: 'timeout' });
    expect(record.steps).toEqual(['main', 'busy']);
    expect(Date.parse(record.endedAt) - T0).toBeGreaterThan(600_000);
  });

  it('serves a VIP caller before one who has waited longer', async () => {
    const h = await startHarness(VIP, { queues: { tech: { operators: ['PJSIP/2001'] } } });
    h.pbx.endpoints.set('PJSIP/2001', { answerAfterMs: 1_000 });
    const first = await h.call('+380501111111', '200'); // takes the only operator
    await h.until(() => h.acd.operatorStates()['PJSIP/2001'] === 'Busy');
    const waiting = await h.call('+380502222222', '200');
    await h.clock.advance(5_000);
    const vip = await h.call('+380677777777', '200');
    await h.clock.advance(5_000);
    const operatorLeg = (h.pbx.actions.find((a) => a.op === 'addToBridge')!.detail as string[])[1];
    h.pbx.legHangsUp(operatorLeg);
    await h.clock.advance(31_000); // wrap-up, then the operator rings the next caller
    await h.until(() => h.eventsOf(vip.callId).some((e) => e.type === 'queue' && e.event === 'connected'));
    expect(h.eventsOf(waiting.callId).some((e) => e.type === 'queue' && e.event === 'connected')).toBe(false);
    expect(h.ended(first.callId)?.outcome).toBe('queued');
  });

  it('a queue without operators answers no-operators at once', async () => {
    const h = await startHarness(SUPPORT, { queues: {} });
    const call = await h.call();
    await h.enter(call, '1');
    const record = await h.untilEnded(call.callId);
    expect(record.queue).toEqual({ name: 'tech', waitMs: 0, result: 'no-operators' });
    expect(h.heard(call.callId).at(-1)).toBe('Пожалуйста, перезвоните позже.');
  });
});
