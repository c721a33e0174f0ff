import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EspeakTts } from '../../../runtime/speech/espeak-tts.ts';
import { readSidecar, speechId } from '../../../runtime/speech/speech-cache.ts';
import { estimateSpeechMs, TextOnlyTts } from '../../../runtime/speech/text-only-tts.ts';
import { createTts } from '../../../runtime/speech/tts.ts';

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'callflow-text-tts-'));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe('TextOnlyTts', () => {
  it('writes only the sidecar, with 70 ms per character', async () => {
    const text = 'Добрый день'; // 11 characters
    const result = await new TextOnlyTts({ cacheDir }).synthesize(text, 'ru');
    expect(result).toEqual({
      id: speechId('ru', 'text', text),
      file: null,
      durationMs: 770,
      media: `sound:callflow/${result.id}`,
    });
    expect(await readSidecar(cacheDir, result.id)).toEqual({
      id: result.id,
      text,
      lang: 'ru',
      durationMs: 770,
      voice: 'text',
      kind: 'text',
      audio: false,
    });
    expect(await readdir(join(cacheDir, 'callflow'))).toEqual([`${result.id}.json`]);
  });

  it('counts characters, not UTF-16 units or surrounding spaces', () => {
    expect(estimateSpeechMs('  Да  ')).toBe(140);
    expect(estimateSpeechMs('😀')).toBe(70);
  });

  it('does not collide with espeak-ng output for the same text', async () => {
    const text = await new TextOnlyTts({ cacheDir }).synthesize('Алло', 'ru');
    expect(text.id).not.toBe(speechId('ru', new EspeakTts({ cacheDir }).voiceKey('ru'), 'Алло'));
  });
});

describe('createTts', () => {
  it('uses espeak-ng unless CALLFLOW_TTS says otherwise', () => {
    expect(createTts({ cacheDir, env: {} })).toBeInstanceOf(EspeakTts);
    expect(createTts({ cacheDir, env: { CALLFLOW_TTS: 'espeak' } })).toBeInstanceOf(EspeakTts);
  });

  it('CALLFLOW_TTS=text gives the text-only TTS', () => {
    expect(createTts({ cacheDir, env: { CALLFLOW_TTS: 'text' } })).toBeInstanceOf(TextOnlyTts);
  });

  it('refuses an unknown mode instead of guessing', () => {
    expect(() => createTts({ cacheDir, env: { CALLFLOW_TTS: 'silent' } })).toThrow(/"espeak" or "text"/);
  });
});
