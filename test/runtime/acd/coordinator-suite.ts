/** One behaviour suite for every AcdCoordinator: in memory, and on PostgreSQL. */
import { describe, expect, it } from 'vitest';
import type { AcdCoordinator, WaitingRecord } from '../../../runtime/acd/coordinator.ts';

export interface CoordinatorHarness {
  coordinator: AcdCoordinator;
  /** A tenant name no other test uses. */
  tenant: string;
  /** The coordinator's clock (ms); tests move it. */
  clock: { ms: number };
}

export function defineCoordinatorSuite(name: string, make: () => Promise<CoordinatorHarness>): void {
  describe(name, () => {
    async function setup() {
      const h = await make();
      const { coordinator: c, tenant } = h;
      const operator = (
        id: string,
        extra: { queues?: string[]; skills?: string[]; takesCalls?: boolean } = {},
      ) =>
        c.putOperator({
          tenant,
          operatorId: id,
          state: extra.takesCalls === false ? 'Lunch' : 'Ready',
          takesCalls: extra.takesCalls ?? true,
          skills: extra.skills ?? [],
          queues: extra.queues ?? ['q'],
        });
      const caller = (callId: string, extra: Partial<WaitingRecord> = {}) =>
        c.addCaller({
          tenant,
          callId,
          queue: 'q',
          priority: 0,
          skills: [],
          enqueuedAt: h.clock.ms,
          node: 'n1',
          ...extra,
        });
      return { ...h, c, operator, caller };
    }

    it('an operator is claimed for one call at a time, and a caller by one operator', async () => {
      const { c, tenant, operator, caller } = await setup();
      await operator('a');
      await operator('b');
      await caller('x');
      await caller('y');
      expect(await c.claim(tenant, 'a', 'x', 'n1')).toBe('claimed');
      expect(await c.claim(tenant, 'a', 'y', 'n2')).toBe('operator-unavailable');
      expect(await c.claim(tenant, 'b', 'x', 'n2')).toBe('caller-unavailable');
      expect(await c.claim(tenant, 'b', 'y', 'n2')).toBe('claimed');
    });

    it('an operator in a state that takes no calls, or unknown, cannot be claimed', async () => {
      const { c, tenant, operator, caller } = await setup();
      await operator('lunching', { takesCalls: false });
      await caller('x');
      expect(await c.claim(tenant, 'lunching', 'x', 'n1')).toBe('operator-unavailable');
      expect(await c.claim(tenant, 'ghost', 'x', 'n1')).toBe('operator-unavailable');
      expect(await c.claimNext(tenant, 'lunching', 'n1')).toBeNull();
    });

    it('claimNext takes the best caller of the operator’s queues it has the skills for', async () => {
      const { c, tenant, operator, caller } = await setup();
      await operator('a', { queues: ['q', 'r'], skills: ['ru'] });
      await caller('early', { queue: 'q' });
      await caller('other-queue', { queue: 's', priority: 99 });
      await caller('needs-en', { queue: 'q', priority: 50, skills: ['en'] });
      await caller('vip', { queue: 'r', priority: 10, skills: ['ru'] });
      const claimed = await c.claimNext(tenant, 'a', 'n1');
      expect(claimed).toMatchObject({
        callId: 'vip',
        operatorId: 'a',
        queue: 'r',
        priority: 10,
        skills: ['ru'],
      });
      expect(await c.claimNext(tenant, 'a', 'n1')).toBeNull();
      await c.release(tenant, 'a', 'vip', 'Ready', true);
      expect((await c.claimNext(tenant, 'a', 'n1'))?.callId).toBe('early');
    });

    it('a failed offer puts the caller back at its old place', async () => {
      const { c, tenant, operator, caller } = await setup();
      await operator('a');
      await caller('first');
      await caller('second');
      expect(await c.claim(tenant, 'a', 'first', 'n1')).toBe('claimed');
      await c.requeue(tenant, 'first', 'Ready', true);
      expect((await c.claimNext(tenant, 'a', 'n1'))?.callId).toBe('first');
    });

    it('a caller is removed only while waiting; once offered the offer owns it', async () => {
      const { c, tenant, operator, caller } = await setup();
      await operator('a');
      await caller('x');
      await caller('y');
      expect(await c.claim(tenant, 'a', 'x', 'n1')).toBe('claimed');
      expect(await c.removeCaller(tenant, 'x')).toBe(false);
      expect(await c.removeCaller(tenant, 'y')).toBe(true);
      expect(await c.removeCaller(tenant, 'y')).toBe(false);
      await c.dropCaller(tenant, 'x');
      await c.release(tenant, 'a', 'x', 'Ready', true);
      expect(await c.claimNext(tenant, 'a', 'n1')).toBeNull();
    });

    it('state changes wait for the release of a held call; a stale release does not free a new call', async () => {
      const { c, tenant, operator, caller } = await setup();
      await operator('a');
      await caller('x');
      await caller('y');
      expect(await c.claim(tenant, 'a', 'x', 'n1')).toBe('claimed');
      expect(await c.setOperatorState(tenant, 'a', 'Ready', true)).toBe(false);
      await operator('a');
      expect(await c.claim(tenant, 'a', 'y', 'n1')).toBe('operator-unavailable');
      await c.release(tenant, 'a', 'x', 'Ready', true);
      expect(await c.claim(tenant, 'a', 'y', 'n1')).toBe('claimed');
      await c.release(tenant, 'a', 'x', 'Ready', true);
      await caller('z');
      expect(await c.claim(tenant, 'a', 'z', 'n1')).toBe('operator-unavailable');
      expect(await c.setOperatorState(tenant, 'ghost', 'Ready', true)).toBe(false);
    });

    it('a direct claim (transfer to an operator) needs no waiting caller', async () => {
      const { c, tenant, operator } = await setup();
      await operator('a');
      expect(await c.claim(tenant, 'a', 'transferred', 'n1', true)).toBe('claimed');
      expect(await c.claim(tenant, 'a', 'other', 'n1', true)).toBe('operator-unavailable');
    });

    it('offers older than the lease go back to waiting and free their operator', async () => {
      const h = await setup();
      const { c, tenant, operator, caller } = h;
      await operator('a');
      await operator('b');
      await caller('x');
      await caller('y');
      expect(await c.claim(tenant, 'a', 'x', 'dead-node')).toBe('claimed');
      h.clock.ms += 60_000;
      expect(await c.claim(tenant, 'b', 'y', 'n1')).toBe('claimed');
      expect(await c.reclaimStale(h.clock.ms - 30_000, tenant)).toBe(1);
      expect(await c.claim(tenant, 'a', 'x', 'n1')).toBe('operator-unavailable');
      await c.setOperatorState(tenant, 'a', 'Ready', true);
      expect((await c.claimNext(tenant, 'a', 'n1'))?.callId).toBe('x');
    });

    it('a caller joining again (overflow, transfer) takes a new place at the end', async () => {
      const { c, tenant, operator, caller } = await setup();
      await operator('a');
      await caller('x');
      await caller('y');
      await caller('x');
      expect((await c.claimNext(tenant, 'a', 'n1'))?.callId).toBe('y');
    });
  });
}
