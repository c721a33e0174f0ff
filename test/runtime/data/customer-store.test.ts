import { describe, expect, it } from 'vitest';
import { phoneKey } from '../../../runtime/data/customer-store.ts';
import { MemoryCustomerStore } from '../../../runtime/data/memory-customer-store.ts';
import { hashPin, verifyPin } from '../../../runtime/data/pin-hash.ts';
import { TEST_DATA, TEST_PIN_COST } from '../support/harness.ts';

describe('PIN hashes', () => {
  it('verifies the right PIN and refuses a wrong one; two hashes of one PIN differ (per-record salt)', async () => {
    const a = hashPin('7391', TEST_PIN_COST);
    const b = hashPin('7391', TEST_PIN_COST);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPin('7391', a, TEST_PIN_COST)).toBe(true);
    expect(await verifyPin('7392', a, TEST_PIN_COST)).toBe(false);
  });
});

describe('MemoryCustomerStore', () => {
  const store = new MemoryCustomerStore(TEST_DATA, TEST_PIN_COST);

  it('gives the balance only for the right contract and PIN', async () => {
    expect(await store.balance('123456', '7391')).toEqual({ balance: 50, currency: 'UAH' });
    expect(await store.balance('123456', '0000')).toBeNull();
    expect(await store.balance('999999', '7391')).toBeNull();
  });

  it('keeps no clear PIN', () => {
    expect(
      JSON.stringify([...(store as unknown as { accounts: Map<string, unknown> }).accounts.values()]),
    ).not.toContain('7391');
  });

  it('finds a caller by number in any common format', async () => {
    expect(phoneKey('+380 (67) 777-77-77')).toBe('677777777');
    for (const phone of ['+380677777777', '380677777777', '0677777777']) {
      expect(await store.findByPhone(phone)).toEqual({
        phone: '+380677777777',
        name: 'Ольга VIP',
        vip: true,
      });
    }
    expect(await store.findByPhone('+380440000000')).toBeNull();
  });
});
