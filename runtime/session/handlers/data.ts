/**
 * A data operation (`billing.balance(contract, pin)`). Secret arguments stay references until the
 * data layer resolves them at the last moment; a hang-up aborts the request.
 */
import type { Handler } from '../handler-context.ts';

export const data: Handler<'data'> = async (command, ctx) => {
  ctx.emit({ type: 'waiting', for: 'data' });
  const result = await ctx.line.guard(
    ctx.data.run(
      { source: command.source, operation: command.operation, args: command.args },
      (ref) => ctx.vault.reveal(ref),
      (cancel) => ctx.line.onEnd(cancel),
    ),
  );
  ctx.emit({
    type: 'data',
    source: command.source,
    operation: command.operation,
    ok: result.ok,
    ...(result.ok ? {} : { error: result.error }),
  });
  return result;
};
