/**
 * Text to speech: the seam between the runtime and a synthesizer.
 *
 * Implementations: EspeakTts (espeak-ng piped through sox; the default) and TextOnlyTts (writes
 * only the sidecar with an estimated duration; chosen with `CALLFLOW_TTS=text` for machines without
 * espeak-ng — the PBX simulator and tests work with either). A missing espeak-ng is an error with
 * the install command, never silently replaced by silence.
 */
import { EspeakTts } from './espeak-tts.ts';
import { defaultSpeechCacheDir } from './speech-cache.ts';
import type { SpeechLang } from './speech-language.ts';
import { TextOnlyTts } from './text-only-tts.ts';

export interface SynthResult {
  /** Content hash: the first 16 hex digits of sha256(lang, voice, text). */
  id: string;
  /** Absolute path of the 8 kHz mono 16-bit WAV; null when there is no audio (TextOnlyTts). */
  file: string | null;
  durationMs: number;
  /** `sound:callflow/<id>`. */
  media: string;
}

export interface Tts {
  /** Synthesizes (or finds in the cache) `text` in `lang`. Rejects with SpeechError. */
  synthesize(text: string, lang: SpeechLang): Promise<SynthResult>;
}

export interface CreateTtsOptions {
  /** Default: defaultSpeechCacheDir(env). */
  cacheDir?: string;
  /** Reads CALLFLOW_TTS ('espeak' | 'text'; default 'espeak'). */
  env?: Record<string, string | undefined>;
}

/** The TTS the environment asks for. */
export function createTts({
  env = process.env,
  cacheDir = defaultSpeechCacheDir(env),
}: CreateTtsOptions = {}): Tts {
  const mode = env.CALLFLOW_TTS?.trim() || 'espeak';
  if (mode === 'espeak') return new EspeakTts({ cacheDir });
  if (mode === 'text') return new TextOnlyTts({ cacheDir });
  throw new Error(`CALLFLOW_TTS must be "espeak" or "text", not "${mode}"`);
}
