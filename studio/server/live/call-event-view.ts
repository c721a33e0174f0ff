/**
 * A runtime call event as the studio receives it: prompts with the ids of their audio in the TTS
 * cache (played from /api/prompts/<id>.wav), versions in the store's numbering, and variables (on
 * the steps of watched calls) with every secret as '••••' — the runtime masks them already; this
 * is a second guard at the edge.
 */
import type { CallEvent } from '../../../runtime/call-events.ts';
import { speechIdFromMedia } from '../../../runtime/speech/speech-cache.ts';

export const MASK = '••••';

export type VersionOf = (flowId: string) => number | null;

export function callEventView(event: CallEvent, versionOf: VersionOf): Record<string, unknown> {
  switch (event.type) {
    case 'prompt': {
      const { media, ...rest } = event;
      const audio = media.flatMap((m) => {
        const id = speechIdFromMedia(m);
        return id ? [{ id, url: `/api/prompts/${id}.wav` }] : [];
      });
      return { ...rest, audio };
    }
    case 'call-started':
      return { ...event, version: versionOf(event.flow) ?? event.version };
    case 'call-ended':
      return {
        ...event,
        record: { ...event.record, flowVersion: versionOf(event.record.flowId) ?? event.record.flowVersion },
      };
    case 'step': {
      const vars = (event as { vars?: unknown }).vars;
      return vars && typeof vars === 'object'
        ? { ...event, vars: maskSecrets(vars as Record<string, unknown>) }
        : { ...event };
    }
    default:
      return { ...event };
  }
}

/** Secret values travel as `{$secret: ref}` (language/compiled-format.ts): none leaves the server. */
export function maskSecrets(vars: Record<string, unknown>): Record<string, unknown> {
  const mask = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(mask);
    if (value && typeof value === 'object') {
      if ('$secret' in value) return MASK;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v)]));
    }
    return value;
  };
  return mask(vars) as Record<string, unknown>;
}
