/**
 * User queries the API needs beyond runtime/store/queries/tenants-users.ts (a user by id, leaving a
 * tenant, one's operator records), kept here until the store grows them.
 */
import { and, eq, isNull } from 'drizzle-orm';
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
