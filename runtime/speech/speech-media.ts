/**
 * From a `say` (or a prompt of `collect`, `queue`, `question`) to what the PBX plays: the parts are
 * cut at recorded prompts, each run of text between them is rendered in words and synthesized as
 * one file, and the recordings play in between. The transcript (display style) comes along.
 */
import type { SpeechPart } from '../../language/compiled-format.ts';
import type { PromptLibrary } from './prompt-library.ts';
import { renderSpeech, type SpeechContext } from './render-speech.ts';
import type { SpeechLang } from './speech-language.ts';
import type { SynthResult, Tts } from './tts.ts';

export interface SpeechMedia {
  /** Media URIs to play in order (`sound:callflow/<id>`). */
  media: string[];
  items: SynthResult[];
  /** Transcript for people: «На вашем личном счету 50 гривен.» */
  display: string;
  /** What the synthesizer was given, all runs joined. */
  spoken: string;
  durationMs: number;
}

export interface SpeechMediaDeps {
  tts: Tts;
  prompts?: PromptLibrary;
}

export async function speechToMedia(
  parts: readonly SpeechPart[],
  lang: SpeechLang,
  ctx: Pick<SpeechContext, 'ewtMinutes' | 'position'>,
  { tts, prompts }: SpeechMediaDeps,
): Promise<SpeechMedia> {
  const promptText = (name: string) => prompts?.text(name);
  const spokenCtx: SpeechContext = { ...ctx, style: 'spoken', promptText };
  // Render everything first: a value that cannot be spoken fails before anything is synthesized.
  const display = renderSpeech(parts, lang, { ...ctx, style: 'display', promptText });
  const segments: (string | { recording: string })[] = [];
  let run: SpeechPart[] = [];
  const flush = () => {
    const text = renderSpeech(run, lang, spokenCtx);
    if (text !== '') segments.push(text);
    run = [];
  };
  for (const part of parts) {
    if (part.kind === 'prompt' && prompts?.hasRecording(part.name)) {
      flush();
      segments.push({ recording: part.name });
    } else {
      run.push(part);
    }
  }
  flush();
  const items = await Promise.all(
    segments.map((segment) =>
      typeof segment === 'string' ? tts.synthesize(segment, lang) : prompts!.resolve(segment.recording, lang),
    ),
  );
  return {
    media: items.map((item) => item.media),
    items,
    display,
    spoken: segments
      .map((segment) => (typeof segment === 'string' ? segment : (promptText(segment.recording) ?? '')))
      .filter((text) => text !== '')
      .join(' '),
    durationMs: items.reduce((sum, item) => sum + item.durationMs, 0),
  };
}
