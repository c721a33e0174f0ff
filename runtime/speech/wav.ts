/**
 * Reading a WAV file's header: format and duration, without decoding audio. The PBX simulator uses
 * it to know how long a prompt plays; the prompt library uses it to skip converting uploads that
 * are already telephony WAV.
 */

export interface WavFormat {
  /** 1 = PCM. */
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Bytes per second of audio. */
  byteRate: number;
  /** Offset of the sample data in the file. */
  dataOffset: number;
  /** Length of the sample data in bytes. */
  dataBytes: number;
}

/**
 * Walks the RIFF chunks to `fmt ` and `data`. A data size of 0 or 0xFFFFFFFF (written by tools that
 * stream to a pipe before they know the length) means "to the end of what we were given". Otherwise
 * the declared size wins, so passing just the first few kilobytes of a file is enough.
 */
export function parseWavHeader(buffer: Uint8Array): WavFormat {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const tag = (offset: number) => String.fromCharCode(...buffer.subarray(offset, offset + 4));
  if (buffer.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file');
  let fmt: Omit<WavFormat, 'dataOffset' | 'dataBytes'> | null = null;
  for (let offset = 12; offset + 8 <= buffer.byteLength; ) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (body + 16 > buffer.byteLength) break;
      fmt = {
        audioFormat: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        byteRate: view.getUint32(body + 8, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV data chunk before its fmt chunk');
      const available = buffer.byteLength - body;
      const dataBytes = size === 0 || size === 0xffffffff ? available : size;
      return { ...fmt, dataOffset: body, dataBytes };
    }
    offset = body + size + (size % 2); // chunks are padded to even sizes
  }
  throw new Error('WAV header without fmt and data chunks');
}

/** Duration of the audio in milliseconds, from the header alone. */
export function wavDurationMs(buffer: Uint8Array): number {
  const format = parseWavHeader(buffer);
  if (format.byteRate === 0) throw new Error('WAV header with a zero byte rate');
  return Math.round((format.dataBytes * 1000) / format.byteRate);
}

/** What Asterisk plays as `.wav` without transcoding: 8 kHz, mono, 16-bit signed PCM. */
export function isTelephonyWav(format: WavFormat): boolean {
  return (
    format.audioFormat === 1 &&
    format.channels === 1 &&
    format.sampleRate === 8000 &&
    format.bitsPerSample === 16
  );
}
