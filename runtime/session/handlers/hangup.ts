/** `hangup`: the flow ends the call. */
import type { Handler } from '../handler-context.ts';

export const hangup: Handler<'hangup'> = async (_command, ctx) => {
  if (!ctx.line.ended) await ctx.pbx.hangup(ctx.line.channelId, 'normal').catch(() => {});
  return { type: '$handed-off', outcome: 'completed', endedBy: 'flow' };
};
