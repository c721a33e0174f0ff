/**
 * `requireRole(...roles)`: the check in front of every tenant route. The tenant comes from the path
 * (`/api/t/:tenant/...`, or `?tenant=` on the WebSocket); the caller must be signed in (401), be a
 * member of that tenant (else 404: whether a tenant exists is nobody else's business), hold one of
 * the roles (403), and use an API token only in the tenant it was issued for (404).
 */
import type { MiddlewareHandler } from 'hono';
import { rolesOf } from '../../../runtime/store/queries/tenants-users.ts';
import type { Role } from '../../../runtime/store/schema/tenants-users.ts';
import { ApiError, forbidden, notFound, unauthorized } from '../api-error.ts';
import type { AppEnv, TenantAccess } from '../app-env.ts';

export function requireRole(...allowed: Role[]): MiddlewareHandler<AppEnv> {
  if (allowed.length === 0) throw new Error('requireRole needs at least one role');
  return async function requireRole(c, next) {
    const identity = c.var.identity;
    if (!identity) throw unauthorized();
    const tenantId = c.req.param('tenant') ?? c.req.query('tenant');
    if (!tenantId) {
      throw new ApiError(
        400,
        'tenant-required',
        'Say which tenant: /api/t/<tenant>/… or ?tenant=.',
        'Укажите клиента: /api/t/<клиент>/… или ?tenant=.',
      );
    }
    const unknownTenant = notFound(`Tenant "${tenantId}"`, `Клиент «${tenantId}»`);
    if (identity.tokenKind === 'api' && identity.tokenTenant !== tenantId) throw unknownTenant;
    const roles = await rolesOf(c.var.deps.db, tenantId, identity.userId);
    if (roles.length === 0) throw unknownTenant;
    if (!roles.some((role) => allowed.includes(role))) throw forbidden();
    const access: TenantAccess = { id: tenantId, roles };
    c.set('tenant', access);
    await next();
  };
}

/** The tenant of a request behind requireRole. */
export function tenantOf(c: { var: AppEnv['Variables'] }): TenantAccess {
  const tenant = c.var.tenant;
  if (!tenant) throw new Error('tenantOf() on a route without requireRole');
  return tenant;
}

/** The role sets routes use, named once so the matrix reads in one place. */
export const ROLE_SETS = {
  /** Everyone who belongs to the tenant. */
  anyone: ['admin', 'analyst', 'supervisor', 'operator'],
  /** Writing, checking and simulating flows. */
  authors: ['admin', 'analyst'],
  /** Reading flows and their versions. */
  flowReaders: ['admin', 'analyst', 'supervisor'],
  /** Deploy, roll back, users, numbers, data sources, imports. */
  admins: ['admin'],
  /** Call log, operators, queues. */
  supervisors: ['admin', 'supervisor'],
  /** The customer card: operators see it during calls. */
  customerReaders: ['admin', 'supervisor', 'operator'],
  operators: ['operator'],
} as const satisfies Record<string, readonly Role[]>;
