/**
 * The built-in customer store on the database: a caller by phone (ANI) and a balance by contract +
 * PIN. PINs arrive in clear only on import and on a balance check; only their scrypt hash is stored.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Balance, Customer, CustomerStore } from '../../data/customer-store.ts';
import { phoneKey } from '../../data/customer-store.ts';
import { DEFAULT_PIN_COST, type PinHashCost } from '../../data/pin-hash.ts';
import type { Db } from '../database.ts';
import { encodePinHash, encodePinHashAsync, verifyPinHash } from '../pin-hash-text.ts';
import { accounts, type CustomerRow, customers } from '../schema/customers.ts';

export interface CustomerImport {
  phone: string;
  name: string;
  vip?: boolean;
  /** Anything else in the record goes to the customer card. */
  [field: string]: unknown;
}

export interface AccountImport {
  contract: string;
  /** Clear PIN: hashed here, never stored. */
  pin: string | number;
  balance: number | string;
  currency: string;
  /** The owner's phone, linking the account to a customer. */
  phone?: string;
}

export interface ImportData {
  customers: CustomerImport[];
  accounts?: AccountImport[];
}

export async function findCustomerByPhone(
  db: Db,
  tenantId: string,
  phone: string,
): Promise<CustomerRow | null> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.phoneKey, phoneKey(phone))));
  return row ?? null;
}

/** Upserts customers (by phone) and accounts (by contract) of one tenant. */
export async function importCustomers(
  db: Db,
  tenantId: string,
  data: ImportData,
  cost: PinHashCost = DEFAULT_PIN_COST,
): Promise<{ customers: number; accounts: number }> {
  // Hashed before the transaction, off the event loop: the transaction stays short and calls keep flowing.
  const accountList = dedupe(data.accounts ?? [], (a) => a.contract);
  const pinHashes = await mapLimited(accountList, HASH_CONCURRENCY, (a) =>
    encodePinHashAsync(String(a.pin), cost),
  );
  return db.transaction(async (tx) => {
    const byKey = new Map<string, string>();
    if (data.customers.length > 0) {
      const rows = dedupe(data.customers, (c) => phoneKey(c.phone)).map(({ phone, name, vip, ...card }) => ({
        tenantId,
        phone,
        phoneKey: phoneKey(phone),
        name,
        vip: vip === true,
        card,
      }));
      const saved = await tx
        .insert(customers)
        .values(rows)
        .onConflictDoUpdate({
          target: [customers.tenantId, customers.phoneKey],
          set: {
            phone: sql`excluded.phone`,
            name: sql`excluded.name`,
            vip: sql`excluded.vip`,
            card: sql`excluded.card`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: customers.id, phoneKey: customers.phoneKey });
      for (const row of saved) byKey.set(row.phoneKey, row.id);
    }
    if (accountList.length > 0) {
      const rows = [];
      for (const [i, a] of accountList.entries()) {
        const owner = a.phone
          ? (byKey.get(phoneKey(a.phone)) ?? (await findCustomerByPhone(tx, tenantId, a.phone))?.id)
          : null;
        rows.push({
          tenantId,
          contract: a.contract,
          pinHash: pinHashes[i],
          balance: String(a.balance),
          currency: a.currency,
          customerId: owner ?? null,
        });
      }
      await tx
        .insert(accounts)
        .values(rows)
        .onConflictDoUpdate({
          target: [accounts.tenantId, accounts.contract],
          set: {
            pinHash: sql`excluded.pin_hash`,
            balance: sql`excluded.balance`,
            currency: sql`excluded.currency`,
            customerId: sql`excluded.customer_id`,
            updatedAt: sql`now()`,
          },
        });
    }
    return { customers: byKey.size, accounts: accountList.length };
  });
}

/**
 * The balance when the contract exists and the PIN matches; null otherwise, without saying which.
 * An unknown contract still costs one hash, so timing does not tell the two apart either.
 */
export async function balanceByContract(
  db: Db,
  tenantId: string,
  contract: string,
  pin: string,
  decoy: string = DECOY.hash(),
): Promise<Balance | null> {
  const [account] = await db
    .select({ pinHash: accounts.pinHash, balance: accounts.balance, currency: accounts.currency })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.contract, contract)));
  const matches = await verifyPinHash(pin, account?.pinHash ?? decoy);
  return account && matches ? { balance: Number(account.balance), currency: account.currency } : null;
}

/** `CustomerStore` (runtime/data) for one tenant, backed by the database. */
export class DrizzleCustomerStore implements CustomerStore {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}

  async findByPhone(phone: string): Promise<Customer | null> {
    const row = await findCustomerByPhone(this.db, this.tenantId, phone);
    return row ? { phone: row.phone, name: row.name, vip: row.vip } : null;
  }

  balance(contract: string, pin: string): Promise<Balance | null> {
    return balanceByContract(this.db, this.tenantId, contract, pin);
  }
}

/** A hash of nothing anyone can type, made once, for unknown contracts. */
const DECOY = {
  value: null as string | null,
  hash(): string {
    this.value ??= encodePinHash('decoy: not a PIN', DEFAULT_PIN_COST);
    return this.value;
  },
};

/** libuv's default thread pool has 4 threads; more in flight would only queue there. */
const HASH_CONCURRENCY = 4;

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The last record wins: one INSERT … ON CONFLICT may not touch a row twice. */
function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}
