/**
 * The built-in customer store behind the `builtin` data source: a caller found by number (ANI) for
 * the customer card and VIP routing, and an account balance by contract number + PIN. The in-memory
 * implementation lives in memory-customer-store.ts; the database-backed one comes with the store.
 */
export interface Customer {
  phone: string;
  name: string;
  vip: boolean;
}

export interface Balance {
  balance: number;
  currency: string;
}

export interface CustomerStore {
  findByPhone(phone: string): Promise<Customer | null>;
  /** The balance when the contract exists and the PIN matches its hash; null otherwise (no hint which). */
  balance(contract: string, pin: string): Promise<Balance | null>;
}

/**
 * Phone numbers compare on their last nine digits (the Ukrainian national significant number), so
 * "+380501234567", "380501234567" and "0501234567" are one caller.
 */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length > 9 ? digits.slice(-9) : digits;
}
