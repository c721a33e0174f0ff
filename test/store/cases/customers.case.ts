import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MemoryCustomerStore } from '../../../runtime/data/memory-customer-store.ts';
import type { PinHashCost } from '../../../runtime/data/pin-hash.ts';
import { sqlRows } from '../../../runtime/store/database.ts';
import {
  balanceByContract,
  DrizzleCustomerStore,
  findCustomerByPhone,
  importCustomers,
} from '../../../runtime/store/queries/customers.ts';
import { verifyPassword } from '../../../runtime/store/queries/tenants-users.ts';
import { DEMO_TENANT, seedDemo } from '../../../runtime/store/seed-demo.ts';
import type { StoreContext } from '../db-fixture.ts';
import { TENANT_A, TENANT_B, twoTenants } from '../store-test-data.ts';

/** Cheap hashes keep the tests fast; the format and code path are the production ones. */
const CHEAP: PinHashCost = { N: 1024, r: 8, p: 1 };

const DATA = {
  customers: [
    { phone: '+380501234567', name: 'Иван Петренко', vip: true, city: 'Київ' },
    { phone: '0671112233', name: 'Олена', vip: false },
  ],
  accounts: [{ contract: '123456', pin: '1111', balance: 50, currency: 'UAH', phone: '+380501234567' }],
};

/** Text of every text and json column of every table that contains `needle`, as "table.column". */
async function columnsContaining(ctx: StoreContext, needle: string): Promise<string[]> {
  const columns = await sqlRows<{ table_name: string; column_name: string }>(
    ctx.db,
    sql`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json')`,
  );
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [found] = await sqlRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from ${sql.identifier(table_name)} where ${sql.identifier(column_name)}::text like ${`%${needle}%`}`,
    );
    if (found.n > 0) hits.push(`${table_name}.${column_name}`);
  }
  return hits;
}

export function customerCases(ctx: StoreContext): void {
  describe('customers and balances', () => {
    it('finds a customer by any form of the phone number, with the extra fields on the card', async () => {
      await twoTenants(ctx.db);
      expect(await importCustomers(ctx.db, TENANT_A, DATA, CHEAP)).toEqual({ customers: 2, accounts: 1 });
      for (const form of ['+380501234567', '380501234567', '0501234567']) {
        expect((await findCustomerByPhone(ctx.db, TENANT_A, form))?.name).toBe('Иван Петренко');
      }
      const ivan = await findCustomerByPhone(ctx.db, TENANT_A, '0501234567');
      expect(ivan).toMatchObject({ vip: true, card: { city: 'Київ' } });
      expect(await findCustomerByPhone(ctx.db, TENANT_A, '+380990000000')).toBeNull();
    });

    it('gives the balance for the right PIN only, without telling a wrong PIN from an unknown contract', async () => {
      await twoTenants(ctx.db);
      await importCustomers(ctx.db, TENANT_A, DATA, CHEAP);
      expect(await balanceByContract(ctx.db, TENANT_A, '123456', '1111')).toEqual({
        balance: 50,
        currency: 'UAH',
      });
      expect(await balanceByContract(ctx.db, TENANT_A, '123456', '1112')).toBeNull();
      expect(await balanceByContract(ctx.db, TENANT_A, '999999', '1111')).toBeNull();
    });

    it('answers like the in-memory customer store on the same data', async () => {
      await twoTenants(ctx.db);
      await importCustomers(ctx.db, TENANT_A, DATA, CHEAP);
      const database = new DrizzleCustomerStore(ctx.db, TENANT_A);
      const memory = new MemoryCustomerStore(DATA, CHEAP);
      for (const phone of ['0501234567', '+380671112233', '+380990000000']) {
        expect(await database.findByPhone(phone)).toEqual(await memory.findByPhone(phone));
      }
      for (const [contract, pin] of [
        ['123456', '1111'],
        ['123456', '0000'],
        ['000000', '1111'],
      ]) {
        expect(await database.balance(contract, pin)).toEqual(await memory.balance(contract, pin));
      }
    });

    it('keeps customers and accounts inside their tenant', async () => {
      await twoTenants(ctx.db);
      await importCustomers(ctx.db, TENANT_A, DATA, CHEAP);
      expect(await findCustomerByPhone(ctx.db, TENANT_B, '+380501234567')).toBeNull();
      expect(await balanceByContract(ctx.db, TENANT_B, '123456', '1111')).toBeNull();
      expect(await new DrizzleCustomerStore(ctx.db, TENANT_B).findByPhone('0501234567')).toBeNull();
    });
  });

  describe('demo seed', () => {
    it('seeds ABC Internet once: running it again adds nothing and keeps passwords', async () => {
      const first = await seedDemo(ctx.db, { pinCost: CHEAP });
      expect(first.tenantId).toBe(DEMO_TENANT.id);
      expect(first.numbers).toEqual(['0800300400', '+380441234567']);
      expect(first.users.map((u) => u.email)).toEqual([
        'admin@abc.example',
        'analyst@abc.example',
        'supervisor@abc.example',
        'operator@abc.example',
      ]);
      expect(first.users.every((u) => typeof u.password === 'string')).toBe(true);
      const counts = async () =>
        (
          await sqlRows<{ t: number; u: number; m: number; c: number; a: number; n: number }>(
            ctx.db,
            sql`select
          (select count(*)::int from tenants) t, (select count(*)::int from users) u,
          (select count(*)::int from memberships) m, (select count(*)::int from customers) c,
          (select count(*)::int from accounts) a, (select count(*)::int from dialled_numbers) n`,
          )
        )[0];
      const before = await counts();
      const second = await seedDemo(ctx.db, { pinCost: CHEAP });
      expect(await counts()).toEqual(before);
      expect(before).toEqual({ t: 1, u: 4, m: 4, c: 1, a: 1, n: 2 });
      expect(second.users.every((u) => u.password === null)).toBe(true);
      const admin = first.users[0];
      expect((await verifyPassword(ctx.db, admin.email, admin.password!))?.email).toBe('admin@abc.example');
      expect(await balanceByContract(ctx.db, DEMO_TENANT.id, '123456', '1111')).toEqual({
        balance: 50,
        currency: 'UAH',
      });
    });

    it('never stores the PIN in clear: no text column of any table holds 1111 after seeding and a balance check', async () => {
      await seedDemo(ctx.db, { pinCost: CHEAP });
      await balanceByContract(ctx.db, DEMO_TENANT.id, '123456', '1111');
      await balanceByContract(ctx.db, DEMO_TENANT.id, '123456', '9999');
      expect(await columnsContaining(ctx, 'UAH')).toEqual(['accounts.currency']); // the search itself finds things
      expect(await columnsContaining(ctx, '1111')).toEqual([]);
      expect(ctx.logger.lines.filter((l) => l.includes('1111'))).toEqual([]);
    });
  });
}
