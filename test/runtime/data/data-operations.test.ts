import { describe, expect, it } from 'vitest';
import type { Json } from '../../../language/compiled-format.ts';
import { parseWorkspace } from '../../../language/workspace.ts';
import { VirtualClock } from '../../../runtime/clock.ts';
import { BuiltinSource } from '../../../runtime/data/builtin-source.ts';
import { type DataDriver, DataOperations } from '../../../runtime/data/data-operations.ts';
import { MemoryCustomerStore } from '../../../runtime/data/memory-customer-store.ts';
import { shapeResult } from '../../../runtime/data/result-shape.ts';
import { MemoryLogger } from '../../../runtime/logger.ts';
import { SecretVault } from '../../../runtime/session/secret-vault.ts';
import { BILLING, TEST_DATA, TEST_PIN_COST } from '../support/harness.ts';

const workspace = (() => {
  const parsed = parseWorkspace({ dataSources: { billing: BILLING } });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  return parsed.workspace;
})();

function operations(driver: DataDriver, clock = new VirtualClock({ start: 0 })) {
  return {
    clock,
    data: new DataOperations({
      sources: workspace.dataSources,
      drivers: { billing: driver },
      clock,
      logger: new MemoryLogger(),
    }),
  };
}

describe('DataOperations', () => {
  const builtin = new BuiltinSource(new MemoryCustomerStore(TEST_DATA, TEST_PIN_COST));

  it('resolves a secret argument from the vault only when the parameter is declared secret', async () => {
    const vault = new SecretVault();
    const pin = vault.put('7391');
    const { data } = operations(builtin);
    const reveal = (ref: { $secret: string }) => vault.reveal(ref);
    expect(
      await data.run({ source: 'billing', operation: 'balance', args: ['123456', pin] }, reveal),
    ).toEqual({
      type: 'data',
      ok: true,
      value: { balance: 50, currency: 'UAH' },
    });
    // The contract parameter is not secret: a secret may not be passed there (it could be logged).
    const wrongPlace = await data.run({ source: 'billing', operation: 'balance', args: [pin, pin] }, reveal);
    expect(wrongPlace).toMatchObject({
      ok: false,
      error: 'failed',
      message: expect.stringContaining('a secret cannot be passed'),
    });
    // A reference from another call's vault is worthless.
    const foreign = await data.run(
      { source: 'billing', operation: 'balance', args: ['123456', { $secret: 's_x' }] },
      reveal,
    );
    expect(foreign).toMatchObject({ ok: false, error: 'failed' });
  });

  it('answers timeout after the declared timeout on the injected clock, and aborts the driver', async () => {
    let aborted = false;
    const slow: DataDriver = {
      call: (_o, _c, _a, signal) =>
        new Promise<Json>((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
          setTimeout(() => resolve(null), 60_000).unref();
        }),
    };
    const { data, clock } = operations(slow);
    const answer = data.run(
      { source: 'billing', operation: 'findByPhone', args: ['+380501234567'] },
      () => undefined,
    );
    await clock.advance(2_999);
    await clock.advance(1);
    expect(await answer).toMatchObject({ type: 'data', ok: false, error: 'timeout' });
    expect(aborted).toBe(true);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('answers timeout from a driver with nothing to stop too; it gets a signal that never aborts', async () => {
    let signal: AbortSignal | null = null;
    const stuck: DataDriver = {
      stoppable: false,
      call: (_o, _c, _a, given) => {
        signal = given;
        return new Promise<Json>(() => {});
      },
    };
    const { data, clock } = operations(stuck);
    const answer = data.run(
      { source: 'billing', operation: 'findByPhone', args: ['+380501234567'] },
      () => undefined,
    );
    await clock.advance(3_000);
    expect(await answer).toMatchObject({ type: 'data', ok: false, error: 'timeout' });
    expect(signal!.aborted).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('answers failed for an unknown operation, a wrong argument count, or a result of the wrong shape', async () => {
    const { data } = operations({ call: async () => ['not', 'a', 'record'] });
    const none = () => undefined;
    expect(await data.run({ source: 'crm', operation: 'x', args: [] }, none)).toMatchObject({
      ok: false,
      error: 'failed',
    });
    expect(await data.run({ source: 'billing', operation: 'balance', args: ['1'] }, none)).toMatchObject({
      ok: false,
      message: expect.stringContaining('expects 2 arguments'),
    });
    expect(await data.run({ source: 'billing', operation: 'findByPhone', args: ['1'] }, none)).toMatchObject({
      ok: false,
    });
  });
});

describe('shapeResult', () => {
  const op = BILLING.operations.balance as unknown as Parameters<typeof shapeResult>[1];

  it('converts numeric strings (PostgreSQL numeric) and drops undeclared fields', () => {
    expect(shapeResult({ balance: '50.00', currency: 'UAH', extra: 1 }, op)).toEqual({
      balance: 50,
      currency: 'UAH',
    });
  });

  it('allows no result only when the operation is optional', () => {
    expect(shapeResult(null, op)).toBeNull();
    expect(() => shapeResult(null, { ...op, optional: false })).toThrow(/not declared optional/);
  });

  it('rejects a value of the wrong type without quoting it', () => {
    expect(() => shapeResult({ balance: 'secret-ish', currency: 'UAH' }, op)).toThrow(
      'result.balance should be number, got string',
    );
  });
});
