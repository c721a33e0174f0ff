/**
 * Operator state changes from the ACD into `operator_state_log` (schema/operators.ts), for efficiency
 * reports. The routing core writes synchronously and must never wait for the database, so changes
 * are buffered and inserted in batches (one multi-row insert every `flushEveryMs`, or at `maxRows`).
 * When the database is away the batch stays at the front of the buffer and is tried again later:
 * nothing is dropped. Operator ids are the `operators.id` uuids of a stored deployment.
 * The table has no call id column; the change's call is not stored.
 * The same transaction moves each operator's row in `operators` to its latest state, so the API's
 * stored state and the ACD's live one are the same word (one vocabulary: operator-states.ts).
 */
import { sql } from 'drizzle-orm';
import type { StateChange, StateLogSink } from '../acd/state-log.ts';
import { type Clock, RealClock, type TimerHandle } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Db } from './database.ts';
import { operatorStateLog, operators } from './schema/operators.ts';

export interface StoredStateLogOptions {
  logger: Logger;
  clock?: Clock;
  flushEveryMs?: number;
  maxRows?: number;
}

export class StoredStateLog implements StateLogSink {
  private buffer: StateChange[] = [];
  private timer: TimerHandle | null = null;
  private flushing: Promise<void> | null = null;
  private readonly clock: Clock;
  private readonly flushEveryMs: number;
  private readonly maxRows: number;
  /** Rows written, and write attempts that failed (for health checks). */
  readonly stats = { written: 0, failures: 0 };

  constructor(
    private readonly db: Db,
    private readonly options: StoredStateLogOptions,
  ) {
    this.clock = options.clock ?? new RealClock();
    this.flushEveryMs = options.flushEveryMs ?? 200;
    this.maxRows = options.maxRows ?? 500;
  }

  write(change: StateChange): void {
    this.buffer.push(change);
    if (this.buffer.length >= this.maxRows) void this.flush();
    else if (!this.timer) this.timer = this.clock.setTimer(this.flushEveryMs, () => void this.flush());
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered; a failure leaves the rows buffered (and is logged), never throws. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.buffer.length > 0 ? this.flush() : undefined));
    this.clock.clearTimer(this.timer);
    this.timer = null;
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.maxRows);
      try {
        await this.db.transaction(async (tx) => {
          await tx.insert(operatorStateLog).values(
            batch.map((c) => ({
              tenantId: c.tenant,
              operatorId: c.operatorId,
              fromState: c.from,
              toState: c.to,
              reason: c.reason,
              at: new Date(c.at),
            })),
          );
          await tx.execute(latestStates(batch));
        });
        this.stats.written += batch.length;
      } catch (error) {
        this.buffer.unshift(...batch);
        this.stats.failures++;
        this.options.logger.log('error', 'store: operator state changes not written yet', {
          count: batch.length,
          error: error instanceof Error ? error.message : String(error),
        });
        if (!this.timer) this.timer = this.clock.setTimer(this.flushEveryMs * 10, () => void this.flush());
        return;
      }
    }
  }
}

/** One UPDATE moving each operator of the batch to its last state (never back to an older one). */
function latestStates(batch: StateChange[]) {
  const latest = new Map<string, StateChange>();
  for (const c of batch) latest.set(`${c.tenant}\u0000${c.operatorId}`, c);
  const rows = [...latest.values()].map(
    (c) => sql`(${c.tenant}, ${c.operatorId}::uuid, ${c.to}, ${new Date(c.at).toISOString()}::timestamptz)`,
  );
  return sql`update ${operators} set state = v.state, state_since = v.at,
      extension = case when v.state = 'LoggedOut' then null else ${operators.extension} end
    from (values ${sql.join(rows, sql`, `)}) as v(tenant_id, id, state, at)
    where ${operators.tenantId} = v.tenant_id and ${operators.id} = v.id and ${operators.stateSince} <= v.at`;
}
