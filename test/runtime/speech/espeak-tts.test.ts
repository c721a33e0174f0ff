/**
 * EspeakTts against the real espeak-ng and sox. Without them this file FAILS (beforeAll rethrows
 * the install hint): a machine that cannot speak must not pass the speech tests.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EspeakTts } from '../../../runtime/speech/espeak-tts.ts';
import { readSidecar, speechId } from '../../../runtime/speech/speech-cache.ts';
import { SpeechError } from '../../../runtime/speech/speech-error.ts';
import { parseWavHeader, wavDurationMs } from '../../../runtime/speech/wav.ts';

let cacheDir: string;

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'callflow-espeak-'));
  // Rejects with «espeak-ng not found (…); install them with: apt-get install -y espeak-ng sox».
  await new EspeakTts({ cacheDir }).checkTools();
});

afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe('EspeakTts: synthesis', () => {
  it.each([
    ['ru', 'Добрый день'],
    ['uk', 'Добрий день'],
  ] as const)('%s «%s» becomes an 8 kHz mono 16-bit WAV of plausible length', async (lang, text) => {
    const tts = new EspeakTts({ cacheDir });
    const result = await tts.synthesize(text, lang);

    expect(result.id).toBe(speechId(lang, tts.voiceKey(lang), text));
    expect(result.file).toBe(join(cacheDir, 'callflow', `${result.id}.wav`));
    expect(result.media).toBe(`sound:callflow/${result.id}`);
    const bytes = await readFile(result.file!);
    const format = parseWavHeader(bytes);
    expect(format).toMatchObject({ audioFormat: 1, sampleRate: 8000, channels: 1, bitsPerSample: 16 });
    expect(result.durationMs).toBe(wavDurationMs(bytes));
    // Two words at 150 words per minute: about a second.
    expect(result.durationMs).toBeGreaterThan(400);
    expect(result.durationMs).toBeLessThan(3000);
    expect(await readSidecar(cacheDir, result.id)).toMatchObject({
      id: result.id,
      text,
      lang,
      durationMs: result.durationMs,
      kind: 'tts',
      audio: true,
    });
  });

  it('the audio is speech, not silence', async () => {
    const result = await new EspeakTts({ cacheDir }).synthesize('Добрый день', 'ru');
    const bytes = await readFile(result.file!);
    const { dataOffset, dataBytes } = parseWavHeader(bytes);
    let peak = 0;
    for (let i = dataOffset; i + 1 < dataOffset + dataBytes; i += 2)
      peak = Math.max(peak, Math.abs(bytes.readInt16LE(i)));
    expect(peak).toBeGreaterThan(3000);
  });

  it('the same text in another language is another file', async () => {
    const tts = new EspeakTts({ cacheDir });
    const [ru, uk] = await Promise.all([tts.synthesize('Один', 'ru'), tts.synthesize('Один', 'uk')]);
    expect(ru.id).not.toBe(uk.id);
  });

  it('reads Ukrainian typographic apostrophes as words, not as character names', async () => {
    const tts = new EspeakTts({ cacheDir });
    const plain = await tts.synthesize("п'ять гривень", 'uk');
    const typographic = await tts.synthesize('пʼять гривень', 'uk');
    expect(typographic.id).not.toBe(plain.id);
    expect(typographic.durationMs).toBe(plain.durationMs);
  });
});

describe('EspeakTts: cache', () => {
  it('a second call hits the memory cache without spawning a process', async () => {
    const tts = new EspeakTts({ cacheDir });
    const first = await tts.synthesize('Спасибо за звонок.', 'ru');
    const afterFirst = tts.stats();
    const second = await tts.synthesize('Спасибо за звонок.', 'ru');
    expect(second).toEqual(first);
    expect(tts.stats()).toEqual({ ...afterFirst, memoryHits: afterFirst.memoryHits + 1 });
    expect(afterFirst).toMatchObject({ synthesized: 1, processes: 2 });
  });

  it('a new process finds the file on disk and spawns nothing', async () => {
    const first = await new EspeakTts({ cacheDir }).synthesize('До свидания.', 'ru');
    const restarted = new EspeakTts({ cacheDir });
    expect(await restarted.synthesize('До свидания.', 'ru')).toEqual(first);
    expect(restarted.stats()).toMatchObject({ processes: 0, synthesized: 0, diskHits: 1 });
  });

  it('concurrent requests for one text synthesize once', async () => {
    const tts = new EspeakTts({ cacheDir });
    const results = await Promise.all([1, 2, 3].map(() => tts.synthesize('Ожидайте, пожалуйста.', 'ru')));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(tts.stats()).toMatchObject({ synthesized: 1, processes: 2, joined: 2 });
  });

  it('leaves no temporary files behind', async () => {
    const files = await readdir(join(cacheDir, 'callflow'));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files.every((f) => /^[0-9a-f]{16}\.(wav|json)$/.test(f))).toBe(true);
  });
});

describe('EspeakTts: failures say what to do', () => {
  it('a missing espeak-ng names the install command', async () => {
    const tts = new EspeakTts({ cacheDir, espeakPath: '/nonexistent/espeak-ng' });
    // A text nobody synthesized yet: a cached one would (rightly) be served without espeak-ng.
    await expect(tts.synthesize('Эспик пропал', 'ru')).rejects.toThrow(/apt-get install -y espeak-ng sox/);
    await expect(tts.checkTools()).rejects.toBeInstanceOf(SpeechError);
  });

  it('a missing sox names the install command', async () => {
    const tts = new EspeakTts({ cacheDir, soxPath: '/nonexistent/sox' });
    await expect(tts.synthesize('Сокс пропал', 'ru')).rejects.toThrow(
      /sox not found.*apt-get install -y espeak-ng sox/,
    );
  });

  it("an unknown voice reports espeak-ng's own message and caches nothing", async () => {
    const tts = new EspeakTts({ cacheDir, voices: { ru: 'nosuchvoice' } });
    await expect(tts.synthesize('Голос', 'ru')).rejects.toThrow(
      /espeak-ng exited with 1: .*voice does not exist/,
    );
    const id = speechId('ru', tts.voiceKey('ru'), 'Голос');
    expect(await readSidecar(cacheDir, id)).toBeNull();
    const files = await readdir(join(cacheDir, 'callflow'));
    expect(files.filter((f) => f.startsWith(id) || f.endsWith('.tmp'))).toEqual([]);
  });

  it('empty text is refused', async () => {
    await expect(new EspeakTts({ cacheDir }).synthesize('  ', 'ru')).rejects.toBeInstanceOf(SpeechError);
  });
});
