/**
 * Signing in and out. POST /api/login checks the password (argon2id, in the store) and hands out a
 * session token twice: as an HttpOnly cookie for the studio and in the body for scripts and the CLI
 * (`Authorization: Bearer …`). A session works in every tenant the user belongs to; the tenant is
 * chosen per request by the path (/api/t/<tenant>/…).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Db } from '../../../runtime/store/database.ts';
import {
  issueToken,
  listTenants,
  revokeToken,
  tenantsOf,
  verifyPassword,
} from '../../../runtime/store/queries/tenants-users.ts';
import { ApiError } from '../api-error.ts';
import { identityOf } from '../auth/authenticate.ts';
import { LoginThrottle } from '../auth/login-throttle.ts';
import { SESSION_COOKIE } from '../config.ts';
import type { RouteRegistry } from '../route-registry.ts';

const LoginBody = z.strictObject({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
  /** The tenant to start in; the first membership when absent. */
  tenant: z.string().min(1).max(100).optional(),
});

export function authRoutes(registry: RouteRegistry, throttle = new LoginThrottle()) {
  const group = registry.group('/api', 'auth');

  group.post(
    '/login',
    { summary: 'Sign in: session cookie and bearer token', access: { auth: 'public' }, body: LoginBody },
    async (c, { body }) => {
      const { db, clock, config } = c.var.deps;
      const address = clientAddress(c);
      const wait = throttle.retryAfter(body.email, address, clock.now());
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        c.header('Retry-After', String(seconds));
        throw new ApiError(
          429,
          'too-many-attempts',
          `Too many failed sign-ins. Try again in ${seconds} s.`,
          `Слишком много неудачных попыток входа. Повторите через ${seconds} с.`,
          { retryAfterSeconds: seconds },
        );
      }
      const user = await verifyPassword(db, body.email, body.password);
      if (!user) {
        throttle.failed(body.email, address, clock.now());
        throw new ApiError(
          401,
          'bad-credentials',
          'Wrong e-mail or password.',
          'Неверный e-mail или пароль.',
        );
      }
      const memberships = await membershipsOf(db, user.id);
      if (memberships.length === 0) {
        throw new ApiError(
          403,
          'no-tenant',
          'This account belongs to no tenant yet.',
          'Эта учётная запись пока не относится ни к одному клиенту.',
        );
      }
      throttle.succeeded(body.email, address);
      const home = memberships.find((m) => m.tenant.id === body.tenant) ?? memberships[0];
      const now = new Date(clock.now());
      const { token, record } = await issueToken(db, home.tenant.id, {
        userId: user.id,
        kind: 'session',
        ttlMs: config.sessionTtlMs,
        now,
      });
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: config.secureCookies,
        maxAge: Math.floor(config.sessionTtlMs / 1000),
      });
      return c.json({
        token,
        expiresAt: record.expiresAt,
        user: { id: user.id, email: user.email, displayName: user.displayName },
        tenant: home.tenant.id,
        memberships,
      });
    },
  );

  group.post(
    '/logout',
    { summary: 'Sign out: revokes the session token', access: { auth: 'session' } },
    async (c) => {
      const identity = identityOf(c);
      await revokeToken(
        c.var.deps.db,
        identity.tokenTenant,
        identity.tokenId,
        new Date(c.var.deps.clock.now()),
      );
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true });
    },
  );

  group.get(
    '/me',
    { summary: 'Who is signed in, and their tenants and roles', access: { auth: 'session' } },
    async (c) => {
      const identity = identityOf(c);
      const memberships = await membershipsOf(c.var.deps.db, identity.userId);
      // An API token works in its own tenant only.
      const usable =
        identity.tokenKind === 'api'
          ? memberships.filter((m) => m.tenant.id === identity.tokenTenant)
          : memberships;
      return c.json({
        user: { id: identity.userId, email: identity.email, displayName: identity.displayName },
        token: { kind: identity.tokenKind, tenant: identity.tokenTenant },
        memberships: usable,
      });
    },
  );

  return group;
}

/** The peer's address; requests made in-process (tests, no socket) share one bucket. */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

async function membershipsOf(db: Db, userId: string) {
  const [mine, tenants] = await Promise.all([tenantsOf(db, userId), listTenants(db)]);
  const names = new Map(tenants.map((t) => [t.id, t.name]));
  return mine.map((m) => ({
    tenant: { id: m.tenantId, name: names.get(m.tenantId) ?? m.tenantId },
    roles: m.roles,
  }));
}
