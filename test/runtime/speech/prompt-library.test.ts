/**
 * Workspace prompts: uploaded recordings override text, and land in the speech cache as telephony
 * WAV. Recordings are made with the real sox; synthesis uses the real espeak-ng.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpeechPart } from '../../../language/compiled-format.ts';
import { EspeakTts } from '../../../runtime/speech/espeak-tts.ts';
import { PromptLibrary } from '../../../runtime/speech/prompt-library.ts';
import { readSidecar, uploadId } from '../../../runtime/speech/speech-cache.ts';
import { SpeechError } from '../../../runtime/speech/speech-error.ts';
import { speechToMedia } from '../../../runtime/speech/speech-media.ts';
import { TextOnlyTts } from '../../../runtime/speech/text-only-tts.ts';
import type { Tts } from '../../../runtime/speech/tts.ts';
import { parseWavHeader } from '../../../runtime/speech/wav.ts';

let workspaceDir: string;
let cacheDir: string;

/** `sox -n <options> <file> synth <seconds> sine 440`: a tone recording like an upload. */
function recordTone(file: string, options: string[], seconds: number): void {
  const sox = spawnSync('sox', [
    '-n',
    ...options,
    join(workspaceDir, file),
    'synth',
    String(seconds),
    'sine',
    '440',
  ]);
  if (sox.error || sox.status !== 0) {
    throw new Error(
      `sox could not make ${file} (apt-get install -y espeak-ng sox): ${sox.error ?? sox.stderr}`,
    );
  }
}

const PROMPTS = {
  greeting: { file: 'greeting.wav', text: 'Добрый день, компания «АВС Интернет».' },
  studio: { file: 'studio.wav' },
  jingle: { file: 'jingle.ogg' },
  goodbye: { text: 'До свидания.' },
  broken: { file: 'missing.wav', text: 'Этого файла нет.' },
  empty: {},
};

beforeAll(async () => {
  workspaceDir = await mkdtemp(join(tmpdir(), 'callflow-prompts-ws-'));
  cacheDir = await mkdtemp(join(tmpdir(), 'callflow-prompts-cache-'));
  recordTone('greeting.wav', ['-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer'], 1);
  recordTone('studio.wav', ['-r', '44100', '-c', '2', '-b', '16'], 0.75);
  recordTone('jingle.ogg', ['-r', '16000', '-c', '1'], 0.5);
});

afterAll(async () => {
  await rm(workspaceDir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

function library(tts: Tts = new EspeakTts({ cacheDir })): PromptLibrary {
  return new PromptLibrary({ prompts: PROMPTS, baseDir: workspaceDir, tts, cacheDir });
}

describe('PromptLibrary', () => {
  it('an uploaded recording overrides the text: copied as is when already telephony WAV', async () => {
    const tts = new EspeakTts({ cacheDir });
    const result = await library(tts).resolve('greeting', 'ru');
    const source = await readFile(join(workspaceDir, 'greeting.wav'));

    expect(result.id).toBe(uploadId(source));
    expect(result.media).toBe(`sound:callflow/${result.id}`);
    expect(await readFile(result.file!)).toEqual(source);
    expect(result.durationMs).toBe(1000);
    expect(tts.stats().synthesized).toBe(0);
    expect(await readSidecar(cacheDir, result.id)).toMatchObject({
      text: 'Добрый день, компания «АВС Интернет».',
      kind: 'upload',
      durationMs: 1000,
      audio: true,
    });
  });

  it.each([
    ['studio', 'a 44.1 kHz stereo WAV', 750],
    ['jingle', 'an Ogg Vorbis file', 500],
  ])('converts %s (%s) to 8 kHz mono 16-bit', async (name, _what, expectedMs) => {
    const result = await library().resolve(name, 'ru');
    const format = parseWavHeader(await readFile(result.file!));
    expect(format).toMatchObject({ audioFormat: 1, sampleRate: 8000, channels: 1, bitsPerSample: 16 });
    expect(Math.abs(result.durationMs - expectedMs)).toBeLessThanOrEqual(20);
    expect((await readSidecar(cacheDir, result.id))?.text).toBe(`[${name}]`);
  });

  it('a prompt with text only is synthesized', async () => {
    const tts = new EspeakTts({ cacheDir });
    const result = await library(tts).resolve('goodbye', 'ru');
    expect(result).toEqual(await tts.synthesize('До свидания.', 'ru'));
    expect(tts.stats().synthesized + tts.stats().diskHits).toBe(1);
  });

  it('knows texts and recordings by name', () => {
    const prompts = library();
    expect(prompts.text('greeting')).toBe('Добрый день, компания «АВС Интернет».');
    expect(prompts.text('studio')).toBeUndefined();
    expect(prompts.hasRecording('greeting')).toBe(true);
    expect(prompts.hasRecording('goodbye')).toBe(false);
    expect(prompts.has('toString')).toBe(false);
  });

  it('a second library finds the imported recording in the cache', async () => {
    const first = await library().resolve('studio', 'ru');
    expect(await library().resolve('studio', 'ru')).toEqual(first);
  });

  it.each([
    ['nonexistent', /unknown prompt "nonexistent"/],
    ['broken', /prompt "broken": cannot read the recording .*missing\.wav/],
    ['empty', /prompt "empty" has neither a recording nor text/],
  ])('%s is a SpeechError that says why', async (name, message) => {
    const result = library().resolve(name, 'ru');
    await expect(result).rejects.toBeInstanceOf(SpeechError);
    await expect(result).rejects.toThrow(message);
  });
});

describe.each([
  ['espeak-ng', () => new EspeakTts({ cacheDir })],
  ['text only', () => new TextOnlyTts({ cacheDir })],
])('speechToMedia with %s', (_name, makeTts) => {
  const balance: SpeechPart[] = [
    { kind: 'prompt', name: 'jingle' },
    { kind: 'text', text: 'На вашем личном счету ' },
    { kind: 'money', amount: 50, currency: 'UAH' },
    { kind: 'text', text: '.' },
    { kind: 'prompt', name: 'goodbye' },
  ];

  it('plays the recording, then the text between recordings as one synthesized file', async () => {
    const tts = makeTts();
    const prompts = library(tts);
    const spoken = await speechToMedia(balance, 'ru', {}, { tts, prompts });
    const jingle = await prompts.resolve('jingle', 'ru');
    const text = await tts.synthesize('На вашем личном счету пятьдесят гривен. До свидания.', 'ru');

    expect(spoken.media).toEqual([jingle.media, text.media]);
    expect(spoken.display).toBe('[jingle] На вашем личном счету 50 гривен. До свидания.');
    expect(spoken.spoken).toBe('На вашем личном счету пятьдесят гривен. До свидания.');
    expect(spoken.durationMs).toBe(jingle.durationMs + text.durationMs);
  });

  it('fails before synthesizing anything when a value cannot be spoken', async () => {
    const tts = makeTts();
    const parts: SpeechPart[] = [{ kind: 'text', text: 'Ждать ' }, { kind: 'ewt' }];
    await expect(speechToMedia(parts, 'ru', {}, { tts })).rejects.toBeInstanceOf(SpeechError);
  });
});
