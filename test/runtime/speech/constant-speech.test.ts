import { describe, expect, it } from 'vitest';
import type { SpeechPart } from '../../../language/compiled-format.ts';
import { ConstantSpeech } from '../../../runtime/speech/constant-speech.ts';
import type { SpeechMedia } from '../../../runtime/speech/speech-media.ts';

function counting(fail = () => false) {
  const rendered: string[] = [];
  const memo = new ConstantSpeech(async (parts, lang) => {
    const text = parts.map((p) => (p.kind === 'text' ? p.text : p.kind)).join('');
    rendered.push(`${lang}:${text}`);
    if (fail()) throw new Error('tts down');
    const media: SpeechMedia = {
      media: [`sound:${text}`],
      items: [],
      display: text,
      spoken: text,
      durationMs: 1,
    };
    return media;
  });
  return { memo, rendered };
}

const greeting = (): SpeechPart[] => [{ kind: 'text', text: 'Добрый день' }];

describe('constant speech', () => {
  it('renders frozen parts (a constant command) once per language, and hands out a frozen result', async () => {
    const { memo, rendered } = counting();
    const parts = Object.freeze(greeting());
    const first = await memo.speech(parts, 'ru');
    // Once rendered it comes back at once, not as a promise.
    expect(memo.speech(parts, 'ru')).toBe(first);
    await memo.speech(parts, 'uk');
    expect(rendered).toEqual(['ru:Добрый день', 'uk:Добрый день']);
    expect(Object.isFrozen(first) && Object.isFrozen(first.media)).toBe(true);
  });

  it('renders parts a step made every time', async () => {
    const { memo, rendered } = counting();
    const parts = greeting();
    await memo.speech(parts, 'ru');
    await memo.speech(parts, 'ru');
    expect(rendered).toHaveLength(2);
  });

  it('does not keep a failed rendering: the next call tries again', async () => {
    let down = true;
    const { memo, rendered } = counting(() => down);
    const parts = Object.freeze(greeting());
    await expect(memo.speech(parts, 'ru')).rejects.toThrow('tts down');
    down = false;
    expect((await memo.speech(parts, 'ru')).display).toBe('Добрый день');
    expect(rendered).toHaveLength(2);
  });
});
