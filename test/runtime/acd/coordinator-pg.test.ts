/**
 * The claim protocol on PostgreSQL. Two coordinators on separate connection pools (as two runtime
 * processes would be) claim the same operators and callers as fast as they can: no operator ever
 * holds two calls, every caller is served exactly once, and none is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../runtime/acd/seeded-random.ts';
import { PgAcdCoordinator } from '../../../runtime/store/acd-coordinator-pg.ts';
import { acdOperatorPresence, acdWaitingCallers } from '../../../runtime/store/schema/acd.ts';
import { defineClusterCoordinatorSuite } from './cluster-coordinator-suite.ts';
import { defineCoordinatorSuite } from './coordinator-suite.ts';
import { acdOnSimulator, watch } from './support/acd-on-simulator.ts';
import { DATABASE_URL, loudSkip, privateSchema } from './support/pg-acd.ts';

loudSkip('test/runtime/acd/coordinator-pg.test.ts (two processes claiming on one PostgreSQL)');

describe.skipIf(!DATABASE_URL)('PgAcdCoordinator', () => {
  let schema: Awaited<ReturnType<typeof privateSchema>>;
  let tenants = 0;
  beforeAll(async () => {
    schema = await privateSchema();
  }, 60_000);
  afterAll(async () => {
    await schema?.drop();
  });

  defineCoordinatorSuite('behaviour (shared with MemoryCoordinator)', async () => {
    const clock = { ms: Date.UTC(2026, 0, 5, 9) };
    return {
      coordinator: new PgAcdCoordinator(schema.connect(2).db, () => clock.ms),
      tenant: `t${++tenants}`,
      clock,
    };
  });

  defineClusterCoordinatorSuite('cluster behaviour (shared with MemoryCoordinator)', async () => {
    const clock = { ms: Date.UTC(2026, 0, 5, 9) };
    return {
      coordinator: new PgAcdCoordinator(schema.connect(2).db, () => clock.ms, {
        channel: schema.name,
        listenUrl: DATABASE_URL,
      }),
      tenant: `t${++tenants}`,
      clock,
      // Leases run on the database's clock.
      expire: (ms) => new Promise((resolve) => setTimeout(resolve, ms + 50)),
    };
  });

  it('two processes: one operator never gets two calls, no caller is lost or served twice', async () => {
    const tenant = 'race';
    const OPERATORS = 12;
    const CALLERS = 300;
    const node1 = new PgAcdCoordinator(schema.connect(6).db);
    const node2 = new PgAcdCoordinator(schema.connect(6).db);
    for (let i = 0; i < OPERATORS; i++) {
      await node1.putOperator({
        tenant,
        operatorId: `op${i}`,
        state: 'Ready',
        takesCalls: true,
        skills: [],
        queues: ['q'],
      });
    }
    for (let i = 0; i < CALLERS; i++) {
      await (i % 2 ? node1 : node2).addCaller({
        tenant,
        callId: `c${i}`,
        queue: 'q',
        priority: i % 3,
        skills: [],
        enqueuedAt: Date.now(),
        node: i % 2 ? 'n1' : 'n2',
      });
    }

    const holding = new Map<string, string>();
    const servedBy = new Map<string, string>();
    const violations: string[] = [];
    let claims = 0;
    let requeues = 0;
    let contended = 0;

    async function worker(node: PgAcdCoordinator, name: string, seed: number) {
      const random = seededRandom(seed);
      while (servedBy.size < CALLERS) {
        const op = `op${Math.floor(random() * OPERATORS)}`;
        let callId: string | null = null;
        if (random() < 0.5) {
          callId = (await node.claimNext(tenant, op, name))?.callId ?? null;
        } else {
          const candidate = `c${Math.floor(random() * CALLERS)}`;
          if (!servedBy.has(candidate) && (await node.claim(tenant, op, candidate, name)) === 'claimed')
            callId = candidate;
        }
        if (!callId) {
          contended++;
          continue;
        }
        claims++;
        if (holding.has(op)) violations.push(`${op} got ${callId} while holding ${holding.get(op)}`);
        holding.set(op, callId);
        await new Promise((resolve) => setTimeout(resolve, random() * 2));
        holding.delete(op);
        if (random() < 0.2) {
          // The operator did not answer: freed, and the caller waits again at its place.
          requeues++;
          await node.requeue(tenant, callId, 'Ready', true);
        } else {
          if (servedBy.has(callId)) violations.push(`${callId} served twice`);
          servedBy.set(callId, op);
          await node.dropCaller(tenant, callId);
          await node.release(tenant, op, callId, 'Ready', true);
        }
      }
    }

    await Promise.all([
      ...[1, 2, 3, 4].map((i) => worker(node1, 'n1', i)),
      ...[5, 6, 7, 8].map((i) => worker(node2, 'n2', i)),
    ]);

    expect(violations).toEqual([]);
    expect(servedBy.size).toBe(CALLERS);
    const { db } = schema.connect(1);
    const left = await db.select().from(acdWaitingCallers);
    expect(left.filter((c) => c.tenantId === tenant)).toEqual([]);
    const held = await db.select().from(acdOperatorPresence);
    expect(held.filter((o) => o.tenantId === tenant && o.callId !== null)).toEqual([]);
    console.log(
      `two-process race: ${claims} claims, ${requeues} requeued, ${contended} refused or empty, 0 violations`,
    );
  }, 120_000);

  it('the ACD service on the simulator keeps PostgreSQL in step: no claim or waiting caller left behind', async () => {
    const { db } = schema.connect(2);
    const h = await acdOnSimulator({
      queues: [
        { name: 'tech', wrapUpMs: 5_000, ringTimeoutMs: 10_000 },
        { name: 'billing', wrapUpMs: 0 },
      ],
      operators: [
        { id: 'sleepy', extension: '1001', queues: ['tech'], phone: { type: 'never' } },
        { id: 'anna', extension: '1002', queues: ['tech'], phone: { type: 'answer-after', delayMs: 1_000 } },
        {
          id: 'boris',
          extension: '1003',
          queues: ['billing'],
          phone: { type: 'answer-after', delayMs: 1_000 },
        },
      ],
      coordinator: new PgAcdCoordinator(db),
    });
    try {
      h.ready('sleepy');
      const caller = await h.caller();
      const request = h.request(caller.id, 'tech');
      const outcome = watch(h.acd.enqueue(request));
      await h.until(() => h.operatorState('sleepy') === 'NotReady');
      h.ready('anna', 'boris');
      await h.until(() => outcome.settled);
      expect(outcome.value).toMatchObject({ type: 'connected', operator: 'anna' });
      // Transferred to billing: anna wraps up, boris takes the caller with the same call id.
      const transfer = await h.acd.transfer(request.callId, { kind: 'queue', queue: 'billing' });
      expect(transfer).toEqual({ result: 'queued' });
      await h.until(() => h.operatorState('boris') === 'Busy' && h.operatorLegUp('PJSIP/1003'));
      caller.hangup();
      await h.until(() => h.operatorState('anna') === 'Ready' && h.operatorState('boris') === 'Ready');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const rows = await db.select().from(acdOperatorPresence);
      const mine = rows
        .filter((r) => r.tenantId === 'abc')
        .map((r) => [r.operatorId, r.state, r.takesCalls, r.callId]);
      expect(mine.sort()).toEqual([
        ['anna', 'Ready', true, null],
        ['boris', 'Ready', true, null],
        ['sleepy', 'NotReady', false, null],
      ]);
      expect((await db.select().from(acdWaitingCallers)).filter((r) => r.tenantId === 'abc')).toEqual([]);
    } finally {
      await h.close();
    }
  }, 60_000);
});
