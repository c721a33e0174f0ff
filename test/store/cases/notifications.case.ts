import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock.ts';
import { BatchedCallLogWriter } from '../../../runtime/store/batched-call-log-writer.ts';
import { openDatabase, sqlRows } from '../../../runtime/store/database.ts';
import {
  type DeployEvent,
  LISTENER_APPLICATION_NAME,
  listenForDeployments,
  parseDeployNotification,
} from '../../../runtime/store/deploy-notifications.ts';
import { activateVersion, saveVersion } from '../../../runtime/store/queries/flows.ts';
import type { StoreContext } from '../db-fixture.ts';
import { callRecord, TENANT_A, twoTenants, versionInput } from '../store-test-data.ts';
import { proxyPostgres } from '../tcp-proxy.ts';

/** Waits (in real time: this is I/O) until `events` holds `count` entries, or fails after `ms`. */
async function eventsArrive(events: unknown[], count: number, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (events.length < count) {
    if (Date.now() > deadline)
      throw new Error(`expected ${count} events within ${ms} ms, got ${events.length}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function notificationCases(ctx: StoreContext): void {
  describe('deploy notifications', () => {
    it('reads a payload back whatever the flow name holds', () => {
      expect(parseDeployNotification('abc-internet:Поддержка: линия 1:12')).toEqual({
        tenant: 'abc-internet',
        flow: 'Поддержка: линия 1',
        version: 12,
      });
      expect(parseDeployNotification('abc:flow:x')).toBeNull();
      expect(parseDeployNotification('no-colons')).toBeNull();
    });

    it('tells a listener of each committed deployment and of none that failed', async () => {
      await twoTenants(ctx.db);
      await saveVersion(ctx.db, TENANT_A, versionInput('Поддержка', 'v1'));
      const events: DeployEvent[] = [];
      const listener = await listenForDeployments(ctx.database, (e) => events.push(e));
      try {
        await activateVersion(ctx.db, TENANT_A, { flow: 'Поддержка', version: 9 }).catch(() => {});
        await activateVersion(ctx.db, TENANT_A, { flow: 'Поддержка', version: 1 });
        await eventsArrive(events, 1);
        expect(events).toEqual([{ kind: 'deploy', tenant: TENANT_A, flow: 'Поддержка', version: 1 }]);
      } finally {
        await listener.close();
      }
    });

    it.runIf(ctx.kind === 'postgres')(
      'a second process (its own connections) picks a deployment up within one second',
      async () => {
        await twoTenants(ctx.db);
        await saveVersion(ctx.db, TENANT_A, versionInput('support', 'v1'));
        const other = await openDatabase({ url: ctx.url!, logger: ctx.logger, poolSize: 1 });
        const events: { event: DeployEvent; at: number }[] = [];
        const listener = await listenForDeployments(other, (event) =>
          events.push({ event, at: performance.now() }),
        );
        try {
          const sentAt = performance.now();
          await activateVersion(ctx.db, TENANT_A, { flow: 'support', version: 1 });
          await eventsArrive(events, 1, 1_000);
          expect(events[0].event).toEqual({ kind: 'deploy', tenant: TENANT_A, flow: 'support', version: 1 });
          expect(events[0].at - sentAt).toBeLessThan(1_000);
        } finally {
          await listener.close();
          await other.close();
        }
      },
    );

    it.runIf(ctx.kind === 'postgres')(
      'reconnects after its connection is killed and asks for a resync',
      async () => {
        await twoTenants(ctx.db);
        await saveVersion(ctx.db, TENANT_A, versionInput('support', 'v1'));
        const events: DeployEvent[] = [];
        const listener = await listenForDeployments(ctx.database, (e) => events.push(e), {
          retry: { initialMs: 20, maxMs: 100 },
        });
        try {
          await ctx.db.execute(
            sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${LISTENER_APPLICATION_NAME}`,
          );
          await eventsArrive(events, 1);
          expect(events[0]).toMatchObject({ kind: 'resync' });
          await activateVersion(ctx.db, TENANT_A, { flow: 'support', version: 1 });
          await eventsArrive(events, 2);
          expect(events[1]).toEqual({ kind: 'deploy', tenant: TENANT_A, flow: 'support', version: 1 });
          expect(ctx.logger.lines.some((l) => l.includes('deploy listener lost its connection'))).toBe(true);
        } finally {
          await listener.close();
        }
      },
    );

    it.runIf(ctx.kind === 'postgres')(
      'the call log writer survives a dropped connection without losing or doubling a call',
      async () => {
        await twoTenants(ctx.db);
        const proxy = await proxyPostgres(ctx.url!);
        const viaProxy = await openDatabase({ url: proxy.url, logger: ctx.logger, poolSize: 1 });
        const clock = new VirtualClock();
        const writer = new BatchedCallLogWriter(viaProxy.db, {
          maxRows: 100,
          retry: { initialMs: 500, maxMs: 500 },
          clock,
          logger: ctx.logger,
        });
        try {
          await writer.write(callRecord());
          await writer.write(callRecord());
          expect(await writer.flush()).toBe(true);

          // Twice, on a pool of one: a connection leaked by a failed BEGIN would hang the second round.
          for (let round = 1; round <= 2; round++) {
            proxy.cut();
            await writer.write(callRecord());
            await writer.write(callRecord());
            expect(await writer.flush()).toBe(false);
            expect(writer.pending).toBe(2);

            proxy.restore();
            await clock.advance(500);
            expect(await writer.flush()).toBe(true);
          }
          const [row] = await sqlRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from call_log`);
          expect(row.n).toBe(6);
          expect(writer.stats.written).toBe(6);
        } finally {
          await writer.close();
          await viaProxy.close();
          await proxy.close();
        }
      },
    );
  });
}
