/**
 * Data sources (ARCHITECTURE decision 5): admins declare the named operations flows may call —
 * the built-in customer store, a PostgreSQL query, an HTTP endpoint — with typed parameters and
 * results. They live in the tenant's workspace, so the checker knows their signatures at once; the
 * runtime builds its drivers from the workspace when it starts.
 */
import { z } from 'zod';
import { dataSourceSchema } from '../../../language/workspace.ts';
import { recordAudit } from '../../../runtime/store/queries/audit.ts';
import { ApiError, notFound } from '../api-error.ts';
import { identityOf } from '../auth/authenticate.ts';
import { ROLE_SETS, tenantOf } from '../auth/require-role.ts';
import { saveWorkspaceJson, tenantWorkspace, workspaceJson } from '../queries/tenant-settings.ts';
import type { RouteRegistry } from '../route-registry.ts';
import { pathParam } from '../validate.ts';

const SourceName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a name like billing or crm_2');

export function dataSourceRoutes(registry: RouteRegistry) {
  const group = registry.group('/api/t/:tenant', 'data sources');

  group.get(
    '/data-sources',
    { summary: 'Data sources and their operations', access: { roles: ROLE_SETS.authors } },
    async (c) => {
      const workspace = await tenantWorkspace(c.var.deps.db, tenantOf(c).id);
      return c.json({ dataSources: workspace.dataSources });
    },
  );

  group.put(
    '/data-sources/:name',
    {
      summary:
        'Declare or replace a data source (applies to checks and deployments now, to the runtime on its next start)',
      access: { roles: ROLE_SETS.admins },
      body: dataSourceSchema,
    },
    async (c, { body }) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      const name = pathParam(c, 'name', SourceName, ['Data source', 'Источник данных']);
      const stored = await workspaceJson(db, tenant);
      const dataSources = { ...((stored.dataSources as Record<string, unknown>) ?? {}), [name]: body };
      const errors = await saveWorkspaceJson(db, tenant, { ...stored, dataSources });
      if (errors.length > 0) {
        throw new ApiError(
          422,
          'invalid-workspace',
          `The workspace would be invalid: ${errors.join('; ')}`,
          `Рабочее пространство стало бы неверным: ${errors.join('; ')}`,
        );
      }
      await recordAudit(db, tenant, {
        userId: identityOf(c).userId,
        action: 'data-source.put',
        target: `data-source:${name}`,
        details: { kind: body.kind },
      });
      return c.json({ name, dataSource: body });
    },
  );

  group.delete(
    '/data-sources/:name',
    { summary: 'Remove a data source', access: { roles: ROLE_SETS.admins } },
    async (c) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      const name = pathParam(c, 'name', SourceName, ['Data source', 'Источник данных']);
      const stored = await workspaceJson(db, tenant);
      const dataSources = { ...((stored.dataSources as Record<string, unknown>) ?? {}) };
      if (!(name in dataSources)) throw notFound(`Data source "${name}"`, `Источник данных «${name}»`);
      delete dataSources[name];
      await saveWorkspaceJson(db, tenant, { ...stored, dataSources });
      await recordAudit(db, tenant, {
        userId: identityOf(c).userId,
        action: 'data-source.delete',
        target: `data-source:${name}`,
      });
      return c.json({ name, removed: true });
    },
  );

  return group;
}
