/**
 * Two runtime processes' ACDs sharing one line (cluster.ts), each with its own PBX connection, on
 * virtual time, through the in-memory coordinator (test/runtime/acd/cluster-pg.test.ts runs two real
 * processes on PostgreSQL). A caller is always rung and bridged by the process holding its channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { watch } from './support/acd-on-simulator.ts';
import { type ClusterSimOptions, clusterOnSimulator, TENANT } from './support/cluster-on-simulator.ts';

type Cluster = Awaited<ReturnType<typeof clusterOnSimulator>>;

const setup: ClusterSimOptions = {
  nodes: ['a', 'b'],
  queues: [{ name: 'tech', wrapUpMs: 5_000, ringTimeoutMs: 15_000 }],
  operators: [
    { id: 'anna', queues: ['tech'], extension: '1001', phone: { type: 'answer-after', delayMs: 500 } },
    { id: 'boris', queues: ['tech'], extension: '1002', phone: { type: 'answer-after', delayMs: 500 } },
  ],
};

describe('ACD cluster: two processes, one line', () => {
  let h: Cluster;
  afterEach(async () => {
    await h?.close();
  });

  async function waitingAt(node: string) {
    const caller = await h.caller(node);
    const request = h.request(node, caller.id, 'tech');
    const outcome = watch(h.node(node).acd.enqueue(request));
    await h.clock.advance(1_000);
    return { caller, request, outcome };
  }

  /** Boris logged in but on a break: the queue is staffed, nobody takes calls. */
  async function borisOnBreak() {
    const a = h.node('a').acd;
    a.logIn(TENANT, 'boris', '1002');
    a.setState(TENANT, 'boris', 'Break');
    await h.clock.advance(100);
  }

  it('a caller held by A is connected to an operator who turns Ready in B, rung and bridged by A', async () => {
    h = await clusterOnSimulator(setup);
    await borisOnBreak();
    const held = await waitingAt('a');
    expect(held.outcome.settled).toBe(false);
    const b = h.node('b').acd;
    b.logIn(TENANT, 'anna', '1001');
    b.setState(TENANT, 'anna', 'Ready');
    const readyAt = h.clock.now();
    await h.until(() => held.outcome.settled);
    expect(held.outcome.value).toMatchObject({ type: 'connected', operator: 'anna' });
    // The phone rang 500 ms: connected within a second of Ready.
    expect(h.clock.now() - readyAt).toBeLessThan(1_000);
    expect(h.legUp('a', '1001')).toBe(true);
    expect(h.legUp('b', '1001')).toBe(false);
    // A owns anna now and logged her call; B mirrors her without logging it.
    expect(h.operator('a', 'anna')).toEqual({ state: 'Busy', remote: false });
    expect(h.operator('b', 'anna')).toEqual({ state: 'Busy', remote: true });
    expect(
      h
        .node('b')
        .stateLog.forOperator('anna')
        .map((c) => c.to),
    ).toEqual(['NotReady', 'Ready']);
    expect(
      h
        .node('a')
        .stateLog.forOperator('anna')
        .map((c) => c.to),
    ).toEqual(['Busy']);
  });

  it('a caller arriving at A pulls the operator who waits Ready in B', async () => {
    h = await clusterOnSimulator(setup);
    const b = h.node('b').acd;
    b.logIn(TENANT, 'boris', '1002');
    b.setState(TENANT, 'boris', 'Ready');
    await h.clock.advance(100);
    expect(h.operator('a', 'boris')).toEqual({ state: 'Ready', remote: true });
    const held = await waitingAt('a');
    await h.until(() => held.outcome.settled);
    expect(held.outcome.value).toMatchObject({ type: 'connected', operator: 'boris' });
    expect(held.outcome.value).toMatchObject({ waitedMs: 500 });
    expect(h.legUp('a', '1002')).toBe(true);
  });

  it('callers of both processes are served first come, first served by the shared line', async () => {
    h = await clusterOnSimulator(setup);
    await borisOnBreak();
    const first = await waitingAt('b');
    const second = await waitingAt('a');
    const third = await waitingAt('b');
    const a = h.node('a').acd;
    a.logIn(TENANT, 'anna', '1001');
    a.setState(TENANT, 'anna', 'Ready');
    // Anna (at A) takes B's first caller, not A's own, which came later.
    await h.until(() => first.outcome.settled);
    expect(first.outcome.value).toMatchObject({ type: 'connected', operator: 'anna' });
    expect(second.outcome.settled).toBe(false);
    first.caller.hangup();
    // After her wrap-up (5 s, run where her call was: B) she takes A's caller, then B's.
    await h.until(() => second.outcome.settled);
    expect(second.outcome.value).toMatchObject({ type: 'connected', operator: 'anna' });
    second.caller.hangup();
    await h.until(() => third.outcome.settled);
    expect(third.outcome.value).toMatchObject({ type: 'connected', operator: 'anna' });
    third.caller.hangup();
    await h.until(
      () => h.operator('b', 'anna').state === 'Ready' && h.operator('a', 'anna').state === 'Ready',
    );
    expect(h.coordinator.waitingCount(TENANT)).toBe(0);
  });

  it('an operator’s request reaching the other process: taken over when free, passed on during a call', async () => {
    h = await clusterOnSimulator(setup);
    const a = h.node('a').acd;
    const b = h.node('b').acd;
    a.logIn(TENANT, 'anna', '1001');
    a.setState(TENANT, 'anna', 'Ready');
    await h.clock.advance(100);
    // Free: B takes anna over in one step with the new state.
    b.setState(TENANT, 'anna', 'Break');
    await h.clock.advance(100);
    expect(h.operator('b', 'anna')).toEqual({ state: 'Break', remote: false });
    expect(h.operator('a', 'anna')).toEqual({ state: 'Break', remote: true });
    b.setState(TENANT, 'anna', 'Ready');
    // On a call held by A: the Lunch she asks for at B is passed to A and taken after the wrap-up.
    const held = await waitingAt('a');
    await h.until(() => held.outcome.settled);
    expect(h.operator('a', 'anna')).toEqual({ state: 'Busy', remote: false });
    b.setState(TENANT, 'anna', 'Lunch', 'обед');
    await h.clock.advance(1_000);
    expect(h.operator('a', 'anna').state).toBe('Busy');
    held.caller.hangup();
    await h.until(() => h.operator('b', 'anna').state === 'Lunch');
    expect(h.operator('a', 'anna')).toEqual({ state: 'Lunch', remote: false });
    expect(
      h
        .node('a')
        .stateLog.forOperator('anna')
        .map((c) => [c.to, c.reason]),
    ).toContainEqual(['Lunch', 'обед']);
  });

  it('two processes reaching for one Ready operator at once: one gets her, the other’s caller waits its turn', async () => {
    h = await clusterOnSimulator(setup);
    await borisOnBreak();
    const a = h.node('a').acd;
    a.logIn(TENANT, 'anna', '1001');
    a.setState(TENANT, 'anna', 'Ready');
    await h.clock.advance(100);
    const [atA, atB] = await Promise.all([h.caller('a'), h.caller('b')]);
    const first = watch(a.enqueue(h.request('a', atA.id, 'tech')));
    const second = watch(h.node('b').acd.enqueue(h.request('b', atB.id, 'tech')));
    await h.until(() => first.settled || second.settled);
    const [won, lost, lostCaller] = first.settled ? [first, second, atB] : [second, first, atA];
    expect(won.value).toMatchObject({ type: 'connected', operator: 'anna' });
    expect(lost.settled).toBe(false);
    (lostCaller === atA ? atB : atA).hangup();
    await h.until(() => lost.settled);
    expect(lost.value).toMatchObject({ type: 'connected', operator: 'anna' });
    // Nobody was penalised for the race: no NotReady for anna anywhere after she was Ready.
    for (const node of ['a', 'b']) {
      const states = h
        .node(node)
        .stateLog.forOperator('anna')
        .map((c) => c.to);
      expect(states.slice(states.indexOf('Ready'))).not.toContain('NotReady');
    }
  });

  it('a caller who hangs up while its hand-over is on its way leaves the operator free', async () => {
    h = await clusterOnSimulator(setup);
    await borisOnBreak();
    const held = await waitingAt('a');
    const b = h.node('b').acd;
    b.logIn(TENANT, 'anna', '1001');
    held.caller.hangup();
    b.setState(TENANT, 'anna', 'Ready');
    await h.until(() => held.outcome.settled);
    await h.clock.advance(1_000);
    expect(h.coordinator.holderOf(TENANT, held.request.callId)).toBeNull();
    expect(h.coordinator.waitingCount(TENANT)).toBe(0);
    // Anna is free again (whoever owns her), and takes the next caller.
    const next = await waitingAt('b');
    await h.until(() => next.outcome.settled);
    expect(next.outcome.value).toMatchObject({ type: 'connected', operator: 'anna' });
  });

  it('a waiting caller whose shared row was lost joins the shared line again and is served', async () => {
    h = await clusterOnSimulator(setup);
    await borisOnBreak();
    const held = await waitingAt('a');
    // Its row vanished (as when another process recovered this one while its lease had lapsed).
    await h.coordinator.dropCaller(TENANT, held.request.callId);
    const a = h.node('a').acd;
    a.logIn(TENANT, 'anna', '1001');
    a.setState(TENANT, 'anna', 'Ready');
    await h.until(() => held.outcome.settled);
    expect(held.outcome.value).toMatchObject({ type: 'connected', operator: 'anna' });
    expect(h.node('a').logger.lines.some((l) => l.includes('had no row in the shared line'))).toBe(true);
  });

  it('the sweep recovers a process whose lease ran out: its callers leave, its free operators serve on', async () => {
    h = await clusterOnSimulator({ ...setup, nodes: ['a'], sweepMs: 1_000, leaseMs: 5_000 });
    // A process "c" that joined, took an operator and a caller, then died without a word.
    await h.coordinator.heartbeat('c', 5_000);
    await h.coordinator.addCaller({
      tenant: TENANT,
      callId: 'lost',
      queue: 'tech',
      priority: 0,
      skills: [],
      enqueuedAt: h.clock.now(),
      node: 'c',
    });
    await h.coordinator.takeOperator(TENANT, 'boris', 'c', {
      state: 'Ready',
      takesCalls: true,
      extension: '1002',
      endpoint: 'PJSIP/1002',
    });
    await h.clock.advance(100);
    expect(h.operator('a', 'boris')).toEqual({ state: 'Ready', remote: true });
    await h.clock.advance(6_000);
    expect(h.coordinator.callerRows(TENANT)).toEqual([]);
    expect(h.node('a').logger.lines.some((l) => l.includes('lease ran out') && l.includes('lost'))).toBe(
      true,
    );
    // Boris has no owner now; a caller at A pulls him.
    const held = await waitingAt('a');
    await h.until(() => held.outcome.settled);
    expect(held.outcome.value).toMatchObject({ type: 'connected', operator: 'boris' });
    expect(h.operator('a', 'boris')).toEqual({ state: 'Busy', remote: false });
  });
});
