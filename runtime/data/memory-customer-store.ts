/**
 * The customer store in memory, seeded from a demo-data file
 * (`{customers: [{phone, name, vip}], accounts: [{contract, pin, balance, currency, phone}]}`).
 * PINs are hashed on load and the clear PIN is dropped; an unknown contract still costs one hash, so
 * timing does not tell a wrong contract from a wrong PIN.
 */
import { readFile } from 'node:fs/promises';
import { type Balance, type Customer, type CustomerStore, phoneKey } from './customer-store.ts';
import { DEFAULT_PIN_COST, hashPin, type PinHash, type PinHashCost, verifyPin } from './pin-hash.ts';

export interface DemoData {
  customers: { phone: string; name: string; vip?: boolean }[];
  accounts: { contract: string; pin: string; balance: number; currency: string; phone?: string }[];
}

interface Account {
  contract: string;
  pin: PinHash;
  balance: number;
  currency: string;
}

export class MemoryCustomerStore implements CustomerStore {
  private readonly customers = new Map<string, Customer>();
  private readonly accounts = new Map<string, Account>();
  private readonly decoy: PinHash;

  constructor(
    data: DemoData,
    private readonly cost: PinHashCost = DEFAULT_PIN_COST,
  ) {
    for (const c of data.customers) {
      this.customers.set(phoneKey(c.phone), { phone: c.phone, name: c.name, vip: c.vip === true });
    }
    for (const a of data.accounts) {
      this.accounts.set(a.contract, {
        contract: a.contract,
        pin: hashPin(String(a.pin), cost),
        balance: a.balance,
        currency: a.currency,
      });
    }
    this.decoy = hashPin('decoy', cost);
  }

  static async fromFile(path: string, cost?: PinHashCost): Promise<MemoryCustomerStore> {
    return new MemoryCustomerStore(JSON.parse(await readFile(path, 'utf8')) as DemoData, cost);
  }

  async findByPhone(phone: string): Promise<Customer | null> {
    return this.customers.get(phoneKey(phone)) ?? null;
  }

  async balance(contract: string, pin: string): Promise<Balance | null> {
    const account = this.accounts.get(contract);
    const matches = await verifyPin(pin, account?.pin ?? this.decoy, this.cost);
    return account && matches ? { balance: account.balance, currency: account.currency } : null;
  }
}
