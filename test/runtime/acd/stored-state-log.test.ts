/** Operator state changes from the routing core into the store's operator_state_log (PostgreSQL). */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcdCore } from '../../../runtime/acd/acd-core.ts';
import { defaultQueue } from '../../../runtime/acd/queue-model.ts';
import { VirtualClock } from '../../../runtime/clock.ts';
import { MemoryLogger } from '../../../runtime/logger.ts';
import { StoredStateLog } from '../../../runtime/store/acd-state-log.ts';
import { type Database, openDatabase } from '../../../runtime/store/database.ts';
import {
  ensureOperator,
  listOperators,
  operatorStateHistory,
} from '../../../runtime/store/queries/operators.ts';
import { createUser, upsertTenant } from '../../../runtime/store/queries/tenants-users.ts';
import { tenants } from '../../../runtime/store/schema/tenants-users.ts';
import { DATABASE_URL, loudSkip } from './support/pg-acd.ts';

loudSkip('test/runtime/acd/stored-state-log.test.ts (ACD state log into operator_state_log)');

describe.skipIf(!DATABASE_URL)('StoredStateLog on PostgreSQL', () => {
  let database: Database;
  const tenant = `acd-log-${randomBytes(3).toString('hex')}`;
  beforeAll(async () => {
    database = await openDatabase({ url: DATABASE_URL, logger: new MemoryLogger() });
    await upsertTenant(database.db, { id: tenant, name: 'ACD log test' });
  }, 60_000);
  afterAll(async () => {
    await database?.db.delete(tenants).where(eq(tenants.id, tenant));
    await database?.close();
  });

  it('writes every change of a shift in batches, with from, to, reason and time', async () => {
    const user = await createUser(database.db, {
      email: `${tenant}@example.test`,
      displayName: 'Олена',
      password: 'x-long-password',
    });
    const operator = await ensureOperator(database.db, tenant, user.id, new Date('2026-01-05T08:00:00Z'));
    const clock = new VirtualClock({ start: '2026-01-05T09:00:00Z' });
    const log = new StoredStateLog(database.db, { logger: new MemoryLogger(), clock, flushEveryMs: 1_000 });
    const core = new AcdCore({
      tenant,
      clock,
      queues: [defaultQueue('tech', { wrapUpMs: 30_000 })],
      stateLog: log,
    });
    core.upsertOperator({ id: operator.id, queues: ['tech'] });
    core.logIn(operator.id, '1001', 'PJSIP/1001');
    core.setState(operator.id, 'Ready');
    core.arrive({ callId: 'c1', queue: 'tech' });
    core.offerAnswered('c1');
    expect(log.pending).toBe(3);
    await clock.advance(120_000);
    // The timer took the first batch; the core never waited for it.
    expect(log.pending).toBe(0);
    core.callEnded('c1');
    await clock.advance(30_000);
    core.wrapUpEnded(operator.id, 'c1');
    core.setState(operator.id, 'Lunch', 'обед');
    await log.flush();
    const history = await operatorStateHistory(database.db, tenant, {
      from: new Date('2026-01-05T00:00:00Z'),
      to: new Date('2026-01-06T00:00:00Z'),
      operatorId: operator.id,
    });
    expect(history.map((h) => [h.fromState, h.toState, h.reason, h.at.toISOString()])).toEqual([
      ['LoggedOut', 'NotReady', 'log-in', '2026-01-05T09:00:00.000Z'],
      ['NotReady', 'Ready', 'operator', '2026-01-05T09:00:00.000Z'],
      ['Ready', 'Busy', 'offered', '2026-01-05T09:00:00.000Z'],
      ['Busy', 'WrapUp', 'tech', '2026-01-05T09:02:00.000Z'],
      ['WrapUp', 'Ready', 'wrap-up-done', '2026-01-05T09:02:30.000Z'],
      ['Ready', 'Lunch', 'обед', '2026-01-05T09:02:30.000Z'],
    ]);
    expect(log.stats).toEqual({ written: 6, failures: 0 });
    // The operator's stored state follows, in the same words.
    const [stored] = await listOperators(database.db, tenant);
    expect(stored).toMatchObject({ id: operator.id, state: 'Lunch' });
    expect(stored.stateSince.toISOString()).toBe('2026-01-05T09:02:30.000Z');
  });
});
