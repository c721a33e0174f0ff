/**
 * Users of a tenant (admins only): add a person (or give an existing account roles here), change
 * their roles, remove them from the tenant, and issue API tokens for the CLI and scripts. A tenant
 * always keeps at least one admin. Every change goes to the audit log.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../../runtime/store/queries/audit.ts';
import {
  addMembership,
  createUser,
  findUserByEmail,
  issueToken,
  listMembers,
  removeMembership,
  revokeToken,
} from '../../../runtime/store/queries/tenants-users.ts';
import { ROLES, type Role } from '../../../runtime/store/schema/tenants-users.ts';
import { ApiError, notFound } from '../api-error.ts';
import type { AppEnv } from '../app-env.ts';
import { identityOf } from '../auth/authenticate.ts';
import { ROLE_SETS, tenantOf } from '../auth/require-role.ts';
import { removeFromTenant } from '../queries/users.ts';
import type { RouteRegistry } from '../route-registry.ts';
import { pathParam } from '../validate.ts';

const Roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);
const AddUserBody = z.strictObject({
  email: z.email().max(320),
  displayName: z.string().trim().min(1).max(200),
  /** Needed for a new account; an existing account keeps its password. */
  password: z.string().min(8).max(1024).optional(),
  roles: Roles,
});
const RolesBody = z.strictObject({ roles: Roles });
const TokenBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

export function userRoutes(registry: RouteRegistry) {
  const group = registry.group('/api/t/:tenant', 'users');

  group.get(
    '/users',
    { summary: 'Members of the tenant and their roles', access: { roles: ROLE_SETS.admins } },
    async (c) => {
      return c.json({ users: await listMembers(c.var.deps.db, tenantOf(c).id) });
    },
  );

  group.post(
    '/users',
    {
      summary: 'Add a user (or give an existing account roles here)',
      access: { roles: ROLE_SETS.admins },
      body: AddUserBody,
      responses: { 201: 'Created' },
    },
    async (c, { body }) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      let user = await findUserByEmail(db, body.email);
      const created = !user;
      if (!user) {
        if (!body.password) {
          throw new ApiError(
            422,
            'password-required',
            'A new account needs a password (8 characters or more).',
            'Для новой учётной записи нужен пароль (от 8 символов).',
          );
        }
        user = await createUser(db, {
          email: body.email,
          displayName: body.displayName,
          password: body.password,
        });
      }
      for (const role of body.roles) await addMembership(db, tenant, user.id, role);
      await recordAudit(db, tenant, {
        userId: identityOf(c).userId,
        action: 'user.add',
        target: `user:${user.email}`,
        details: { roles: body.roles, created },
      });
      return c.json(
        { id: user.id, email: user.email, displayName: user.displayName, roles: body.roles, created },
        created ? 201 : 200,
      );
    },
  );

  group.put(
    '/users/:userId/roles',
    { summary: 'Set a member’s roles', access: { roles: ROLE_SETS.admins }, body: RolesBody },
    async (c, { body }) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      const member = await memberOf(c, tenant);
      const wanted = new Set<Role>(body.roles);
      await keepAnAdmin(c, tenant, member.userId, wanted.has('admin'));
      for (const role of member.roles)
        if (!wanted.has(role)) await removeMembership(db, tenant, member.userId, role);
      for (const role of wanted) await addMembership(db, tenant, member.userId, role);
      await recordAudit(db, tenant, {
        userId: identityOf(c).userId,
        action: 'user.roles',
        target: `user:${member.email}`,
        details: { from: member.roles, to: [...wanted] },
      });
      return c.json({ id: member.userId, roles: [...wanted].sort() });
    },
  );

  group.delete(
    '/users/:userId',
    { summary: 'Remove a member from the tenant', access: { roles: ROLE_SETS.admins } },
    async (c) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      const member = await memberOf(c, tenant);
      await keepAnAdmin(c, tenant, member.userId, false);
      await removeFromTenant(db, tenant, member.userId);
      await recordAudit(db, tenant, {
        userId: identityOf(c).userId,
        action: 'user.remove',
        target: `user:${member.email}`,
        details: { roles: member.roles },
      });
      return c.json({ id: member.userId, removed: true });
    },
  );

  group.post(
    '/tokens',
    {
      summary: 'Issue an API token for this tenant (shown once)',
      access: { roles: ROLE_SETS.admins },
      body: TokenBody,
      responses: { 201: 'Created' },
    },
    async (c, { body }) => {
      const { db, clock } = c.var.deps;
      const tenant = tenantOf(c).id;
      const identity = identityOf(c);
      const { token, record } = await issueToken(db, tenant, {
        userId: identity.userId,
        kind: 'api',
        name: body.name,
        now: new Date(clock.now()),
      });
      await recordAudit(db, tenant, {
        userId: identity.userId,
        action: 'token.issue',
        target: `token:${record.id}`,
        details: { name: body.name },
      });
      return c.json({ id: record.id, name: body.name, token }, 201);
    },
  );

  group.delete(
    '/tokens/:tokenId',
    { summary: 'Revoke an API or session token of this tenant', access: { roles: ROLE_SETS.admins } },
    async (c) => {
      const { db, clock } = c.var.deps;
      const tenant = tenantOf(c).id;
      const tokenId = pathParam(c, 'tokenId', z.uuid(), ['Token', 'Токен']);
      if (!(await revokeToken(db, tenant, tokenId, new Date(clock.now())))) throw notFound('Token', 'Токен');
      await recordAudit(db, tenant, {
        userId: identityOf(c).userId,
        action: 'token.revoke',
        target: `token:${tokenId}`,
      });
      return c.json({ id: tokenId, revoked: true });
    },
  );

  return group;
}

type Ctx = Context<AppEnv>;

/** The member named by the path; users of other tenants (and unknown ids) are 404. */
async function memberOf(c: Ctx, tenant: string) {
  const userId = pathParam(c, 'userId', z.uuid(), ['User', 'Пользователь']);
  const member = (await listMembers(c.var.deps.db, tenant)).find((m) => m.userId === userId);
  if (!member) throw notFound('User', 'Пользователь');
  return member;
}

/** Refuses a change that would leave the tenant without an admin. */
async function keepAnAdmin(c: Ctx, tenant: string, userId: string, staysAdmin: boolean): Promise<void> {
  if (staysAdmin) return;
  const admins = (await listMembers(c.var.deps.db, tenant)).filter((m) => m.roles.includes('admin'));
  if (admins.length === 1 && admins[0].userId === userId) {
    throw new ApiError(
      409,
      'last-admin',
      'A tenant must keep at least one admin.',
      'У клиента должен остаться хотя бы один администратор.',
    );
  }
}
