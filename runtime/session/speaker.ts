/**
 * Plays speech parts to the caller and waits until they end. With barge-in, a key stops the prompt
 * and stays in the line's type-ahead for the next collection; keys already typed skip it at once.
 */
import type { SpeechPart } from '../../language/compiled-format.ts';
import { SpeechError } from '../speech/speech-error.ts';
import type { SpeechMedia } from '../speech/speech-media.ts';
import { type Check, TIMEOUT } from './call-line.ts';
import { CommandFailure, type HandlerContext, type SpeechExtras } from './handler-context.ts';

export type SpokenResult = 'done' | 'interrupted' | 'skipped';

/** Past the prompt's own length, how long to wait for a PBX that never reports its end. */
const PLAYBACK_GRACE_MS = 15_000;

/** The playback ended, or (with barge-in) a key was pressed. */
const playbackOrKey: Check<'done' | 'failed' | 'key', { id: string; bargeIn: boolean }> = (line, playback) =>
  line.playbackEnded(playback.id) ?? (playback.bargeIn && line.hasKeys() ? 'key' : undefined);

export async function speak(
  ctx: HandlerContext,
  parts: SpeechPart[],
  options: { bargeIn: boolean; extras?: SpeechExtras },
): Promise<SpokenResult> {
  if (parts.length === 0) return 'done';
  if (options.bargeIn && ctx.line.hasKeys()) return 'skipped';
  // A constant prompt already rendered comes back at once: no promise, no wait.
  const rendering = ctx.speech(parts, options.extras);
  const speech = rendering instanceof Promise ? await ctx.line.guard(render(rendering)) : rendering;
  if (speech.media.length === 0) return 'done';
  ctx.emit({ type: 'prompt', text: speech.display, media: speech.media });
  const playbackId = await ctx.line.guard(ctx.pbx.play(ctx.line.channelId, speech.media));
  const ended = await ctx.line.wait(
    playbackOrKey,
    { id: playbackId, bargeIn: options.bargeIn },
    speech.durationMs * 2 + PLAYBACK_GRACE_MS,
  );
  if (ended === 'done' || ended === 'failed') return 'done';
  // A key (barge-in) or a PBX that never said the prompt ended: stop it and go on.
  await ctx.pbx.stopPlayback(playbackId).catch(() => {});
  return ended === TIMEOUT ? 'done' : 'interrupted';
}

async function render(rendering: Promise<SpeechMedia>): Promise<SpeechMedia> {
  try {
    return await rendering;
  } catch (error) {
    if (error instanceof SpeechError) throw new CommandFailure('speech', error.message);
    throw error;
  }
}
