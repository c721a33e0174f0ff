/**
 * Tenants, users, roles and sign-in. Passwords are argon2id hashes (@node-rs/argon2); session and API
 * tokens are random 256-bit strings handed out once and stored as SHA-256, so a database dump opens
 * no accounts. Sign-in by e-mail and token checks take no tenant: they are how a tenant is found.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import {
  type AuthToken,
  authTokens,
  memberships,
  type Role,
  type Tenant,
  type TokenKind,
  tenants,
  type User,
  users,
} from '../schema/tenants-users.ts';

export async function upsertTenant(db: Db, tenant: { id: string; name: string }): Promise<Tenant> {
  const [row] = await db
    .insert(tenants)
    .values(tenant)
    .onConflictDoUpdate({ target: tenants.id, set: { name: tenant.name } })
    .returning();
  return row;
}

export async function getTenant(db: Db, tenantId: string): Promise<Tenant | null> {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  return row ?? null;
}

export async function listTenants(db: Db): Promise<Tenant[]> {
  return db.select().from(tenants).orderBy(tenants.id);
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(
  db: Db,
  input: { email: string; displayName: string; password: string },
): Promise<User> {
  const [row] = await db
    .insert(users)
    .values({
      email: normalizeEmail(input.email),
      displayName: input.displayName,
      passwordHash: await hash(input.password),
    })
    .returning();
  return row;
}

export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return row ?? null;
}

export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash: await hash(password) })
    .where(eq(users.id, userId));
}

/** The user when the password matches and the account is enabled; null otherwise. */
export async function verifyPassword(db: Db, email: string, password: string): Promise<User | null> {
  const user = await findUserByEmail(db, email);
  // An unknown e-mail costs one hash too, so timing does not reveal which addresses exist.
  const ok = await verify(user?.passwordHash ?? (await decoyHash()), password);
  return user && ok && user.disabledAt === null ? user : null;
}

let decoy: Promise<string> | null = null;
function decoyHash(): Promise<string> {
  decoy ??= hash(randomBytes(16).toString('hex'));
  return decoy;
}

export async function addMembership(db: Db, tenantId: string, userId: string, role: Role): Promise<void> {
  await db.insert(memberships).values({ tenantId, userId, role }).onConflictDoNothing();
}

export async function removeMembership(db: Db, tenantId: string, userId: string, role: Role): Promise<void> {
  await db
    .delete(memberships)
    .where(
      and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), eq(memberships.role, role)),
    );
}

export async function rolesOf(db: Db, tenantId: string, userId: string): Promise<Role[]> {
  const rows = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
    .orderBy(memberships.role);
  return rows.map((r) => r.role);
}

/** Tenants a user may enter, with the roles in each. */
export async function tenantsOf(db: Db, userId: string): Promise<{ tenantId: string; roles: Role[] }[]> {
  const rows = await db
    .select({ tenantId: memberships.tenantId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.tenantId, memberships.role);
  return group(rows);
}

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  roles: Role[];
}

export async function listMembers(db: Db, tenantId: string): Promise<Member[]> {
  const rows = await db
    .select({ userId: users.id, email: users.email, displayName: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(users.email, memberships.role);
  const byUser = new Map<string, Member>();
  for (const { role, ...user } of rows) {
    const member = byUser.get(user.userId) ?? { ...user, roles: [] };
    member.roles.push(role);
    byUser.set(user.userId, member);
  }
  return [...byUser.values()];
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface IssueTokenInput {
  userId: string;
  kind: TokenKind;
  name?: string;
  /** Lifetime; none for API tokens that live until revoked. */
  ttlMs?: number;
  now?: Date;
}

/** Returns the token in clear — the only time it exists outside the caller. */
export async function issueToken(
  db: Db,
  tenantId: string,
  input: IssueTokenInput,
): Promise<{ token: string; record: AuthToken }> {
  const token = randomBytes(32).toString('base64url');
  const now = input.now ?? new Date();
  const [record] = await db
    .insert(authTokens)
    .values({
      tenantId,
      userId: input.userId,
      kind: input.kind,
      name: input.name ?? null,
      tokenHash: tokenHash(token),
      createdAt: now,
      expiresAt: input.ttlMs === undefined ? null : new Date(now.getTime() + input.ttlMs),
    })
    .returning();
  return { token, record };
}

export interface TokenIdentity {
  tokenId: string;
  tenantId: string;
  userId: string;
  kind: TokenKind;
  roles: Role[];
}

/** Who a token belongs to, when it is neither revoked nor expired (and its user still enabled). */
export async function verifyToken(
  db: Db,
  token: string,
  now: Date = new Date(),
): Promise<TokenIdentity | null> {
  const [row] = await db
    .update(authTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(authTokens.tokenHash, tokenHash(token)),
        isNull(authTokens.revokedAt),
        or(isNull(authTokens.expiresAt), gt(authTokens.expiresAt, now)),
        sql`exists (select 1 from ${users} where ${users.id} = ${authTokens.userId} and ${users.disabledAt} is null)`,
      ),
    )
    .returning();
  if (!row) return null;
  return {
    tokenId: row.id,
    tenantId: row.tenantId,
    userId: row.userId,
    kind: row.kind,
    roles: await rolesOf(db, row.tenantId, row.userId),
  };
}

export async function revokeToken(
  db: Db,
  tenantId: string,
  tokenId: string,
  now: Date = new Date(),
): Promise<boolean> {
  const rows = await db
    .update(authTokens)
    .set({ revokedAt: now })
    .where(and(eq(authTokens.tenantId, tenantId), eq(authTokens.id, tokenId), isNull(authTokens.revokedAt)))
    .returning({ id: authTokens.id });
  return rows.length > 0;
}

function group(rows: { tenantId: string; role: Role }[]): { tenantId: string; roles: Role[] }[] {
  const byTenant = new Map<string, Role[]>();
  for (const { tenantId, role } of rows) byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), role]);
  return [...byTenant].map(([tenantId, roles]) => ({ tenantId, roles }));
}
