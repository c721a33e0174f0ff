/**
 * `transfer to extension | number | queue`. Extensions and numbers are dialled through the tenant's
 * dial plan and bridged with the caller; a queue goes through the ACD. A transfer that does not
 * connect (no answer, busy, undialable) is logged with the reason and answered `ok`: a transfer
 * ends the flow (the compiler resumes it at its end), so the call is then hung up.
 */
import { bridgeLegs } from '../../bridged-legs.ts';
import { dialString } from '../../dial-plan.ts';
import type { Handler, HandlerContext, HandlerResult } from '../handler-context.ts';
import { joinQueue } from './queue.ts';

export const transfer: Handler<'transfer'> = async (command, ctx) => {
  ctx.emit({ type: 'waiting', for: 'transfer' });
  if (command.target === 'queue') {
    const result = await joinQueue(
      {
        type: 'queue',
        queue: command.destination,
        priority: 0,
        skills: [],
        maxWaitMs: null,
        announce: null,
        announceEveryMs: null,
        music: null,
        handlesOverflow: false,
      },
      ctx,
      'transferred',
    );
    ctx.cdr.transfer(
      'queue',
      command.destination,
      result.type === '$handed-off' ? 'connected' : 'not-connected',
    );
    return result.type === '$handed-off' ? result : { type: 'ok' };
  }
  const endpoint = dialString(ctx.dialPlan, command.target, command.destination);
  if (!endpoint) {
    ctx.cdr.transfer(command.target, command.destination, 'undialable');
    return { type: 'ok' };
  }
  return dial(ctx, command.target, command.destination, endpoint);
};

async function dial(
  ctx: HandlerContext,
  target: string,
  destination: string,
  endpoint: string,
): Promise<HandlerResult> {
  const ringing = ctx.pbx.originate({
    endpoint,
    callerId: ctx.call.caller.number,
    timeoutSec: ctx.dialPlan.ringTimeoutSec,
    appArgs: 'transfer',
  });
  let outcome: Awaited<typeof ringing>;
  try {
    outcome = await ctx.line.guard(ringing, false);
  } catch (error) {
    if (ctx.line.ended) {
      // The caller gave up while it rang: stop the ringing, or drop the leg if it answers anyway.
      void ctx.pbx.cancelOriginate?.(endpoint).catch(() => {});
      void ringing
        .then((late) => (late.type === 'answered' ? ctx.pbx.hangup(late.channelId) : undefined))
        .catch(() => {});
      ctx.cdr.transfer(target, destination, 'abandoned');
    }
    throw error;
  }
  if (outcome.type === 'failed') {
    ctx.cdr.transfer(target, destination, outcome.reason);
    return { type: 'ok' };
  }
  const legs = await bridgeLegs(ctx.pbx, ctx.line.channelId, outcome.channelId, { recordAs: ctx.recordAs });
  ctx.line.onEnd(() => void legs.release());
  if (legs.recording) ctx.cdr.recording(legs.recording);
  ctx.cdr.transfer(target, destination, 'connected');
  return { type: '$handed-off', outcome: 'transferred', endedBy: null };
}
