/**
 * The content-addressed prompt cache every TTS and the prompt library write into, and every reader
 * (PBX simulator, studio's `/api/prompts/<id>.wav`) finds files in by id:
 *
 *   <cacheDir>/callflow/<id>.wav    8 kHz mono 16-bit WAV (absent for text-only synthesis)
 *   <cacheDir>/callflow/<id>.json   sidecar: what the caller hears and for how long
 *
 * Point `cacheDir` at Asterisk's sounds directory (or mount it there) and the media URI
 * `sound:callflow/<id>` plays the file. Files are written to a temporary name and renamed, and the
 * sidecar is written last, so a sidecar always means the audio is complete.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { SpeechLang } from './speech-language.ts';

/**
 * The cache dir every part of one installation shares (runtime, PBX simulator, studio server):
 * `CALLFLOW_SPEECH_DIR`, else `data/speech` under the working directory.
 */
export function defaultSpeechCacheDir(env: Record<string, string | undefined> = process.env): string {
  return resolve(env.CALLFLOW_SPEECH_DIR?.trim() || join('data', 'speech'));
}

/** The folder under the cache dir, and the `sound:` prefix Asterisk resolves to it. */
export const SPEECH_FOLDER = 'callflow';

/** An id is the first 16 hex digits of a SHA-256: 64 bits, no collisions at any realistic prompt count. */
export const SPEECH_ID_PATTERN = /^[0-9a-f]{16}$/;

export interface SpeechSidecar {
  id: string;
  /** What the caller hears, as text (for an upload: the prompt's text, or `[name]`). */
  text: string;
  lang: SpeechLang;
  durationMs: number;
  /** `espeak-ng/ru/...`, `text`, or `upload`. */
  voice: string;
  kind: 'tts' | 'text' | 'upload';
  /** False for text-only synthesis: there is no `.wav`. */
  audio: boolean;
}

export interface SpeechPaths {
  wav: string;
  json: string;
  media: string;
}

/** Id of a synthesized text. Fields are joined with newlines so «ru»+«x y» and «ru x»+«y» differ. */
export function speechId(lang: string, voice: string, text: string): string {
  return createHash('sha256').update(`${lang}\n${voice}\n${text}`).digest('hex').slice(0, 16);
}

/** Id of uploaded audio: the hash of its bytes, so a re-upload with changes gets a new id. */
export function uploadId(bytes: Uint8Array): string {
  return createHash('sha256').update('upload\n').update(bytes).digest('hex').slice(0, 16);
}

/** Paths of an id in the cache. Throws on anything but a well-formed id (ids arrive in URLs). */
export function speechPaths(cacheDir: string, id: string): SpeechPaths {
  if (!SPEECH_ID_PATTERN.test(id)) throw new Error(`not a prompt id: ${JSON.stringify(id)}`);
  const folder = join(resolve(cacheDir), SPEECH_FOLDER);
  return {
    wav: join(folder, `${id}.wav`),
    json: join(folder, `${id}.json`),
    media: `sound:${SPEECH_FOLDER}/${id}`,
  };
}

/** The id inside a `sound:callflow/<id>` media URI, or null for any other media. */
export function speechIdFromMedia(media: string): string | null {
  const match = /^sound:callflow\/([0-9a-f]{16})$/.exec(media);
  return match ? match[1] : null;
}

/** The sidecar of an id, or null when it is not in the cache. */
export async function readSidecar(cacheDir: string, id: string): Promise<SpeechSidecar | null> {
  try {
    return JSON.parse(await readFile(speechPaths(cacheDir, id).json, 'utf8')) as SpeechSidecar;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function writeSidecar(cacheDir: string, sidecar: SpeechSidecar): Promise<void> {
  await writeAtomically(speechPaths(cacheDir, sidecar.id).json, `${JSON.stringify(sidecar, null, 2)}\n`);
}

/** Writes through a temporary file in the same folder and renames it into place. */
export async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryPath(path);
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/** A name next to `path` that no other writer (process or concurrent call) uses. */
export function temporaryPath(path: string): string {
  return `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}
