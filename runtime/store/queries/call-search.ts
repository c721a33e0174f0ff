/**
 * Searching a tenant's call log: filters by time, caller, dialled number, outcome, operator and queue,
 * newest first, paged by a keyset cursor (stable while new calls arrive, and as cheap on page 100 as
 * on page 1 thanks to the (tenant, started_at, call_id) index).
 */
import { and, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { CallOutcome } from '../../call-log.ts';
import type { Db } from '../database.ts';
import { type CallLogRow, callLog } from '../schema/calls.ts';

export interface CallFilter {
  /** started_at >= from */
  from?: Date;
  /** started_at < to */
  to?: Date;
  caller?: string;
  dialled?: string;
  outcome?: CallOutcome;
  operator?: string;
  queue?: string;
}

export interface CallPage {
  calls: CallLogRow[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const MAX_PAGE = 500;

export async function searchCalls(
  db: Db,
  tenantId: string,
  filter: CallFilter,
  page: { limit?: number; cursor?: string | null } = {},
): Promise<CallPage> {
  const limit = Math.max(1, Math.min(page.limit ?? 50, MAX_PAGE));
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const rows = await db
    .select()
    .from(callLog)
    .where(
      and(
        ...conditions(tenantId, filter),
        after
          ? sql`(${callLog.startedAt}, ${callLog.callId}) < (${after.startedAt}::timestamptz, ${after.callId})`
          : undefined,
      ),
    )
    .orderBy(desc(callLog.startedAt), desc(callLog.callId))
    .limit(limit + 1);
  const calls = rows.slice(0, limit);
  const last = calls[calls.length - 1];
  return {
    calls,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ startedAt: last.startedAt.toISOString(), callId: last.callId })
        : null,
  };
}

export async function countCalls(db: Db, tenantId: string, filter: CallFilter): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(callLog)
    .where(and(...conditions(tenantId, filter)));
  return row.n;
}

function conditions(tenantId: string, filter: CallFilter): (SQL | undefined)[] {
  return [
    eq(callLog.tenantId, tenantId),
    filter.from ? gte(callLog.startedAt, filter.from) : undefined,
    filter.to ? lt(callLog.startedAt, filter.to) : undefined,
    filter.caller ? eq(callLog.caller, filter.caller) : undefined,
    filter.dialled ? eq(callLog.dialled, filter.dialled) : undefined,
    filter.outcome ? eq(callLog.outcome, filter.outcome) : undefined,
    filter.operator ? eq(callLog.operator, filter.operator) : undefined,
    filter.queue ? eq(callLog.queue, filter.queue) : undefined,
  ];
}

interface Cursor {
  startedAt: string;
  callId: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.startedAt, cursor.callId])).toString('base64url');
}

/** A tampered cursor gives the first page rather than an error. */
function decodeCursor(text: string): Cursor | null {
  try {
    const [startedAt, callId] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof startedAt !== 'string' || typeof callId !== 'string' || Number.isNaN(Date.parse(startedAt)))
      return null;
    return { startedAt, callId };
  } catch {
    return null;
  }
}
