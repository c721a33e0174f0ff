/**
 * Named data operations (ARCHITECTURE decision 5): a flow calls `billing.balance(contract, pin)`;
 * the admin's workspace declares the source (built-in store, PostgreSQL query, HTTP endpoint),
 * parameters, result type and timeout. Here a call is checked against its declaration, secret
 * arguments are resolved from the call's vault (only now, and only for parameters declared secret),
 * and the driver runs under the declared timeout on the injected clock. Whatever happens, the flow
 * gets an answer: a value, or `{ok: false, error: 'timeout' | 'failed'}` — never a stuck call.
 */
import type { InputResult, Json, SecretRef } from '../../language/compiled-format.ts';
import { type DataSourceConfig, durationMs, type OperationConfig } from '../../language/workspace.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { isSecretRef } from '../session/secret-vault.ts';
import { DataFailure } from './data-failure.ts';
import { shapeResult } from './result-shape.ts';

export type DataResult = Extract<InputResult, { type: 'data' }>;

export interface DataRequest {
  source: string;
  operation: string;
  args: (Json | SecretRef)[];
}

/** Arguments by parameter name, in declaration order, secrets already in the clear. */
export type DataArgs = Record<string, Json>;

/** One kind of source (builtin, sql, http). Rejects on failure; stops work when `signal` aborts. */
export interface DataDriver {
  call(operation: string, config: OperationConfig, args: DataArgs, signal: AbortSignal): Promise<Json>;
  /**
   * False for a driver with nothing to stop (in-process and quick, the built-in store): it gets a
   * signal that never aborts instead of one of its own (an AbortController costs microseconds).
   */
  readonly stoppable?: boolean;
}

/** What a driver that cannot stop early is handed. */
const NEVER_ABORTED = new AbortController().signal;

export interface DataOperationsOptions {
  sources: Record<string, DataSourceConfig>;
  /** A driver per source name (built from the workspace by `createDataDrivers`). */
  drivers: Record<string, DataDriver>;
  clock: Clock;
  logger: Logger;
}

export class DataOperations {
  constructor(private readonly options: DataOperationsOptions) {}

  /**
   * Runs one operation. `onCancel` lets the caller stop it (the call hung up): it receives the
   * function to call and returns a remover.
   */
  async run(
    request: DataRequest,
    reveal: (ref: SecretRef) => string | undefined,
    onCancel?: (cancel: () => void) => () => void,
  ): Promise<DataResult> {
    const name = `${request.source}.${request.operation}`;
    const source = this.options.sources[request.source];
    const driver = this.options.drivers[request.source];
    const operation = source?.operations[request.operation];
    if (!source || !driver || !operation) return failed(`unknown data operation ${name}`);
    const secrets: string[] = [];
    let args: DataArgs;
    try {
      args = bindArgs(operation, request.args, reveal, secrets);
    } catch (error) {
      return failed(`${name}: ${(error as Error).message}`);
    }
    const timeoutMs = durationMs(operation.timeout ?? source.timeout);
    const outcome = await this.withTimeout(
      (abort) => driver.call(request.operation, operation, args, abort),
      timeoutMs,
      onCancel,
      driver.stoppable !== false,
    );
    if (outcome.type === 'timeout') {
      this.options.logger.log('warn', 'data operation timed out', { operation: name, timeoutMs });
      return {
        type: 'data',
        ok: false,
        error: 'timeout',
        message: `${name} did not answer within ${timeoutMs} ms`,
      };
    }
    if (outcome.type === 'error') {
      const message = scrub(`${name}: ${outcome.error.message}`, secrets);
      this.options.logger.log('warn', 'data operation failed', { operation: name, error: message });
      return failed(message);
    }
    try {
      return { type: 'data', ok: true, value: shapeResult(outcome.value, operation) };
    } catch (error) {
      return failed(scrub(`${name}: ${(error as Error).message}`, secrets));
    }
  }

  private withTimeout(
    run: (signal: AbortSignal) => Promise<Json>,
    timeoutMs: number,
    onCancel: ((cancel: () => void) => () => void) | undefined,
    stoppable: boolean,
  ): Promise<{ type: 'value'; value: Json } | { type: 'timeout' } | { type: 'error'; error: Error }> {
    const { clock } = this.options;
    const abort = stoppable ? new AbortController() : null;
    return new Promise((resolve) => {
      let settled = false;
      let unregister: (() => void) | undefined;
      const finish = (result: Awaited<ReturnType<DataOperations['withTimeout']>>) => {
        if (settled) return;
        settled = true;
        clock.clearTimer(timer);
        unregister?.();
        resolve(result);
      };
      const timer = clock.setTimer(timeoutMs, () => {
        abort?.abort();
        finish({ type: 'timeout' });
      });
      // The call hung up: stop the work and free the timer at once, whatever the driver does.
      unregister = onCancel?.(() => {
        abort?.abort();
        finish({ type: 'error', error: new Error('aborted: the call ended') });
      });
      if (settled) return;
      let work: Promise<Json>;
      try {
        work = run(abort?.signal ?? NEVER_ABORTED);
      } catch (error) {
        work = Promise.reject(error);
      }
      work.then(
        (value) => finish({ type: 'value', value }),
        (error) =>
          finish({ type: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
      );
    });
  }
}

function failed(message: string): DataResult {
  return { type: 'data', ok: false, error: 'failed', message };
}

/** Positional flow arguments to declared parameters; secrets resolved only for secret parameters. */
function bindArgs(
  operation: OperationConfig,
  given: (Json | SecretRef)[],
  reveal: (ref: SecretRef) => string | undefined,
  secrets: string[],
): DataArgs {
  if (given.length !== operation.params.length) {
    throw new DataFailure(`expects ${operation.params.length} arguments, got ${given.length}`);
  }
  const args: DataArgs = {};
  operation.params.forEach((param, i) => {
    const value = given[i];
    if (isSecretRef(value)) {
      if (!param.secret) throw new DataFailure(`a secret cannot be passed to parameter ${param.name}`);
      const clear = reveal(value);
      if (clear === undefined) throw new DataFailure(`the secret for ${param.name} is not available`);
      secrets.push(clear);
      args[param.name] = clear;
    } else {
      args[param.name] = value as Json;
    }
  });
  return args;
}

/** Removes secret values a driver may have echoed into an error message. */
function scrub(message: string, secrets: string[]): string {
  let out = message;
  for (const secret of secrets) if (secret !== '') out = out.replaceAll(secret, '••••');
  return out;
}
