/**
 * Workspace prompts by name (`callflow.workspace.json` → `prompts`): an uploaded recording overrides
 * the prompt's text; otherwise the text is synthesized. Recordings are brought into the speech cache
 * as telephony WAV (copied when they already are 8 kHz mono 16-bit, converted by sox otherwise)
 * under the hash of their bytes, so they play as `sound:callflow/<id>` like synthesized prompts.
 *
 * Build one library per workspace version: a recording is read once per library, so a re-upload
 * under the same file name is seen by the next workspace version's library.
 */
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { convertToTelephonyWav } from './audio-tools.ts';
import {
  readSidecar,
  speechPaths,
  temporaryPath,
  uploadId,
  writeAtomically,
  writeSidecar,
} from './speech-cache.ts';
import { SpeechError } from './speech-error.ts';
import type { SpeechLang } from './speech-language.ts';
import type { SynthResult, Tts } from './tts.ts';
import { isTelephonyWav, parseWavHeader, wavDurationMs } from './wav.ts';

/** Same shape as the workspace's prompt entries (language/workspace.ts `promptSchema`). */
export interface PromptEntry {
  /** A recording, relative to `baseDir`. */
  file?: string;
  text?: string;
}

export interface PromptLibraryOptions {
  prompts: Record<string, PromptEntry>;
  /** The folder `file` paths are relative to (the workspace's folder). */
  baseDir: string;
  tts: Tts;
  cacheDir: string;
  soxPath?: string;
}

export class PromptLibrary {
  private readonly uploads = new Map<string, Promise<SynthResult>>();

  constructor(private readonly options: PromptLibraryOptions) {}

  has(name: string): boolean {
    return Object.hasOwn(this.options.prompts, name);
  }

  /** The prompt's text, for transcripts and for synthesis; undefined for a recording without text. */
  text(name: string): string | undefined {
    return this.has(name) ? this.options.prompts[name].text : undefined;
  }

  /** True when the prompt plays an uploaded recording rather than synthesized text. */
  hasRecording(name: string): boolean {
    return this.has(name) && this.options.prompts[name].file !== undefined;
  }

  /** The audio of a prompt: its recording if it has one, else its text synthesized in `lang`. */
  resolve(name: string, lang: SpeechLang): Promise<SynthResult> {
    if (!this.has(name)) return Promise.reject(new SpeechError(`unknown prompt "${name}"`));
    const entry = this.options.prompts[name];
    if (entry.file !== undefined) {
      const key = `${name}\n${lang}`;
      let upload = this.uploads.get(key);
      if (!upload) {
        upload = this.importRecording(name, entry.file, entry.text, lang);
        upload.catch(() => this.uploads.delete(key)); // a failed import is retried next time
        this.uploads.set(key, upload);
      }
      return upload;
    }
    if (entry.text === undefined || entry.text.trim() === '') {
      return Promise.reject(new SpeechError(`prompt "${name}" has neither a recording nor text`));
    }
    return this.options.tts.synthesize(entry.text, lang);
  }

  private async importRecording(
    name: string,
    file: string,
    text: string | undefined,
    lang: SpeechLang,
  ): Promise<SynthResult> {
    const { cacheDir, baseDir, soxPath = 'sox' } = this.options;
    const source = resolve(baseDir, file);
    let bytes: Buffer;
    try {
      bytes = await readFile(source);
    } catch (error) {
      throw new SpeechError(
        `prompt "${name}": cannot read the recording ${source}: ${(error as Error).message}`,
      );
    }
    const id = uploadId(bytes);
    const paths = speechPaths(cacheDir, id);
    const known = await readSidecar(cacheDir, id);
    if (known) return { id, file: paths.wav, durationMs: known.durationMs, media: paths.media };

    if (isTelephonyWavBytes(bytes)) {
      await writeAtomically(paths.wav, bytes);
    } else {
      await mkdir(dirname(paths.wav), { recursive: true });
      const temporary = temporaryPath(paths.wav);
      try {
        await convertToTelephonyWav(soxPath, source, temporary);
        await rename(temporary, paths.wav);
      } catch (error) {
        await rm(temporary, { force: true });
        throw new SpeechError(`prompt "${name}": cannot convert ${source}: ${(error as Error).message}`);
      }
    }
    const durationMs = wavDurationMs(await readFile(paths.wav));
    await writeSidecar(cacheDir, {
      id,
      text: text ?? `[${name}]`,
      lang,
      durationMs,
      voice: 'upload',
      kind: 'upload',
      audio: true,
    });
    return { id, file: paths.wav, durationMs, media: paths.media };
  }
}

function isTelephonyWavBytes(bytes: Uint8Array): boolean {
  try {
    return isTelephonyWav(parseWavHeader(bytes));
  } catch {
    return false; // not a WAV (ogg, flac, …): sox converts it
  }
}
