/**
 * Customers and accounts of the built-in store: lists and the customer card (operators see it during
 * calls), and CSV import by admins with progress — over the WebSocket (`import` messages), and in the
 * response: as NDJSON lines when the client accepts `application/x-ndjson`, else in the final JSON.
 * Account rows never carry the PIN hash.
 */
import { randomUUID } from 'node:crypto';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { recordAudit } from '../../../runtime/store/queries/audit.ts';
import { ApiError, errorBody, notFound, toApiError } from '../api-error.ts';
import { identityOf } from '../auth/authenticate.ts';
import { ROLE_SETS, tenantOf } from '../auth/require-role.ts';
import { type ImportProgress, parseImport, writeImport } from '../csv/customer-import.ts';
import { requestLocale } from '../locale.ts';
import { findAccount, getCustomer, listCustomers } from '../queries/customer-list.ts';
import type { RouteRegistry } from '../route-registry.ts';
import { pathParam } from '../validate.ts';

const ListQuery = z.object({
  phone: z.string().max(30).optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
const ImportQuery = z.object({ kind: z.enum(['customers', 'accounts']) });
const AccountQuery = z.object({ contract: z.string().min(1).max(32) });

export function customerRoutes(registry: RouteRegistry) {
  const group = registry.group('/api/t/:tenant', 'customers');

  group.get(
    '/customers',
    {
      summary: 'Customers, by phone or name',
      access: { roles: ROLE_SETS.customerReaders },
      query: ListQuery,
    },
    async (c, { query }) => {
      return c.json({ customers: await listCustomers(c.var.deps.db, tenantOf(c).id, query) });
    },
  );

  group.get(
    '/customers/:id',
    {
      summary: 'The customer card with their accounts (no PIN data)',
      access: { roles: ROLE_SETS.customerReaders },
    },
    async (c) => {
      const id = pathParam(c, 'id', z.uuid(), ['Customer', 'Клиент']);
      const customer = await getCustomer(c.var.deps.db, tenantOf(c).id, id);
      if (!customer) throw notFound('Customer', 'Клиент');
      return c.json(customer);
    },
  );

  group.get(
    '/accounts',
    {
      summary: 'An account by contract number (no PIN data)',
      access: { roles: ROLE_SETS.supervisors },
      query: AccountQuery,
    },
    async (c, { query }) => {
      const account = await findAccount(c.var.deps.db, tenantOf(c).id, query.contract);
      if (!account) throw notFound(`Contract ${query.contract}`, `Договор ${query.contract}`);
      return c.json(account);
    },
  );

  group.post(
    '/customers/import',
    {
      summary: 'Import customers or accounts from CSV (validated whole, then upserted in batches)',
      access: { roles: ROLE_SETS.admins },
      query: ImportQuery,
      rawBody: {
        contentType: 'text/csv',
        maxBytes: 20 * 1024 * 1024,
        description:
          'customers: phone,name[,vip][,card fields…]; accounts: contract,pin,balance,currency[,phone]',
      },
    },
    async (c, { query }) => {
      const { db, live } = c.var.deps;
      const tenant = tenantOf(c).id;
      if (!/^text\/csv\b/i.test(c.req.header('content-type') ?? '')) {
        throw new ApiError(
          415,
          'unsupported-media-type',
          'Send the file as text/csv.',
          'Отправьте файл как text/csv.',
        );
      }
      const parsed = parseImport(query.kind, await c.req.text());
      const importId = randomUUID();
      const progress: ImportProgress[] = [];
      const report = (p: ImportProgress) => {
        progress.push(p);
        live.publish({ kind: 'import', tenant, importId, ...p });
      };
      const run = async (onProgress: (p: ImportProgress) => void) => {
        const result = await writeImport(db, tenant, parsed, onProgress, c.var.deps.config.pinCost);
        await recordAudit(db, tenant, {
          userId: identityOf(c).userId,
          action: `${query.kind}.import`,
          target: `import:${importId}`,
          details: { rows: result.rows },
        });
        return result;
      };
      if ((c.req.header('accept') ?? '').includes('application/x-ndjson')) {
        c.header('content-type', 'application/x-ndjson; charset=utf-8');
        const locale = requestLocale(c);
        return stream(c, async (out) => {
          try {
            const result = await run((p) => {
              report(p);
              void out.write(`${JSON.stringify({ importId, progress: p })}\n`);
            });
            await out.write(`${JSON.stringify({ importId, result })}\n`);
          } catch (error) {
            await out.write(`${JSON.stringify(errorBody(toApiError(error), locale))}\n`);
          }
        });
      }
      const result = await run(report);
      return c.json({ importId, ...result, progress });
    },
  );

  return group;
}
