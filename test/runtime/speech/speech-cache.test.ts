import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textForEspeak } from '../../../runtime/speech/espeak-text.ts';
import {
  defaultSpeechCacheDir,
  speechId,
  speechIdFromMedia,
  speechPaths,
  uploadId,
} from '../../../runtime/speech/speech-cache.ts';

describe('speech cache layout', () => {
  it('an id is 16 hex digits of the hash of lang, voice and text', () => {
    expect(speechId('ru', 'espeak-ng/ru/s150/v1', 'Добрый день')).toMatch(/^[0-9a-f]{16}$/);
    expect(speechId('ru', 'v', 'a b')).not.toBe(speechId('ru', 'v a', 'b'));
    expect(uploadId(Buffer.from('RIFF'))).not.toBe(uploadId(Buffer.from('RIFX')));
  });

  it('finds both files of an id under <cacheDir>/callflow', () => {
    expect(speechPaths('/var/lib/asterisk/sounds', '0123456789abcdef')).toEqual({
      wav: '/var/lib/asterisk/sounds/callflow/0123456789abcdef.wav',
      json: '/var/lib/asterisk/sounds/callflow/0123456789abcdef.json',
      media: 'sound:callflow/0123456789abcdef',
    });
  });

  it('refuses ids that could leave the folder (ids arrive in URLs)', () => {
    expect(() => speechPaths('/cache', '../../etc/passwd')).toThrow(/not a prompt id/);
    expect(() => speechPaths('/cache', '0123456789ABCDEF')).toThrow(/not a prompt id/);
  });

  it('the cache dir comes from CALLFLOW_SPEECH_DIR, else data/speech', () => {
    expect(defaultSpeechCacheDir({ CALLFLOW_SPEECH_DIR: '/var/lib/asterisk/sounds' })).toBe(
      '/var/lib/asterisk/sounds',
    );
    expect(defaultSpeechCacheDir({})).toBe(join(process.cwd(), 'data', 'speech'));
  });

  it('reads the id back from a media URI', () => {
    expect(speechIdFromMedia('sound:callflow/0123456789abcdef')).toBe('0123456789abcdef');
    expect(speechIdFromMedia('sound:tt-monkeys')).toBeNull();
    expect(speechIdFromMedia('digits:123')).toBeNull();
  });
});

describe('textForEspeak', () => {
  it('drops Ukrainian apostrophes of every kind inside words', () => {
    expect(textForEspeak("Пʼять, п’ять і п'ять", 'uk')).toBe('Пять, пять і пять');
  });

  it('keeps quotes that are not inside a word', () => {
    expect(textForEspeak("Натисніть 'решітку'", 'uk')).toBe("Натисніть 'решітку'");
  });

  it('puts the text on one line and leaves Russian alone', () => {
    expect(textForEspeak('  Добрый\n день  ', 'ru')).toBe('Добрый день');
  });
});
