import { describe, expect, it } from 'vitest';
import { isTelephonyWav, parseWavHeader, wavDurationMs } from '../../../runtime/speech/wav.ts';

/** A PCM WAV header with `dataBytes` of silence; optional chunks between fmt and data. */
function wav(options: {
  sampleRate?: number;
  channels?: number;
  bits?: number;
  dataBytes: number;
  declaredDataBytes?: number;
  extraChunk?: boolean;
}): Buffer {
  const { sampleRate = 8000, channels = 1, bits = 16, dataBytes } = options;
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'latin1');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(channels, 10);
  fmt.writeUInt32LE(sampleRate, 12);
  fmt.writeUInt32LE((sampleRate * channels * bits) / 8, 16);
  fmt.writeUInt16LE((channels * bits) / 8, 20);
  fmt.writeUInt16LE(bits, 22);
  const list = Buffer.from('LIST\x05\x00\x00\x00abcde\x00', 'latin1'); // odd size: padded
  const dataHeader = Buffer.alloc(8);
  dataHeader.write('data', 0, 'latin1');
  dataHeader.writeUInt32LE(options.declaredDataBytes ?? dataBytes, 4);
  const body = Buffer.concat([
    fmt,
    options.extraChunk ? list : Buffer.alloc(0),
    dataHeader,
    Buffer.alloc(dataBytes),
  ]);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length + 4, 4);
  riff.write('WAVE', 8, 'latin1');
  return Buffer.concat([riff, body]);
}

describe('wavDurationMs', () => {
  it('8 kHz mono 16-bit: 16000 bytes are one second', () => {
    expect(wavDurationMs(wav({ dataBytes: 16000 }))).toBe(1000);
  });

  it("22050 Hz (espeak-ng's own rate): 11025 bytes are 250 ms", () => {
    expect(wavDurationMs(wav({ sampleRate: 22050, dataBytes: 11025 }))).toBe(250);
  });

  it('skips chunks before data, honouring odd-size padding', () => {
    expect(wavDurationMs(wav({ dataBytes: 8000, extraChunk: true }))).toBe(500);
  });

  it('takes the declared size when given only the header', () => {
    expect(wavDurationMs(wav({ dataBytes: 160000 }).subarray(0, 64))).toBe(10000);
  });

  it('measures what is there when the size was never filled in (streamed to a pipe)', () => {
    expect(wavDurationMs(wav({ dataBytes: 4000, declaredDataBytes: 0xffffffff }))).toBe(250);
  });

  it('rejects what is not a WAV', () => {
    expect(() => wavDurationMs(Buffer.from('OggS this is not a wave file'))).toThrow(/not a WAV/);
  });
});

describe('isTelephonyWav', () => {
  it('accepts 8 kHz mono 16-bit PCM only', () => {
    expect(isTelephonyWav(parseWavHeader(wav({ dataBytes: 2 })))).toBe(true);
    expect(isTelephonyWav(parseWavHeader(wav({ sampleRate: 16000, dataBytes: 2 })))).toBe(false);
    expect(isTelephonyWav(parseWavHeader(wav({ channels: 2, dataBytes: 4 })))).toBe(false);
    expect(isTelephonyWav(parseWavHeader(wav({ bits: 8, dataBytes: 2 })))).toBe(false);
  });
});
