import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MediaResolver, wavDurationMs } from '../../../telephony/simulator/media.ts';

/** An 8 kHz mono 16-bit WAV of `ms` silence, optionally with a LIST chunk before `data`. */
function wav(ms: number, withList = false): Buffer {
  const data = Buffer.alloc((8000 * 2 * ms) / 1000);
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(1, 10);
  fmt.writeUInt32LE(8000, 12);
  fmt.writeUInt32LE(16000, 16);
  fmt.writeUInt16LE(2, 20);
  fmt.writeUInt16LE(16, 22);
  const list = Buffer.from('LIST\x05\x00\x00\x00INFOx\x00', 'latin1');
  const dataHeader = Buffer.alloc(8);
  dataHeader.write('data', 0, 'ascii');
  dataHeader.writeUInt32LE(data.length, 4);
  const body = Buffer.concat([Buffer.from('WAVE'), fmt, ...(withList ? [list] : []), dataHeader, data]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

function soundsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'callflow-sounds-'));
  mkdirSync(join(dir, 'callflow'));
  mkdirSync(join(dir, 'ru', 'callflow'), { recursive: true });
  return dir;
}

describe('media durations and texts', () => {
  const resolver = (dir: string | null) =>
    new MediaResolver({ soundsDir: dir, recordingDurationMs: (n) => (n === 'msg' ? 4200 : null) });

  it('reads the TTS sidecar of sound:callflow/<id>: the text the caller hears and its duration', () => {
    const dir = soundsDir();
    writeFileSync(
      join(dir, 'callflow', 'a1b2c3d4e5f60718.json'),
      JSON.stringify({ text: 'Добрый день', lang: 'ru', durationMs: 2345 }),
    );
    expect(resolver(dir).resolve('sound:callflow/a1b2c3d4e5f60718', 'en')).toEqual({
      uri: 'sound:callflow/a1b2c3d4e5f60718',
      outcome: 'play',
      durationMs: 2345,
      text: 'Добрый день',
      lang: 'ru',
    });
  });

  it('times a prompt that only has a WAV from its header, LIST chunk or not', () => {
    const dir = soundsDir();
    writeFileSync(join(dir, 'callflow', 'upload1.wav'), wav(1500, true));
    writeFileSync(join(dir, 'plain.wav'), wav(250));
    expect(wavDurationMs(join(dir, 'plain.wav'))).toBe(250);
    expect(resolver(dir).resolve('sound:callflow/upload1', 'en')).toMatchObject({
      outcome: 'play',
      durationMs: 1500,
      text: '[callflow/upload1]',
    });
  });

  it('prefers the language folder, as Asterisk does', () => {
    const dir = soundsDir();
    writeFileSync(join(dir, 'callflow', 'x.json'), JSON.stringify({ text: 'hello', durationMs: 1000 }));
    writeFileSync(
      join(dir, 'ru', 'callflow', 'x.json'),
      JSON.stringify({ text: 'привет', durationMs: 1200 }),
    );
    expect(resolver(dir).resolve('sound:callflow/x', 'ru')).toMatchObject({
      text: 'привет',
      durationMs: 1200,
    });
    expect(resolver(dir).resolve('sound:callflow/x', 'en')).toMatchObject({
      text: 'hello',
      durationMs: 1000,
    });
  });

  it('gives number, digits and characters the recorded durations and readable texts', () => {
    const r = resolver(null);
    expect(r.resolve('number:50', 'en')).toMatchObject({ durationMs: 1224, text: '50' });
    expect(r.resolve('number:7', 'en')).toMatchObject({ durationMs: 820 });
    expect(r.resolve('digits:1234', 'en')).toMatchObject({ durationMs: 3280, text: '1 2 3 4' });
    expect(r.resolve('characters:abc', 'en')).toMatchObject({ durationMs: 2340, text: 'a b c' });
    expect(r.resolve('recording:msg', 'en')).toMatchObject({ outcome: 'play', durationMs: 4200 });
  });

  it('plays tones until stopped, fails missing files and lets unknown schemes vanish (trace 07)', () => {
    const r = resolver(null);
    expect(r.resolve('tone:ring;tonezone=us', 'en')).toMatchObject({
      outcome: 'play',
      durationMs: null,
      text: '[tone ring]',
    });
    expect(r.resolve('sound:does-not-exist', 'en').outcome).toBe('missing');
    expect(r.resolve('recording:none', 'en').outcome).toBe('missing');
    expect(r.resolve('nosuchscheme:abc', 'en').outcome).toBe('vanish');
    expect(r.resolve('sound:../../etc/passwd', 'en').outcome).toBe('missing');
  });
});
