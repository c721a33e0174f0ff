/**
 * Data-source fixtures of a flow test (`given billing.balance("123456", any) returns {...}`): a
 * DataDriver that answers the declared calls from the fixtures, in the order given (the first whose
 * arguments match), and passes any other call to the source's real driver.
 */
import type { Json } from '../../language/compiled-format.ts';
import type { OperationConfig } from '../../language/workspace.ts';
import { DataFailure } from '../data/data-failure.ts';
import type { DataArgs, DataDriver } from '../data/data-operations.ts';
import type { Given } from './flowtest-syntax.ts';
import { sameValue } from './value-literal.ts';

export class FixtureDriver implements DataDriver {
  constructor(
    private readonly givens: Given[],
    private readonly real: DataDriver | null,
  ) {}

  call(operation: string, config: OperationConfig, args: DataArgs, signal: AbortSignal): Promise<Json> {
    const values = config.params.map((p) => args[p.name] ?? null);
    const given = this.givens.find(
      (g) =>
        g.operation === operation &&
        g.args.length === values.length &&
        g.args.every(
          (pattern, i) => 'any' in pattern || sameValue(pattern.value, loose(values[i], pattern.value)),
        ),
    );
    if (!given) {
      if (this.real) return this.real.call(operation, config, args, signal);
      return Promise.resolve(null);
    }
    if ('returns' in given.result) return Promise.resolve(given.result.returns);
    if ('fails' in given.result) return Promise.reject(new DataFailure('failed (as the test says)'));
    // Never answers: the declared timeout decides.
    return new Promise<Json>((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(new DataFailure('aborted'))),
    );
  }
}

/** Digits typed by a caller arrive as text; a fixture may write them as a number. */
function loose(actual: Json, expected: Json): Json {
  return typeof expected === 'number' && typeof actual === 'string' && actual.trim() !== ''
    ? Number(actual)
    : actual;
}

/** Drivers for the sources that have fixtures, wrapping the real ones. */
export function fixtureDrivers(
  givens: Given[],
  real: Record<string, DataDriver>,
): Record<string, DataDriver> {
  const bySource = new Map<string, Given[]>();
  for (const given of givens) bySource.set(given.source, [...(bySource.get(given.source) ?? []), given]);
  return Object.fromEntries(
    [...bySource].map(([source, list]) => [source, new FixtureDriver(list, real[source] ?? null)]),
  );
}
