/**
 * User queries the API needs beyond runtime/store/queries/tenants-users.ts (a user by id, names for
 * ids, leaving a tenant, one's operator records), kept here until the store grows them.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../runtime/store/database.ts';
import { operators } from '../../../runtime/store/schema/operators.ts';
import { memberships, type User, users } from '../../../runtime/store/schema/tenants-users.ts';

/** An enabled user by id. */
export async function getUser(db: Db, userId: string): Promise<User | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  return row ?? null;
}

export interface UserName {
  email: string;
  displayName: string;
}

/**
 * E-mail and name of each user id given (disabled users too: history names who did it then).
 * Ids of users that no longer exist are simply absent.
 */
export async function userNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, UserName>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map(({ id, ...name }) => [id, name]));
}

/** Removes every role a user holds in one tenant; true when there was any. */
export async function removeFromTenant(db: Db, tenantId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  return rows.length > 0;
}

/** The user's operator records in a tenant (none unless they work as an operator there). */
export async function operatorIdsOf(db: Db, tenantId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: operators.id })
    .from(operators)
    .where(and(eq(operators.tenantId, tenantId), eq(operators.userId, userId)));
  return rows.map((r) => r.id);
}
