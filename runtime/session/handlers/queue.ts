/**
 * `queue`: hands the caller to the ACD. Connected to an operator, the flow's part is over (the
 * session waits for the hang-up). Not connected: when the flow handles overflow itself it gets the
 * outcome; otherwise the queue's configured overflow queue is tried, then the flow gets it anyway.
 */
import type { Command, SpeechPart } from '../../../language/compiled-format.ts';
import { durationMs } from '../../../language/workspace.ts';
import type { QueueRequest } from '../../acd/acd.ts';
import type { Handler, HandlerContext, HandlerResult } from '../handler-context.ts';
import { speak } from '../speaker.ts';

type QueueCommand = Extract<Command, { type: 'queue' }>;

export const queue: Handler<'queue'> = (command, ctx) => joinQueue(command, ctx, 'queued');

/** Shared with `transfer to queue`. */
export async function joinQueue(
  command: Omit<QueueCommand, 'loc'>,
  ctx: HandlerContext,
  connectedOutcome: 'queued' | 'transferred',
): Promise<HandlerResult> {
  const visited = new Set<string>();
  let name = command.queue;
  let waitedMs = 0;
  for (;;) {
    visited.add(name);
    ctx.emit({ type: 'waiting', for: 'queue' });
    const request = queueRequest(name, command, ctx);
    let cancelled = false;
    const stop = ctx.line.onEnd(() => {
      cancelled = true;
      ctx.acd.cancel(ctx.call.id);
    });
    const joinedAt = ctx.clock.now();
    let outcome: Awaited<ReturnType<typeof ctx.acd.enqueue>>;
    try {
      outcome = await ctx.line.guard(ctx.acd.enqueue(request), false);
    } catch (error) {
      if (cancelled) ctx.cdr.queued(name, waitedMs + ctx.clock.now() - joinedAt, 'abandoned', null);
      ctx.emit({ type: 'queue', queue: name, event: 'left', outcome: 'abandoned' });
      throw error;
    }
    waitedMs += outcome.waitedMs;
    if (outcome.type === 'connected') {
      // `stop` stays registered: the caller's hang-up tells the ACD to end the operator's leg.
      ctx.cdr.queued(name, waitedMs, 'connected', outcome.operator);
      if (outcome.recording) ctx.cdr.recording(outcome.recording);
      ctx.emit({ type: 'queue', queue: name, event: 'connected', operator: outcome.operator });
      return { type: '$handed-off', outcome: connectedOutcome, endedBy: null };
    }
    stop();
    ctx.emit({ type: 'queue', queue: name, event: 'left', outcome: outcome.type });
    const overflow = ctx.workspace.queues[name]?.overflow;
    if (!command.handlesOverflow && overflow && !visited.has(overflow)) {
      name = overflow;
      continue;
    }
    ctx.cdr.queued(name, waitedMs, outcome.type, null);
    return { type: 'queue', outcome: outcome.type };
  }
}

function queueRequest(name: string, command: Omit<QueueCommand, 'loc'>, ctx: HandlerContext): QueueRequest {
  const config = ctx.workspace.queues[name];
  const own = name === command.queue;
  const parts: SpeechPart[] | null =
    (own ? command.announce : null) ?? (config?.announce ? announcementParts(config.announce) : null);
  const maxWait = (own ? command.maxWaitMs : null) ?? (config?.maxWait ? durationMs(config.maxWait) : null);
  const every =
    (own ? command.announceEveryMs : null) ?? (config ? durationMs(config.announceEvery) : 60_000);
  return {
    callId: ctx.call.id,
    tenant: ctx.call.tenant,
    channelId: ctx.line.channelId,
    caller: ctx.call.caller,
    queue: name,
    priority: own ? command.priority : 0,
    skills: own ? command.skills : [],
    maxWaitMs: maxWait,
    announceEveryMs: parts ? every : null,
    music: (own ? command.music : null) ?? config?.music ?? null,
    recordAs: ctx.recordAs,
    announce: parts ? (info) => announce(ctx, name, parts, info) : null,
    onEvent: (progress) => {
      if (progress.type === 'ringing')
        ctx.emit({ type: 'queue', queue: name, event: 'ringing', operator: progress.operator });
      else {
        const { position, ewtMinutes } = progress;
        const priority = progress.type === 'joined' ? (own ? command.priority : 0) : undefined;
        ctx.emit({
          type: 'queue',
          queue: name,
          event: progress.type,
          position,
          ewtMinutes,
          ...(priority === undefined ? {} : { priority }),
        });
      }
    },
  };
}

async function announce(
  ctx: HandlerContext,
  queue: string,
  parts: SpeechPart[],
  info: { ewtMinutes: number; position: number },
): Promise<void> {
  try {
    await speak(ctx, parts, { bargeIn: false, extras: info });
  } catch (error) {
    if (ctx.line.ended) return;
    // A broken announcement must not throw the caller out of the queue.
    ctx.logger.log('warn', 'queue announcement failed', {
      callId: ctx.call.id,
      queue,
      error: (error as Error).message,
    });
  }
}

/** A workspace announcement text: `{ewt}` and `{position}` become the parts the ACD fills in. */
export function announcementParts(text: string): SpeechPart[] {
  const parts: SpeechPart[] = [];
  for (const piece of text.split(/(\{ewt\}|\{position\})/)) {
    if (piece === '{ewt}') parts.push({ kind: 'ewt' });
    else if (piece === '{position}') parts.push({ kind: 'position' });
    else if (piece !== '') parts.push({ kind: 'text', text: piece });
  }
  return parts;
}
