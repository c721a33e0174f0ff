import { describe, expect, it } from 'vitest';
import type { Json } from '../../../language/compiled-format.ts';
import type { DataDriver } from '../../../runtime/data/data-operations.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { SUPPORT } from './flows.ts';

/** A billing source that never answers (and notes when it is told to stop). */
function silentBilling(aborted: string[]): DataDriver {
  return {
    call: (_operation, _config, _args, signal) =>
      new Promise<Json>(() => signal.addEventListener('abort', () => aborted.push('aborted'))),
  };
}

async function expectCleanedUp(h: Harness) {
  await h.clock.runUntilIdle();
  expect(h.runtime.activeCalls()).toBe(0);
  expect(h.pbx.listenerCount()).toBe(0);
  expect(h.clock.pendingTimers()).toBe(0);
  expect(h.runtime.busy()).toBe(false);
}

describe('the caller hangs up', () => {
  it('during a prompt: logged as abandoned, nothing left running', async () => {
    const h = await startHarness(SUPPORT);
    const call = await h.call();
    await h.clock.advance(1_000);
    h.pbx.callerHangsUp(call.channelId);
    const record = await h.untilEnded(call.callId);
    expect(record).toMatchObject({ outcome: 'abandoned', endedBy: 'caller', steps: ['main'], keys: [] });
    expect(record.endedAt).toBe('2026-01-05T08:00:01.000Z');
    await expectCleanedUp(h);
  });

  it('while digits are being collected', async () => {
    const h = await startHarness(SUPPORT);
    const call = await h.call();
    await h.enter(call, '3');
    await h.enter(call, '12');
    h.pbx.callerHangsUp(call.channelId);
    const record = await h.untilEnded(call.callId);
    expect(record).toMatchObject({ outcome: 'abandoned', steps: ['main', 'balance'], keys: ['3'] });
    await expectCleanedUp(h);
  });

  it('while a data operation is running: the request is aborted', async () => {
    const aborted: string[] = [];
    const h = await startHarness(SUPPORT, { dataDrivers: { billing: silentBilling(aborted) } });
    const call = await h.call();
    await h.enter(call, '3');
    await h.enter(call, '123456#');
    await h.enter(call, '7391#');
    await h.until(() => h.eventsOf(call.callId).some((e) => e.type === 'waiting' && e.for === 'data'));
    h.pbx.callerHangsUp(call.channelId);
    const record = await h.untilEnded(call.callId);
    expect(record).toMatchObject({ outcome: 'abandoned', keys: ['3', '123456#', '••••#'] });
    expect(aborted).toEqual(['aborted']);
    await expectCleanedUp(h);
  });

  it('while waiting in a queue: it leaves the queue, and an operator answering late is hung up', async () => {
    const h = await startHarness(SUPPORT, { queues: { tech: { operators: ['PJSIP/2001'] } } });
    h.pbx.endpoints.set('PJSIP/2001', { answerAfterMs: 60_000 });
    const call = await h.call();
    await h.enter(call, '1');
    await h.until(() => h.eventsOf(call.callId).some((e) => e.type === 'queue' && e.event === 'ringing'));
    await h.clock.advance(10_000);
    h.pbx.callerHangsUp(call.channelId);
    const record = await h.untilEnded(call.callId);
    expect(record.outcome).toBe('abandoned');
    expect(record.queue).toMatchObject({ name: 'tech', result: 'abandoned' });
    expect(record.queue!.waitMs).toBe(10_000);
    await expectCleanedUp(h);
    expect(h.pbx.actions.filter((a) => a.op === 'hangup' && a.target.startsWith('leg-'))).toHaveLength(1);
    expect(h.acd.operatorStates()).toEqual({ 'PJSIP/2001': 'Ready' });
  });
});
