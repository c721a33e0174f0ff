/**
 * The drizzle-backed `CallLogSink`: finished calls are buffered and written every `flushEveryMs` or
 * as soon as `maxRows` are waiting, in one multi-row insert. When the database is away the batch goes
 * back to the front of the buffer and is retried with backoff — nothing buffered is dropped. Only a
 * record the database rejects on its own (a data or constraint error: say, an unknown tenant) is set
 * aside in `rejected` and logged, so one bad record cannot block every call after it.
 */
import type { CallLogSink, CallRecord } from '../call-log.ts';
import { type Clock, RealClock, type TimerHandle } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Db } from './database.ts';
import { insertCallBatch } from './queries/call-log.ts';
import { backoffMs, errorText, type RetryPolicy } from './retry.ts';

export interface BatchedCallLogWriterOptions {
  flushEveryMs?: number;
  maxRows?: number;
  /** Backoff between attempts while the database is unreachable. */
  retry?: Omit<RetryPolicy, 'attempts'>;
  /** Attempts `close()` makes before giving up and handing the rows back. */
  closeAttempts?: number;
  clock?: Clock;
  logger: Logger;
}

export interface WriterStats {
  /** Flush runs started (each drains the buffer in one or more batches). */
  flushes: number;
  written: number;
  batches: number;
  failedAttempts: number;
}

export class BatchedCallLogWriter implements CallLogSink {
  private buffer: CallRecord[] = [];
  /** Records the database refused individually (data errors), kept for inspection. */
  readonly rejected: { record: CallRecord; error: string }[] = [];
  readonly stats: WriterStats = { flushes: 0, written: 0, batches: 0, failedAttempts: 0 };
  private readonly flushEveryMs: number;
  private readonly maxRows: number;
  private readonly retry: Omit<RetryPolicy, 'attempts'>;
  private readonly clock: Clock;
  private timer: TimerHandle | null = null;
  private flushing: Promise<boolean> | null = null;
  private followUp: Promise<boolean> | null = null;
  private consecutiveFailures = 0;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly options: BatchedCallLogWriterOptions,
  ) {
    this.flushEveryMs = options.flushEveryMs ?? 250;
    this.maxRows = options.maxRows ?? 500;
    this.retry = options.retry ?? { initialMs: 200, maxMs: 5_000 };
    this.clock = options.clock ?? new RealClock();
  }

  /** Buffers the record; resolves at once (the session need not wait for the database). */
  async write(record: CallRecord): Promise<void> {
    if (this.closed) throw new Error('call log writer is closed');
    this.buffer.push(record);
    // A running flush keeps draining until the buffer is empty, so it needs no nudge.
    if (this.flushing) return;
    if (this.buffer.length >= this.maxRows && this.consecutiveFailures === 0) void this.flush();
    else this.schedule(this.flushEveryMs);
  }

  /** Records waiting to be written. */
  get pending(): number {
    return this.buffer.length;
  }

  /**
   * Writes everything buffered now. Resolves true when the buffer was emptied, false when the
   * database failed (the rows stay buffered and a retry is scheduled). Never rejects.
   */
  flush(): Promise<boolean> {
    // Callers arriving during a flush share one follow-up flush (one per caller would pile up).
    if (this.flushing) {
      this.followUp ??= this.flushing.then(() => {
        this.followUp = null;
        return this.flush();
      });
      return this.followUp;
    }
    this.clock.clearTimer(this.timer);
    this.timer = null;
    const run = this.drain().finally(() => {
      this.flushing = null;
      // A call written between the drain's last check and now must not wait for the next write.
      if (this.buffer.length > 0 && !this.closed) this.schedule(this.flushEveryMs);
    });
    this.flushing = run;
    return run;
  }

  /**
   * Stops the timer and writes what is left, retrying up to `closeAttempts` times. Returns the
   * records that could not be written (empty when all went well) so the caller can keep them.
   */
  async close(): Promise<CallRecord[]> {
    this.closed = true;
    const attempts = this.options.closeAttempts ?? 5;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (await this.flush()) break;
      if (attempt < attempts) await sleep(this.clock, backoffMs({ ...this.retry, attempts }, attempt));
    }
    this.clock.clearTimer(this.timer);
    this.timer = null;
    const left = this.buffer;
    this.buffer = [];
    if (left.length > 0) {
      this.options.logger.log('error', 'store: call log writer closed with unwritten calls', {
        count: left.length,
      });
    }
    return left;
  }

  private async drain(): Promise<boolean> {
    this.stats.flushes++;
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.maxRows);
      try {
        await insertCallBatch(this.db, batch);
        this.stats.written += batch.length;
        this.stats.batches++;
        this.consecutiveFailures = 0;
      } catch (error) {
        if (isDataError(error)) {
          await this.insertOneByOne(batch);
          continue;
        }
        this.buffer.unshift(...batch);
        this.failed(error);
        return false;
      }
    }
    return true;
  }

  /** A data error rejects the whole statement: find the guilty records and write the rest. */
  private async insertOneByOne(batch: CallRecord[]): Promise<void> {
    for (let i = 0; i < batch.length; i++) {
      const record = batch[i];
      try {
        await insertCallBatch(this.db, [record]);
        this.stats.written++;
      } catch (error) {
        if (!isDataError(error)) {
          this.buffer.unshift(...batch.slice(i));
          throw error;
        }
        this.rejected.push({ record, error: errorText(error) });
        this.options.logger.log('error', 'store: the database refused a call record', {
          callId: record.callId,
          tenant: record.tenant,
          error: errorText(error),
        });
      }
    }
  }

  private failed(error: unknown): void {
    this.consecutiveFailures++;
    this.stats.failedAttempts++;
    const delayMs = backoffMs(
      { ...this.retry, attempts: Number.POSITIVE_INFINITY },
      this.consecutiveFailures,
    );
    this.options.logger.log('warn', 'store: writing the call log failed, will retry', {
      buffered: this.buffer.length,
      attempt: this.consecutiveFailures,
      delayMs,
      error: errorText(error),
    });
    if (!this.closed) this.schedule(delayMs, true);
  }

  private schedule(delayMs: number, replace = false): void {
    if (this.timer && !replace) return;
    this.clock.clearTimer(this.timer);
    this.timer = this.clock.setTimer(delayMs, () => {
      this.timer = null;
      void this.flush();
    });
  }
}

/** SQLSTATE class 22 (data exception) or 23 (integrity constraint): the record, not the link, is wrong. */
function isDataError(error: unknown): boolean {
  const code = sqlState(error);
  return code !== null && (code.startsWith('22') || code.startsWith('23'));
}

function sqlState(error: unknown): string | null {
  // drizzle wraps driver errors; the SQLSTATE sits on the error or its cause.
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimer(ms, resolve));
}
