/**
 * `record call`: the conversation is recorded from the moment the caller is bridged with an operator
 * or a transfer target (see bridged-legs.ts for why not the caller's channel right away); the
 * recording's name goes to the call log when it starts.
 */
import type { Handler } from '../handler-context.ts';

export const record: Handler<'record'> = async (_command, ctx) => {
  ctx.recordAs = `callflow-${ctx.call.id}`;
  return { type: 'ok' };
};
