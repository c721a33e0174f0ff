/**
 * The cluster operations of a ClusterCoordinator (coordinator.ts), one suite for the in-memory and
 * the PostgreSQL implementation: ownership moving with claims, the caller-side pull, take-over by
 * an operator's request, versions and messages, leases and the recovery of a dead process.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterCoordinator, ClusterMessage, PresenceView } from '../../../runtime/acd/coordinator.ts';

export interface ClusterHarness {
  coordinator: ClusterCoordinator;
  tenant: string;
  clock: { ms: number };
  /** Lets a lease of `ms` run out (moves the clock; waits on PostgreSQL, whose leases use its time). */
  expire(ms: number): Promise<void>;
}

const seat = (ext: string) => ({ extension: ext, endpoint: `PJSIP/${ext}` });

export function defineClusterCoordinatorSuite(name: string, make: () => Promise<ClusterHarness>): void {
  describe(name, () => {
    async function setup() {
      const h = await make();
      const { coordinator: c, tenant } = h;
      /** An operator logged in at `ext`, owned by `node`, in `state`. */
      const operator = async (id: string, node: string, state = 'Ready', ext = id, queues = ['q']) => {
        await c.joinOperator({
          tenant,
          operatorId: id,
          state: 'LoggedOut',
          takesCalls: false,
          skills: [],
          queues,
        });
        await c.takeOperator(tenant, id, node, { state, takesCalls: state === 'Ready', ...seat(ext) });
        h.clock.ms += 1_000;
      };
      const caller = (callId: string, node: string, extra: { skills?: string[]; queue?: string } = {}) =>
        c.addCaller({
          tenant,
          callId,
          queue: extra.queue ?? 'q',
          priority: 0,
          skills: extra.skills ?? [],
          enqueuedAt: h.clock.ms,
          node,
        });
      const row = async (id: string): Promise<PresenceView> =>
        (await c.presence(tenant)).find((p) => p.operatorId === id)!;
      return { ...h, c, operator, caller, row };
    }

    it('joining keeps the state another process gave the operator; every change raises the version', async () => {
      const { c, tenant, operator, row } = await setup();
      await operator('a', 'n1', 'Lunch', '201');
      const before = await row('a');
      expect(before).toMatchObject({ state: 'Lunch', node: 'n1', extension: '201', endpoint: 'PJSIP/201' });
      const joined = await c.joinOperator({
        tenant,
        operatorId: 'a',
        state: 'LoggedOut',
        takesCalls: false,
        skills: ['ru'],
        queues: ['q', 'r'],
      });
      expect(joined).toMatchObject({ state: 'Lunch', node: 'n1', skills: ['ru'], queues: ['q', 'r'] });
      expect(joined.version).toBe(before.version + 1);
    });

    it('a caller pulls the operator free longest who serves its queue, has its skills and a phone', async () => {
      const { c, tenant, operator, caller, row } = await setup();
      await operator('lunching', 'n2', 'Lunch');
      await operator('first', 'n2');
      await operator('second', 'n1');
      await operator('other-queue', 'n2', 'Ready', 'oq', ['r']);
      await caller('x', 'n1');
      expect(await c.claimFor(tenant, 'x', 'n1')).toMatchObject({
        operatorId: 'first',
        callId: 'x',
        node: 'n1',
        claimedBy: 'n1',
        endpoint: 'PJSIP/first',
      });
      expect(await c.claimFor(tenant, 'x', 'n1')).toBeNull();
      await caller('needs-en', 'n1', { skills: ['en'] });
      expect(await c.claimFor(tenant, 'needs-en', 'n1')).toBeNull();
      expect((await row('second')).callId).toBeNull();
    });

    it('claimNext hands the caller of another process over: that process owns the operator now', async () => {
      const { c, tenant, operator, caller, row } = await setup();
      await operator('a', 'n2');
      await caller('held-by-n1', 'n1');
      expect(await c.claimNext(tenant, 'a', 'n2')).toMatchObject({ callId: 'held-by-n1', node: 'n1' });
      expect(await row('a')).toMatchObject({
        callId: 'held-by-n1',
        node: 'n1',
        claimedBy: 'n2',
        state: 'Busy',
      });
      const mine = async (node: string) => (await c.handedOverTo(node)).filter((x) => x.tenant === tenant);
      expect(await mine('n1')).toEqual([
        { tenant, callId: 'held-by-n1', operator: expect.objectContaining({ operatorId: 'a' }) },
      ]);
      expect(await mine('n2')).toEqual([]);
    });

    it('an operator’s request takes them over when free, or names the process holding their call', async () => {
      const { c, tenant, operator, caller } = await setup();
      await operator('a', 'n1');
      const next = { state: 'Break', takesCalls: false, ...seat('a') };
      const taken = await c.takeOperator(tenant, 'a', 'n2', next);
      expect(taken).toMatchObject({ taken: true, before: { state: 'Ready', node: 'n1' } });
      await c.takeOperator(tenant, 'a', 'n2', { ...next, state: 'Ready', takesCalls: true });
      await caller('x', 'n3');
      expect(await c.claim(tenant, 'a', 'x', 'n3')).toBe('claimed');
      expect(await c.takeOperator(tenant, 'a', 'n2', next)).toEqual({ taken: false, holder: 'n3' });
      // Talk over, wrap-up at n3: still n3's (the wrap-up's end, or a state chosen in it, is n3's to run).
      await c.release(tenant, 'a', 'x', 'WrapUp', false);
      expect(await c.takeOperator(tenant, 'a', 'n2', next)).toEqual({ taken: false, holder: 'n3' });
      expect(await c.takeOperator(tenant, 'ghost', 'n2', next)).toEqual({ taken: false, holder: null });
    });

    it('publishes every presence change and every request, in order', async () => {
      const { c, tenant, operator } = await setup();
      const heard: ClusterMessage[] = [];
      const stop = await c.subscribe((m) => heard.push(m));
      try {
        await operator('a', 'n1');
        await c.setOperatorState(tenant, 'a', 'Lunch', false);
        await c.send({
          kind: 'request',
          to: 'n1',
          tenant,
          operatorId: 'a',
          request: { action: 'state', state: 'Ready', reason: 'x' },
          hops: 0,
        });
        const deadline = Date.now() + 5_000;
        while (heard.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        const mine = heard.filter((m) => m.kind !== 'presence' || m.presence.tenant === tenant);
        expect(mine.map((m) => (m.kind === 'presence' ? m.presence.state : m.kind))).toEqual([
          'LoggedOut',
          'Ready',
          'Lunch',
          'request',
        ]);
        const versions = mine.flatMap((m) => (m.kind === 'presence' ? [m.presence.version] : []));
        expect(versions).toEqual([...versions].sort((x, y) => x - y));
      } finally {
        await stop();
      }
    });

    it('a process whose lease ran out: its callers leave the line, its operators lose their owner', async () => {
      const { c, tenant, operator, caller, row, expire } = await setup();
      const dead = `dead-${tenant}`;
      await c.heartbeat(dead, 50);
      expect(await c.heartbeat('alive', 60_000)).toBe(false);
      expect(await c.heartbeat('alive', 60_000)).toBe(true);
      await operator('free', dead);
      await operator('talking', dead);
      await caller('waits', dead);
      await caller('talks', dead);
      expect(await c.claim(tenant, 'talking', 'talks', dead)).toBe('claimed');
      await expire(100);
      const recovered = (await c.recoverDeadNodes()).filter((r) => r.node === dead);
      expect(recovered).toEqual([
        {
          node: dead,
          callers: expect.arrayContaining([
            { tenant, callId: 'waits' },
            { tenant, callId: 'talks' },
          ]),
          operators: 2,
        },
      ]);
      expect(await row('free')).toMatchObject({ state: 'Ready', takesCalls: true, node: null });
      expect(await row('talking')).toMatchObject({
        state: 'NotReady',
        takesCalls: false,
        node: null,
        callId: null,
      });
      expect(await c.recoverDeadNodes()).toEqual([]);
      // Its lease gone, a process that comes back learns it must register its callers again.
      expect(await c.heartbeat(dead, 60_000)).toBe(false);
      await c.leave(dead);
      await c.leave('alive');
    });
  });
}
