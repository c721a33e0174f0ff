/**
 * What a media URI sounds like: how long it plays and the text the caller hears. Synthesized prompts
 * (`sound:callflow/<id>`) are described by the sidecar `<soundsDir>/callflow/<id>.json`
 * ({text, lang, durationMs}) that runtime/speech writes next to the audio; a `.wav` alone is timed
 * from its header. Durations of stock sounds and of number/digits/characters follow trace 03.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type MediaOutcome =
  /** Plays for `durationMs` (null: until stopped, like a tone). */
  | 'play'
  /** The file does not exist: PlaybackFinished `failed` right after Started (skipped inside a list). */
  | 'missing'
  /** Unknown scheme: PlaybackStarted, then the playback silently disappears (07). */
  | 'vanish';

export interface MediaItem {
  uri: string;
  outcome: MediaOutcome;
  durationMs: number | null;
  /** What the caller hears, for transcripts: prompt text, the number, or a bracketed description. */
  text: string;
  lang: string | null;
}

export interface SoundSidecar {
  text?: string;
  lang?: string;
  durationMs?: number;
}

/** Stock Asterisk sounds the traces use, with the durations measured there. */
const stockSounds: Record<string, number> = {
  'hello-world': 1404,
  'demo-congrats': 30295,
  'demo-instruct': 15264,
  'demo-thanks': 2390,
  beep: 260,
  'tt-monkeys': 6330,
  'pls-hold-while-try': 2170,
  'queue-thankyou': 2250,
  'queue-holdtime': 1400,
  'queue-minutes': 700,
  'conf-onlyperson': 2500,
};

const DIGIT_MS = 820;
const CHARACTER_MS = 780;
/** "fifty" in trace 03 took 1224 ms; other single number words ~820 ms. */
const TENS_WORD_MS = 1224;

const bytesPerSecond: Record<string, number> = {
  ulaw: 8000,
  ul: 8000,
  alaw: 8000,
  al: 8000,
  gsm: 1650,
  sln: 16000,
  raw: 16000,
  sln16: 32000,
  g722: 8000,
};

export interface MediaResolverOptions {
  soundsDir: string | null;
  /** Duration of a stored recording, or null when there is none by that name. */
  recordingDurationMs(name: string): number | null;
}

export class MediaResolver {
  private readonly cache = new Map<
    string,
    { text: string | null; durationMs: number; lang: string | null }
  >();

  constructor(private readonly options: MediaResolverOptions) {}

  resolve(uri: string, lang: string): MediaItem {
    const colon = uri.indexOf(':');
    const scheme = colon > 0 ? uri.slice(0, colon) : '';
    const rest = colon > 0 ? uri.slice(colon + 1) : uri;
    switch (scheme) {
      case 'sound':
        return this.sound(uri, rest, lang);
      case 'recording': {
        const ms = this.options.recordingDurationMs(rest);
        return ms === null
          ? item(uri, 'missing', null, `[recording ${rest}]`)
          : item(uri, 'play', ms, `[recording ${rest}]`);
      }
      case 'number':
        return numberItem(uri, rest);
      case 'digits':
        return /^[0-9*#A-Da-dwW]+$/.test(rest)
          ? item(uri, 'play', rest.length * DIGIT_MS, rest.split('').join(' '))
          : item(uri, 'missing', null, rest);
      case 'characters':
        return rest.length > 0
          ? item(uri, 'play', rest.length * CHARACTER_MS, rest.split('').join(' '))
          : item(uri, 'missing', null, '');
      case 'tone':
        return item(uri, 'play', null, `[tone ${rest.split(';')[0]}]`);
      default:
        return item(uri, 'vanish', null, `[${uri}]`);
    }
  }

  private sound(uri: string, name: string, lang: string): MediaItem {
    if (name.includes('..')) return item(uri, 'missing', null, `[${name}]`);
    const found = this.lookup(name, lang);
    if (found)
      return {
        uri,
        outcome: 'play',
        durationMs: found.durationMs,
        text: found.text ?? `[${name}]`,
        lang: found.lang,
      };
    const stock = stockSounds[name];
    if (stock !== undefined) return item(uri, 'play', stock, `[${name}]`);
    return item(uri, 'missing', null, `[${name}]`);
  }

  private lookup(
    name: string,
    lang: string,
  ): { text: string | null; durationMs: number; lang: string | null } | null {
    const dir = this.options.soundsDir;
    if (!dir) return null;
    for (const base of [join(dir, lang, name), join(dir, name)]) {
      const cached = this.cache.get(base);
      if (cached) return cached;
      const found = readSoundFiles(base);
      if (found) {
        this.cache.set(base, found);
        return found;
      }
    }
    return null;
  }
}

function item(uri: string, outcome: MediaOutcome, durationMs: number | null, text: string): MediaItem {
  return { uri, outcome, durationMs, text, lang: null };
}

function numberItem(uri: string, value: string): MediaItem {
  if (!/^-?\d+$/.test(value)) return item(uri, 'missing', null, value);
  return item(
    uri,
    'play',
    numberWordsMs(Math.abs(Number(value))) + (value.startsWith('-') ? DIGIT_MS : 0),
    value,
  );
}

/** Asterisk says a number with one sound file per word ("two hundred fifty three" = 4 files). */
function numberWordsMs(n: number): number {
  if (n < 20) return DIGIT_MS;
  if (n < 100) return TENS_WORD_MS + (n % 10 ? DIGIT_MS : 0);
  if (n < 1000) return DIGIT_MS * 2 + (n % 100 ? numberWordsMs(n % 100) : 0);
  if (n < 1_000_000)
    return numberWordsMs(Math.floor(n / 1000)) + DIGIT_MS + (n % 1000 ? numberWordsMs(n % 1000) : 0);
  return (
    numberWordsMs(Math.floor(n / 1_000_000)) + DIGIT_MS + (n % 1_000_000 ? numberWordsMs(n % 1_000_000) : 0)
  );
}

function readSoundFiles(
  base: string,
): { text: string | null; durationMs: number; lang: string | null } | null {
  let sidecar: SoundSidecar | null = null;
  try {
    sidecar = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as SoundSidecar;
  } catch {
    sidecar = null;
  }
  let audioMs: number | null = null;
  if (!sidecar || typeof sidecar.durationMs !== 'number') {
    audioMs = wavDurationMs(`${base}.wav`) ?? rawAudioDurationMs(base);
  }
  const durationMs = typeof sidecar?.durationMs === 'number' ? sidecar.durationMs : audioMs;
  if (durationMs === null) return null;
  return {
    text: typeof sidecar?.text === 'string' ? sidecar.text : null,
    durationMs: Math.max(0, Math.round(durationMs)),
    lang: typeof sidecar?.lang === 'string' ? sidecar.lang : null,
  };
}

function rawAudioDurationMs(base: string): number | null {
  for (const [ext, rate] of Object.entries(bytesPerSecond)) {
    try {
      return Math.round((statSync(`${base}.${ext}`).size / rate) * 1000);
    } catch {
      // try the next format
    }
  }
  return null;
}

/** Duration from a RIFF/WAVE header: the `data` chunk's size over the `fmt ` chunk's byte rate. */
export function wavDurationMs(path: string): number | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const size = statSync(path).size;
    const head = Buffer.alloc(12);
    if (readSync(fd, head, 0, 12, 0) < 12) return null;
    if (head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') return null;
    let offset = 12;
    let byteRate = 0;
    // chunk header (id, length) + the fmt fields up to byteRate
    const chunk = Buffer.alloc(20);
    while (offset + 8 <= size) {
      if (readSync(fd, chunk, 0, 20, offset) < 8) return null;
      const id = chunk.toString('ascii', 0, 4);
      const length = chunk.readUInt32LE(4);
      if (id === 'fmt ') byteRate = chunk.readUInt32LE(16);
      if (id === 'data') {
        if (byteRate <= 0) return null;
        const dataBytes = length === 0xffffffff || offset + 8 + length > size ? size - offset - 8 : length;
        return Math.round((dataBytes / byteRate) * 1000);
      }
      offset += 8 + length + (length % 2);
    }
    return null;
  } finally {
    closeSync(fd);
  }
}
