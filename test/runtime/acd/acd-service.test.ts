import { afterEach, describe, expect, it } from 'vitest';
import type { QueueOutcome } from '../../../runtime/acd/acd.ts';
import { CallerLeftQueue } from '../../../runtime/acd/acd-call.ts';
import type { AcdEvent } from '../../../runtime/acd/acd-core.ts';
import {
  type AcdSim,
  acdOnSimulator,
  recordingAnnouncer,
  type SimOperator,
  watch,
} from './support/acd-on-simulator.ts';

let h: AcdSim | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const answers = (delayMs = 2_000) => ({ type: 'answer-after' as const, delayMs });
const op = (
  id: string,
  extension: string,
  queues: string[],
  phone: SimOperator['phone'] = answers(),
): SimOperator => ({
  id,
  extension,
  queues,
  phone,
});

/** A caller who joins `queue`, and the box its outcome lands in. */
async function queued(sim: AcdSim, queue: string, extra = {}) {
  const caller = await sim.caller();
  const request = sim.request(caller.id, queue, extra);
  const outcome = watch<QueueOutcome>(sim.acd.enqueue(request));
  await sim.clock.advance(0);
  return { caller, request, outcome };
}

describe('ACD service on the PBX simulator: connecting', () => {
  it('connects a caller to a ready operator in a mixing bridge; wrap-up, then Ready', async () => {
    h = await acdOnSimulator({
      queues: [{ name: 'tech', wrapUpMs: 30_000 }],
      operators: [op('anna', '1001', ['tech'])],
    });
    h.ready('anna');
    const { caller, outcome } = await queued(h, 'tech');
    await h.until(() => outcome.settled);
    expect(outcome.value).toMatchObject({ type: 'connected', operator: 'anna' });
    expect((outcome.value as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(2_000);
    const joined = caller.transcript().filter((e) => e.kind === 'bridge-joined');
    expect(joined.map((e) => (e as { bridgeType: string }).bridgeType)).toEqual(['holding', 'mixing']);
    expect(h.operatorState('anna')).toBe('Busy');
    caller.hangup();
    await h.until(() => h!.operatorState('anna') === 'WrapUp');
    expect(h.operatorLegUp('PJSIP/1001')).toBe(false);
    await h.clock.advance(29_000);
    expect(h.operatorState('anna')).toBe('WrapUp');
    await h.clock.advance(1_000);
    expect(h.operatorState('anna')).toBe('Ready');
  });

  it('all operators busy: music in the holding bridge and announcements with EWT until one is Ready', async () => {
    h = await acdOnSimulator({
      queues: [{ name: 'tech', wrapUpMs: 10_000 }],
      operators: [op('anna', '1001', ['tech'])],
    });
    h.ready('anna');
    const first = await queued(h, 'tech');
    await h.until(() => first.outcome.settled);
    const caller = await h.caller();
    const announcer = recordingAnnouncer(h, caller.id);
    const outcome = watch(
      h.acd.enqueue(h.request(caller.id, 'tech', { announce: announcer.announce, announceEveryMs: 30_000 })),
    );
    await h.clock.advance(70_000);
    expect(caller.transcript().some((e) => e.kind === 'moh-started' && e.via === 'bridge')).toBe(true);
    // At once, then every 30 s after the previous one ended (the prompt lasts 2.25 s).
    expect(announcer.heard.map((a) => a.at - announcer.heard[0].at)).toEqual([0, 32_250, 64_500]);
    // One operator on a call, AHT guess 3 min: the median wait is ln 2 · 3 min (ewt.ts).
    expect(announcer.heard[0]).toMatchObject({ position: 1, ewtMinutes: Math.LN2 * 3 });
    first.caller.hangup();
    await h.until(() => outcome.settled);
    expect(outcome.value).toMatchObject({ type: 'connected', operator: 'anna' });
    // Wrap-up of the first call (10 s) + ring (2 s) after the hang-up.
    expect(h.operatorState('anna')).toBe('Busy');
  });

  it('serves a VIP caller (higher priority) before callers who waited longer', async () => {
    h = await acdOnSimulator({
      queues: [{ name: 'tech', wrapUpMs: 0 }],
      operators: [op('anna', '1001', ['tech'])],
    });
    h.acd.logIn('abc', 'anna', '1001');
    const plain1 = await queued(h, 'tech');
    const plain2 = await queued(h, 'tech');
    const vip = await queued(h, 'tech', { priority: 10 });
    h.acd.setState('abc', 'anna', 'Ready');
    await h.until(() => vip.outcome.settled);
    expect(plain1.outcome.settled || plain2.outcome.settled).toBe(false);
    vip.caller.hangup();
    await h.until(() => plain1.outcome.settled);
    expect(plain2.outcome.settled).toBe(false);
  });

  it('nobody of the queue logged in: no-operators at once', async () => {
    h = await acdOnSimulator({ queues: [{ name: 'tech' }], operators: [op('anna', '1001', ['tech'])] });
    const { outcome } = await queued(h, 'tech');
    expect(outcome.value).toEqual({ type: 'no-operators', waitedMs: 0 });
  });

  it('the operator hangs up: the caller is hung up too and the operator wraps up', async () => {
    h = await acdOnSimulator({
      queues: [{ name: 'tech', wrapUpMs: 5_000 }],
      operators: [op('anna', '1001', ['tech'])],
    });
    h.ready('anna');
    const { caller, outcome } = await queued(h, 'tech');
    await h.until(() => outcome.settled);
    await h.clock.advance(60_000);
    h.sim.control.hangupOperator('PJSIP/1001');
    await h.until(() => !caller.alive);
    expect(h.operatorState('anna')).toBe('WrapUp');
    expect(h.sim.world.bridges.size).toBe(1);
  });

  it('reports state changes and queue events for the API', async () => {
    h = await acdOnSimulator({
      queues: [{ name: 'tech', wrapUpMs: 0 }],
      operators: [op('anna', '1001', ['tech'])],
    });
    const events: AcdEvent[] = [];
    h.acd.onEvent((e) => events.push(e));
    h.ready('anna');
    const { outcome } = await queued(h, 'tech');
    await h.until(() => outcome.settled);
    expect(events.map((e) => (e.type === 'operator-state' ? `state:${e.to}` : e.type))).toEqual([
      'state:NotReady',
      'state:Ready',
      'caller-joined',
      'state:Busy',
      'caller-offered',
      'caller-left',
    ]);
  });
});

describe('ACD service on the PBX simulator: when it does not connect', () => {
  it('ring no answer: caller back at the head, operator NotReady (ring-no-answer), next operator gets it', async () => {
    h = await acdOnSimulator({
      queues: [{ name: 'tech', ringTimeoutMs: 15_000, wrapUpMs: 0 }],
      operators: [op('sleepy', '1001', ['tech'], { type: 'never' }), op('boris', '1002', ['tech'])],
    });
    h.ready('sleepy');
    const first = await queued(h, 'tech');
    await h.clock.advance(5_000);
    const second = await queued(h, 'tech');
    await h.until(() => h!.operatorState('sleepy') === 'NotReady');
    expect(h.core.operators.get('sleepy')?.reason).toBe('ring-no-answer');
    expect(h.core.position(first.request.callId)).toBe(1);
    expect(h.core.position(second.request.callId)).toBe(2);
    expect(first.caller.alive).toBe(true);
    h.ready('boris');
    await h.until(() => first.outcome.settled);
    expect(first.outcome.value).toMatchObject({ type: 'connected', operator: 'boris' });
    expect(h.stateLog.forOperator('sleepy').map((c) => `${c.to}:${c.reason}`)).toContain(
      'NotReady:ring-no-answer',
    );
  });

  it('a busy phone: operator NotReady (phone-busy), the caller goes to the next ready operator', async () => {
    h = await acdOnSimulator({
      queues: [{ name: 'tech', strategy: 'ordered' }],
      operators: [op('busy', '1001', ['tech'], { type: 'busy' }), op('boris', '1002', ['tech'])],
    });
    h.ready('busy', 'boris');
    const { outcome } = await queued(h, 'tech');
    await h.until(() => outcome.settled);
    expect(outcome.value).toMatchObject({ type: 'connected', operator: 'boris' });
    expect(h.core.operators.get('busy')).toMatchObject({ state: 'NotReady', reason: 'phone-busy' });
  });

  it('a caller who hangs up while queued is removed and logged abandoned; no operator is rung', async () => {
    h = await acdOnSimulator({ queues: [{ name: 'tech' }], operators: [op('anna', '1001', ['tech'])] });
    h.acd.logIn('abc', 'anna', '1001');
    const { caller, request, outcome } = await queued(h, 'tech');
    await h.clock.advance(40_000);
    caller.hangup();
    await h.until(() => outcome.settled);
    expect(outcome.error).toBeInstanceOf(CallerLeftQueue);
    h.acd.setState('abc', 'anna', 'Ready');
    await h.clock.advance(60_000);
    expect(h.operatorState('anna')).toBe('Ready');
    expect(h.sim.world.transcripts.callIds().some((id) => id !== caller.id)).toBe(false);
    expect(h.core.isWaiting(request.callId)).toBe(false);
    expect(h.core.snapshot('tech').counters).toMatchObject({
      joined: 1,
      abandoned: 1,
      answered: 0,
      abandonedWaitMs: 40_000,
    });
  });

  it('a caller who hangs up while the operator rings: ringing stops, the operator is Ready again', async () => {
    h = await acdOnSimulator({
      queues: [{ name: 'tech' }],
      operators: [op('anna', '1001', ['tech'], { type: 'manual' })],
    });
    h.ready('anna');
    const { caller, outcome } = await queued(h, 'tech');
    await h.clock.advance(3_000);
    expect(h.operatorState('anna')).toBe('Busy');
    caller.hangup();
    await h.until(() => outcome.settled && h!.operatorState('anna') === 'Ready');
    expect(h.sim.control.answerOperator('PJSIP/1001')).toBe(false);
    expect(h.core.snapshot('tech').counters.abandoned).toBe(1);
  });

  it('max wait without overflow: timeout, and the caller leaves the holding bridge back to the flow', async () => {
    h = await acdOnSimulator({ queues: [{ name: 'tech' }], operators: [op('anna', '1001', ['tech'])] });
    h.acd.logIn('abc', 'anna', '1001');
    const { caller, outcome } = await queued(h, 'tech', { maxWaitMs: 120_000 });
    await h.until(() => outcome.settled);
    expect(outcome.value).toEqual({ type: 'timeout', waitedMs: 120_000 });
    expect(caller.transcript().at(-1)?.kind).toBe('bridge-left');
    expect(caller.alive).toBe(true);
  });

  it('max wait with an overflow queue configured: overflow (the session moves the caller there)', async () => {
    h = await acdOnSimulator({
      queues: [{ name: 'tech', maxWaitMs: 60_000, overflow: 'general' }, { name: 'general' }],
      operators: [op('anna', '1001', ['tech', 'general'])],
    });
    h.acd.logIn('abc', 'anna', '1001');
    const { caller, outcome } = await queued(h, 'tech', { maxWaitMs: 60_000 });
    await h.until(() => outcome.settled);
    expect(outcome.value).toEqual({ type: 'overflow', waitedMs: 60_000 });
    const next = watch(h.acd.enqueue(h.request(caller.id, 'general')));
    h.acd.setState('abc', 'anna', 'Ready');
    await h.until(() => next.settled);
    expect(next.value).toMatchObject({ type: 'connected', operator: 'anna' });
  });
});

describe('ACD service on the PBX simulator: blind transfer by the operator', () => {
  async function connected(sim: AcdSim) {
    const q = await queued(sim, 'tech');
    await sim.until(() => q.outcome.settled);
    const transfers: unknown[] = [];
    q.request.onTransfer = (t) => transfers.push(t);
    return { ...q, transfers };
  }

  it('to another queue: music at once, the first operator wraps up, the second gets the caller', async () => {
    h = await acdOnSimulator({
      queues: [{ name: 'tech', wrapUpMs: 20_000 }, { name: 'billing' }],
      operators: [op('anna', '1001', ['tech']), op('boris', '1002', ['billing'])],
    });
    h.ready('anna');
    h.acd.logIn('abc', 'boris', '1002');
    const call = await connected(h);
    const result = await h.acd.transfer(call.request.callId, { kind: 'queue', queue: 'billing' });
    expect(result).toEqual({ result: 'queued' });
    expect(h.operatorState('anna')).toBe('WrapUp');
    expect(h.operatorLegUp('PJSIP/1001')).toBe(false);
    expect(call.caller.alive).toBe(true);
    h.acd.setState('abc', 'boris', 'Ready');
    await h.until(() => h!.operatorLegUp('PJSIP/1002') && h!.operatorState('boris') === 'Busy');
    await h.clock.advance(100);
    const mixing = call.caller
      .transcript()
      .filter((e) => e.kind === 'bridge-joined' && e.bridgeType === 'mixing');
    expect(mixing).toHaveLength(2);
    expect(call.transfers).toEqual([{ target: 'queue', destination: 'billing', result: 'queued' }]);
  });

  it('to an operator’s extension: that operator is rung directly and talks with the caller', async () => {
    h = await acdOnSimulator({
      queues: [{ name: 'tech', wrapUpMs: 20_000 }],
      operators: [op('anna', '1001', ['tech']), op('expert', '2002', [])],
    });
    h.ready('anna');
    h.acd.logIn('abc', 'expert', '2002');
    h.acd.setState('abc', 'expert', 'Ready');
    const call = await connected(h);
    const result = watch(h.acd.transfer(call.request.callId, { kind: 'extension', extension: '2002' }));
    await h.until(() => result.settled);
    expect(result.value).toEqual({ result: 'connected' });
    expect(h.operatorState('expert')).toBe('Busy');
    expect(h.operatorState('anna')).toBe('WrapUp');
    call.caller.hangup();
    await h.until(() => h!.operatorState('expert') === 'WrapUp');
  });

  it('to an operator who is not free: fails, and the caller is back at the head of its queue', async () => {
    h = await acdOnSimulator({
      queues: [{ name: 'tech', wrapUpMs: 20_000 }],
      operators: [op('anna', '1001', ['tech']), op('expert', '2002', [])],
    });
    h.ready('anna');
    h.acd.logIn('abc', 'expert', '2002');
    const call = await connected(h);
    const waiting = await queued(h, 'tech');
    const result = await h.acd.transfer(call.request.callId, { kind: 'extension', extension: '2002' });
    expect(result).toEqual({ result: 'failed', reason: 'operator-unavailable' });
    expect(h.core.position(call.request.callId)).toBe(1);
    expect(h.core.position(waiting.request.callId)).toBe(2);
    expect(call.transfers).toEqual([
      { target: 'extension', destination: '2002', result: 'operator-unavailable' },
    ]);
  });

  it('to an outside number through the dial plan', async () => {
    h = await acdOnSimulator({
      queues: [{ name: 'tech' }],
      operators: [op('anna', '1001', ['tech'])],
      setup: { dialPlan: { extension: 'PJSIP/{ext}', number: 'PJSIP/{number}', ringTimeoutSec: 20 } },
    });
    h.sim.control.defineOperator('PJSIP/0443334455', answers(3_000));
    h.ready('anna');
    const call = await connected(h);
    const result = watch(h.acd.transfer(call.request.callId, { kind: 'number', number: '0443334455' }));
    await h.until(() => result.settled);
    expect(result.value).toEqual({ result: 'connected' });
    expect(h.operatorLegUp('PJSIP/0443334455')).toBe(true);
    expect(h.operatorState('anna')).toBe('WrapUp');
    call.caller.hangup();
    await h.until(() => !h!.operatorLegUp('PJSIP/0443334455'));
  });

  it('refuses a transfer of a call that is not talking with an operator', async () => {
    h = await acdOnSimulator({ queues: [{ name: 'tech' }], operators: [op('anna', '1001', ['tech'])] });
    await expect(h.acd.transfer('nope', { kind: 'queue', queue: 'tech' })).rejects.toThrow(/not talking/);
  });
});
