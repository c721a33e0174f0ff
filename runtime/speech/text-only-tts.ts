/**
 * A TTS for machines without espeak-ng (`CALLFLOW_TTS=text`): it writes only the sidecar, with the
 * duration estimated at 70 ms per character (espeak-ng at 150 wpm measures 60–80 ms per character
 * of Russian text), so the PBX simulator can still show what the caller hears and time the prompt.
 * There is no audio: `file` is null and a real Asterisk would play nothing.
 */
import { readSidecar, speechId, speechPaths, writeSidecar } from './speech-cache.ts';
import { SpeechError } from './speech-error.ts';
import type { SpeechLang } from './speech-language.ts';
import type { SynthResult, Tts } from './tts.ts';

export const TEXT_ONLY_MS_PER_CHAR = 70;

export class TextOnlyTts implements Tts {
  readonly cacheDir: string;
  private readonly results = new Map<string, SynthResult>();

  constructor(options: { cacheDir: string }) {
    this.cacheDir = options.cacheDir;
  }

  async synthesize(text: string, lang: SpeechLang): Promise<SynthResult> {
    if (text.trim() === '') throw new SpeechError('nothing to synthesize: empty text');
    const id = speechId(lang, 'text', text);
    const known = this.results.get(id);
    if (known) return known;
    const { media } = speechPaths(this.cacheDir, id);
    const durationMs = estimateSpeechMs(text);
    if (!(await readSidecar(this.cacheDir, id))) {
      await writeSidecar(this.cacheDir, {
        id,
        text,
        lang,
        durationMs,
        voice: 'text',
        kind: 'text',
        audio: false,
      });
    }
    const result: SynthResult = { id, file: null, durationMs, media };
    this.results.set(id, result);
    return result;
  }
}

/** Rough speaking time of a text. */
export function estimateSpeechMs(text: string): number {
  return [...text.trim()].length * TEXT_ONLY_MS_PER_CHAR;
}
