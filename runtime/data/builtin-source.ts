/**
 * The `builtin` data source: operations of the built-in customer store, chosen by the operation's
 * `builtin` name (or its own name): `customers.byPhone(phone)` and `accounts.balance(contract, pin)`
 * (also accepted without the prefix, and `findByPhone`).
 */
import type { Json } from '../../language/compiled-format.ts';
import type { OperationConfig } from '../../language/workspace.ts';
import type { CustomerStore } from './customer-store.ts';
import { DataFailure } from './data-failure.ts';
import type { DataArgs, DataDriver } from './data-operations.ts';

export const BUILTIN_OPERATIONS = ['customers.byPhone', 'accounts.balance'] as const;

const ALIASES: Record<string, (typeof BUILTIN_OPERATIONS)[number]> = {
  'customers.byPhone': 'customers.byPhone',
  byPhone: 'customers.byPhone',
  findByPhone: 'customers.byPhone',
  'customers.findByPhone': 'customers.byPhone',
  'accounts.balance': 'accounts.balance',
  balance: 'accounts.balance',
};

export class BuiltinSource implements DataDriver {
  /** In-process and quick: nothing to stop when the timeout or a hang-up comes first. */
  readonly stoppable = false;

  constructor(private readonly store: CustomerStore) {}

  async call(operation: string, config: OperationConfig, args: DataArgs): Promise<Json> {
    const values = config.params.map((p) => args[p.name]);
    const name = config.builtin ?? operation;
    switch (ALIASES[name]) {
      case 'customers.byPhone':
        return (await this.store.findByPhone(text(values[0]))) as Json;
      case 'accounts.balance':
        return (await this.store.balance(text(values[0]), text(values[1]))) as Json;
      default:
        throw new DataFailure(`the built-in store has no operation ${name}`);
    }
  }
}

function text(value: Json | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
