import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock.ts';
import { BatchedCallLogWriter } from '../../../runtime/store/batched-call-log-writer.ts';
import { sqlRows } from '../../../runtime/store/database.ts';
import { getCall, insertCallBatch } from '../../../runtime/store/queries/call-log.ts';
import { countCalls, searchCalls } from '../../../runtime/store/queries/call-search.ts';
import type { StoreContext } from '../db-fixture.ts';
import { callRecord, TENANT_A, TENANT_B, twoTenants } from '../store-test-data.ts';

async function callCount(ctx: StoreContext): Promise<number> {
  const [row] = await sqlRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from call_log`);
  return row.n;
}

export function callLogCases(ctx: StoreContext): void {
  describe('call log', () => {
    it('stores a finished call and reads it back in the runtime shape', async () => {
      await twoTenants(ctx.db);
      const record = callRecord({
        queue: { name: 'tech-support', waitMs: 42_000, result: 'connected' },
        operator: 'op-7',
        recording: 'rec-1',
        custom: { reason: 'no internet', vip: true },
        errors: [{ kind: 'data', message: 'timeout', line: 12, column: 3, at: '2026-03-02T09:00:30.000Z' }],
        transfers: [{ target: 'extension', destination: '201', result: 'answered' }],
      });
      expect(await insertCallBatch(ctx.db, [record])).toBe(1);
      expect(await getCall(ctx.db, TENANT_A, record.callId)).toEqual(record);
    });

    it('inserts nothing twice when a batch is sent again', async () => {
      await twoTenants(ctx.db);
      const batch = [callRecord(), callRecord(), callRecord()];
      expect(await insertCallBatch(ctx.db, batch)).toBe(3);
      expect(await insertCallBatch(ctx.db, [...batch, callRecord()])).toBe(1);
      expect(await callCount(ctx)).toBe(4);
    });

    it('searches one tenant by time, caller, dialled, outcome, operator and queue', async () => {
      await twoTenants(ctx.db);
      const early = callRecord({ caller: '+380670000001', outcome: 'abandoned' });
      const queued = callRecord({
        queue: { name: 'general', waitMs: 5_000, result: 'connected' },
        operator: 'op-1',
      });
      const other = callRecord({ dialled: '+380441234567', outcome: 'transferred' });
      const foreign = callRecord({ tenant: TENANT_B, caller: '+380670000001', outcome: 'abandoned' });
      await insertCallBatch(ctx.db, [early, queued, other, foreign]);
      const ids = async (filter: Parameters<typeof searchCalls>[2]) =>
        (await searchCalls(ctx.db, TENANT_A, filter)).calls.map((c) => c.callId);

      expect(await ids({})).toEqual([other.callId, queued.callId, early.callId]);
      expect(await ids({ caller: '+380670000001' })).toEqual([early.callId]);
      expect(await ids({ dialled: '+380441234567' })).toEqual([other.callId]);
      expect(await ids({ outcome: 'abandoned' })).toEqual([early.callId]);
      expect(await ids({ operator: 'op-1' })).toEqual([queued.callId]);
      expect(await ids({ queue: 'general' })).toEqual([queued.callId]);
      expect(await ids({ from: new Date(queued.startedAt), to: new Date(other.startedAt) })).toEqual([
        queued.callId,
      ]);
      expect(await countCalls(ctx.db, TENANT_A, {})).toBe(3);
      expect(await getCall(ctx.db, TENANT_A, foreign.callId)).toBeNull();
      expect((await searchCalls(ctx.db, TENANT_B, {})).calls.map((c) => c.callId)).toEqual([foreign.callId]);
    });

    it('pages newest first with a cursor, every call exactly once', async () => {
      await twoTenants(ctx.db);
      const sameSecond = '2026-03-02T12:00:00.000Z';
      const batch = Array.from({ length: 7 }, (_, i) => callRecord(i < 3 ? { startedAt: sameSecond } : {}));
      await insertCallBatch(ctx.db, batch);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await searchCalls(ctx.db, TENANT_A, {}, { limit: 3, cursor });
        seen.push(...page.calls.map((c) => c.callId));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect([...seen].sort()).toEqual(batch.map((c) => c.callId).sort());
      expect(new Set(seen).size).toBe(7);
      expect((await searchCalls(ctx.db, TENANT_A, {}, { cursor: 'not a cursor' })).calls).toHaveLength(7);
    });
  });

  describe('batched call log writer', () => {
    it('flushes when maxRows calls are waiting, in one batch', async () => {
      await twoTenants(ctx.db);
      const clock = new VirtualClock();
      const writer = new BatchedCallLogWriter(ctx.db, {
        maxRows: 5,
        flushEveryMs: 60_000,
        clock,
        logger: ctx.logger,
      });
      for (let i = 0; i < 5; i++) await writer.write(callRecord());
      await writer.flush();
      expect(await callCount(ctx)).toBe(5);
      expect(writer.stats).toMatchObject({ written: 5, batches: 1, failedAttempts: 0 });
      expect(await writer.close()).toEqual([]);
    });

    it('lets calls that arrive during a flush share one follow-up flush', async () => {
      await twoTenants(ctx.db);
      const writer = new BatchedCallLogWriter(ctx.db, {
        maxRows: 50,
        clock: new VirtualClock(),
        logger: ctx.logger,
      });
      for (let i = 0; i < 50; i++) await writer.write(callRecord()); // starts a flush
      const callers = [];
      for (let i = 0; i < 300; i++) {
        await writer.write(callRecord());
        callers.push(writer.flush());
      }
      expect(new Set(await Promise.all(callers))).toEqual(new Set([true]));
      expect(await callCount(ctx)).toBe(350);
      expect(writer.stats.flushes).toBeLessThanOrEqual(3);
      await writer.close();
    });

    it('flushes what is waiting when flushEveryMs passes', async () => {
      await twoTenants(ctx.db);
      const clock = new VirtualClock();
      const writer = new BatchedCallLogWriter(ctx.db, {
        maxRows: 100,
        flushEveryMs: 200,
        clock,
        logger: ctx.logger,
      });
      await writer.write(callRecord());
      await writer.write(callRecord());
      await clock.advance(199);
      expect(writer.pending).toBe(2);
      await clock.advance(1);
      await writer.flush(); // waits for the timer's flush to finish
      expect(await callCount(ctx)).toBe(2);
      expect(writer.stats.batches).toBe(1);
      await writer.close();
    });

    it('keeps every buffered call while the database refuses writes, and writes them all once it is back', async () => {
      await twoTenants(ctx.db);
      const clock = new VirtualClock();
      const writer = new BatchedCallLogWriter(ctx.db, {
        maxRows: 100,
        flushEveryMs: 100,
        retry: { initialMs: 1_000, maxMs: 1_000 },
        clock,
        logger: ctx.logger,
      });
      await writer.write(callRecord());
      await ctx.db.execute(sql`alter table call_log rename to call_log_away`);
      try {
        await writer.write(callRecord());
        expect(await writer.flush()).toBe(false);
        await writer.write(callRecord());
        expect(writer.pending).toBe(3);
        expect(writer.stats.failedAttempts).toBe(1);
      } finally {
        await ctx.db.execute(sql`alter table call_log_away rename to call_log`);
      }
      await clock.advance(1_000); // the scheduled retry
      expect(await writer.flush()).toBe(true);
      expect(writer.pending).toBe(0);
      expect(await callCount(ctx)).toBe(3);
      expect(ctx.logger.lines.some((l) => l.includes('writing the call log failed'))).toBe(true);
      await writer.close();
    });

    it('sets aside a record the database rejects and writes the rest of its batch', async () => {
      await twoTenants(ctx.db);
      const writer = new BatchedCallLogWriter(ctx.db, {
        maxRows: 10,
        clock: new VirtualClock(),
        logger: ctx.logger,
      });
      const good = [callRecord(), callRecord()];
      const orphan = callRecord({ tenant: 'no-such-tenant' });
      await writer.write(good[0]);
      await writer.write(orphan);
      await writer.write(good[1]);
      expect(await writer.flush()).toBe(true);
      expect(await callCount(ctx)).toBe(2);
      expect(writer.rejected.map((r) => r.record.callId)).toEqual([orphan.callId]);
      await writer.close();
    });
  });
}
