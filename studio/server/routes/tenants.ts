/**
 * The tenant itself. Every tenant route is `/api/t/<tenant>/…`: switching tenants is using another
 * path (GET /api/me lists the tenants and roles of the signed-in user). A tenant one is not a member
 * of answers 404, the same as one that does not exist.
 */
import { z } from 'zod';
import { listAudit } from '../../../runtime/store/queries/audit.ts';
import { getTenant } from '../../../runtime/store/queries/tenants-users.ts';
import { notFound } from '../api-error.ts';
import { ROLE_SETS, tenantOf } from '../auth/require-role.ts';
import { tenantWorkspace, workspaceJson } from '../queries/tenant-settings.ts';
import type { RouteRegistry } from '../route-registry.ts';

const AuditQuery = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  action: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export function tenantRoutes(registry: RouteRegistry) {
  const group = registry.group('/api/t/:tenant', 'tenants');

  group.get(
    '/',
    { summary: 'The tenant and your roles in it', access: { roles: ROLE_SETS.anyone } },
    async (c) => {
      const access = tenantOf(c);
      const tenant = await getTenant(c.var.deps.db, access.id);
      if (!tenant) throw notFound(`Tenant "${access.id}"`, `Клиент «${access.id}»`);
      return c.json({ id: tenant.id, name: tenant.name, roles: access.roles });
    },
  );

  group.get(
    '/workspace',
    {
      summary: 'The workspace flows are checked against (queues, data sources, calendars …)',
      access: { roles: ROLE_SETS.flowReaders },
    },
    async (c) => {
      const tenant = tenantOf(c).id;
      const { db } = c.var.deps;
      return c.json({
        stored: await workspaceJson(db, tenant),
        effective: await tenantWorkspace(db, tenant),
      });
    },
  );

  group.get(
    '/audit',
    {
      summary: 'Audit trail: deployments, rollbacks, user and number changes',
      access: { roles: ROLE_SETS.admins },
      query: AuditQuery,
    },
    async (c, { query }) => {
      const entries = await listAudit(c.var.deps.db, tenantOf(c).id, query);
      return c.json({ entries });
    },
  );

  return group;
}
