/**
 * Speech of constant prompts, rendered once per language. A compiled flow's constant commands (the
 * greeting, a menu, a fixed prompt) reach the host deeply frozen and as the same objects for every
 * call (the sandbox sends them once per context), so their parts can be rendered, hashed and
 * looked up in the speech cache once instead of on every call. Parts made by a step (a balance,
 * a name) and queue announcements (EWT and position change) are rendered every time.
 *
 * One memo per prompt library: a library belongs to one workspace version, so a re-uploaded
 * recording is seen by the next version's memo. A failed rendering is not kept.
 */
import type { SpeechPart } from '../../language/compiled-format.ts';
import type { SpeechLang } from './speech-language.ts';
import type { SpeechMedia } from './speech-media.ts';

export type RenderSpeech = (parts: readonly SpeechPart[], lang: SpeechLang) => Promise<SpeechMedia>;

export class ConstantSpeech {
  /**
   * Keyed by the frozen parts themselves: entries go when the sandbox context's constants go. A
   * rendering in progress is its promise; a finished one is the media itself, handed out at once.
   */
  private readonly rendered = new WeakMap<
    readonly SpeechPart[],
    Map<SpeechLang, SpeechMedia | Promise<SpeechMedia>>
  >();

  constructor(private readonly render: RenderSpeech) {}

  /** The media of `parts` in `lang`: at once for a constant already rendered, else a promise. */
  speech(parts: readonly SpeechPart[], lang: SpeechLang): SpeechMedia | Promise<SpeechMedia> {
    // Frozen is the sandbox's mark of a constant (shim-reply.ts): nobody can change it afterwards.
    if (!Object.isFrozen(parts)) return this.render(parts, lang);
    let byLang = this.rendered.get(parts);
    if (!byLang) {
      byLang = new Map();
      this.rendered.set(parts, byLang);
    }
    const known = byLang.get(lang);
    if (known) return known;
    const kept = byLang;
    const rendering = this.render(parts, lang).then(
      (made) => {
        // Shared by every call that plays it: frozen, so no listener of prompt events can change it.
        Object.freeze(made.media);
        kept.set(lang, Object.freeze(made));
        return made;
      },
      (error: unknown) => {
        kept.delete(lang);
        throw error;
      },
    );
    kept.set(lang, rendering);
    return rendering;
  }
}
