/** `say` / `play`: speak, then report `played` (barge-in keys stay for the next collection). */
import type { Handler } from '../handler-context.ts';
import { speak } from '../speaker.ts';

export const say: Handler<'say'> = async (command, ctx) => {
  await speak(ctx, command.parts, { bargeIn: command.bargeIn });
  return { type: 'played' };
};
