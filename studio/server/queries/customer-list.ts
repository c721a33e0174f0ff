/**
 * Reading the customer store for screens (lists, the customer card). The store's own queries serve
 * the runtime (a caller by phone, a balance by contract + PIN); these never select a PIN hash.
 */
import { and, asc, eq, ilike, type SQL } from 'drizzle-orm';
import { phoneKey } from '../../../runtime/data/customer-store.ts';
import type { Db } from '../../../runtime/store/database.ts';
import { accounts, customers } from '../../../runtime/store/schema/customers.ts';

const customerColumns = {
  id: customers.id,
  phone: customers.phone,
  name: customers.name,
  vip: customers.vip,
  card: customers.card,
  updatedAt: customers.updatedAt,
};

const accountColumns = {
  id: accounts.id,
  contract: accounts.contract,
  balance: accounts.balance,
  currency: accounts.currency,
  customerId: accounts.customerId,
  updatedAt: accounts.updatedAt,
};

export async function listCustomers(
  db: Db,
  tenantId: string,
  filter: { phone?: string; q?: string; limit: number; offset: number },
) {
  const conditions: (SQL | undefined)[] = [
    eq(customers.tenantId, tenantId),
    filter.phone ? eq(customers.phoneKey, phoneKey(filter.phone)) : undefined,
    filter.q ? ilike(customers.name, `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`) : undefined,
  ];
  return db
    .select(customerColumns)
    .from(customers)
    .where(and(...conditions))
    .orderBy(asc(customers.name), asc(customers.id))
    .limit(filter.limit)
    .offset(filter.offset);
}

export async function getCustomer(db: Db, tenantId: string, id: string) {
  const [customer] = await db
    .select(customerColumns)
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
  if (!customer) return null;
  const owned = await db
    .select(accountColumns)
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.customerId, id)))
    .orderBy(asc(accounts.contract));
  return { ...customer, accounts: owned };
}

export async function findAccount(db: Db, tenantId: string, contract: string) {
  const [row] = await db
    .select(accountColumns)
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.contract, contract)));
  return row ?? null;
}
