/**
 * The call log: search with filters and keyset pagination, one call with its steps and recordings,
 * and CSV export of a whole search (streamed page by page, so a month of calls never sits in memory).
 */
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { getCall } from '../../../runtime/store/queries/call-log.ts';
import { MAX_PAGE, searchCalls } from '../../../runtime/store/queries/call-search.ts';
import { recordingsOfCall } from '../../../runtime/store/queries/recordings.ts';
import type { CallLogRow } from '../../../runtime/store/schema/calls.ts';
import { notFound } from '../api-error.ts';
import { ROLE_SETS, tenantOf } from '../auth/require-role.ts';
import { csvLine } from '../csv/csv-line.ts';
import type { RouteRegistry } from '../route-registry.ts';
import { pathParam } from '../validate.ts';

const Filters = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  caller: z.string().max(40).optional(),
  dialled: z.string().max(40).optional(),
  outcome: z.enum(['completed', 'abandoned', 'transferred', 'failed', 'queued']).optional(),
  operator: z.string().max(100).optional(),
  queue: z.string().max(100).optional(),
});
const SearchQuery = Filters.extend({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z.string().max(500).optional(),
});

const CallId = z.string().min(1).max(100);

const CSV_COLUMNS: [string, (row: CallLogRow) => unknown][] = [
  ['call_id', (r) => r.callId],
  ['started_at', (r) => r.startedAt.toISOString()],
  ['answered_at', (r) => r.answeredAt?.toISOString() ?? ''],
  ['ended_at', (r) => r.endedAt.toISOString()],
  ['caller', (r) => r.caller],
  ['caller_name', (r) => r.callerName ?? ''],
  ['dialled', (r) => r.dialled],
  ['flow', (r) => r.flowName],
  ['flow_version', (r) => r.flowVersion],
  ['outcome', (r) => r.outcome],
  ['ended_by', (r) => r.endedBy],
  ['queue', (r) => r.queue ?? ''],
  ['wait_ms', (r) => r.waitMs ?? ''],
  ['operator', (r) => r.operator ?? ''],
  ['recording', (r) => r.recordingRef ?? ''],
  ['errors', (r) => r.errors.length],
];

export function callRoutes(registry: RouteRegistry) {
  const group = registry.group('/api/t/:tenant', 'call log');

  group.get(
    '/calls',
    {
      summary: 'Search the call log (newest first, `cursor` for the next page)',
      access: { roles: ROLE_SETS.supervisors },
      query: SearchQuery,
    },
    async (c, { query }) => {
      const { limit, cursor, ...filter } = query;
      return c.json(await searchCalls(c.var.deps.db, tenantOf(c).id, filter, { limit, cursor }));
    },
  );

  group.get(
    '/calls.csv',
    {
      summary: 'Export a search of the call log as CSV',
      access: { roles: ROLE_SETS.supervisors },
      query: Filters,
      responses: { 200: 'text/csv' },
    },
    async (c, { query }) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header('content-disposition', `attachment; filename="calls-${tenant}.csv"`);
      return stream(c, async (out) => {
        await out.write(`\uFEFF${csvLine(CSV_COLUMNS.map(([name]) => name))}`);
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof searchCalls>> = await searchCalls(db, tenant, query, {
            limit: MAX_PAGE,
            cursor,
          });
          await out.write(
            page.calls.map((row) => csvLine(CSV_COLUMNS.map(([, value]) => value(row)))).join(''),
          );
          cursor = page.nextCursor;
        } while (cursor);
      });
    },
  );

  group.get(
    '/calls/:callId',
    {
      summary: 'One call: route, steps, keys (secrets masked), outcome',
      access: { roles: ROLE_SETS.supervisors },
    },
    async (c) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      const callId = pathParam(c, 'callId', CallId, ['Call', 'Звонок']);
      const call = await getCall(db, tenant, callId);
      if (!call) throw notFound('Call', 'Звонок');
      return c.json({ ...call, recordings: await recordingsOfCall(db, tenant, callId) });
    },
  );

  group.get(
    '/calls/:callId/recordings',
    { summary: 'Recording metadata of a call', access: { roles: ROLE_SETS.supervisors } },
    async (c) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      const callId = pathParam(c, 'callId', CallId, ['Call', 'Звонок']);
      if (!(await getCall(db, tenant, callId))) throw notFound('Call', 'Звонок');
      return c.json({ callId, recordings: await recordingsOfCall(db, tenant, callId) });
    },
  );

  return group;
}
