/**
 * TTS with Debian's espeak-ng, piped into sox for 8 kHz mono 16-bit WAV (what Asterisk plays as
 * `.wav` without transcoding), into the content-addressed cache of speech-cache.ts.
 *
 * Work is done once per text: results are remembered in memory, found on disk by a later process,
 * and concurrent requests for the same text share one synthesis (the in-flight map).
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkTool, TELEPHONY_WAV, waitForProcess } from './audio-tools.ts';
import { textForEspeak } from './espeak-text.ts';
import {
  readSidecar,
  type SpeechSidecar,
  speechId,
  speechPaths,
  temporaryPath,
  writeSidecar,
} from './speech-cache.ts';
import { SpeechError } from './speech-error.ts';
import type { SpeechLang } from './speech-language.ts';
import type { SynthResult, Tts } from './tts.ts';
import { wavDurationMs } from './wav.ts';

export interface EspeakTtsOptions {
  cacheDir: string;
  /** espeak-ng voice per language; default ru, uk, en. */
  voices?: Partial<Record<SpeechLang, string>>;
  /** Words per minute; espeak-ng's default 175 is brisk for a phone line. */
  speed?: number;
  /** Default: `espeak-ng` and `sox` from PATH (Debian puts them in /usr/bin). */
  espeakPath?: string;
  soxPath?: string;
}

/** Counters for tests and benchmarks: what a request cost. */
export interface EspeakStats {
  /** Texts synthesized (each spawns espeak-ng and sox). */
  synthesized: number;
  /** Child processes started. */
  processes: number;
  memoryHits: number;
  diskHits: number;
  /** Requests that joined a synthesis already under way. */
  joined: number;
}

/** Bump when the text adjustments or the sox options change: old cache entries then stop matching. */
const PIPELINE_VERSION = 1;

export class EspeakTts implements Tts {
  readonly cacheDir: string;
  private readonly voices: Record<SpeechLang, string>;
  private readonly speed: number;
  private readonly espeakPath: string;
  private readonly soxPath: string;
  private readonly results = new Map<string, SynthResult>();
  private readonly inFlight = new Map<string, Promise<SynthResult>>();
  private readonly counters: EspeakStats = {
    synthesized: 0,
    processes: 0,
    memoryHits: 0,
    diskHits: 0,
    joined: 0,
  };

  constructor(options: EspeakTtsOptions) {
    this.cacheDir = options.cacheDir;
    this.voices = { ru: 'ru', uk: 'uk', en: 'en', ...options.voices };
    this.speed = options.speed ?? 150;
    this.espeakPath = options.espeakPath ?? 'espeak-ng';
    this.soxPath = options.soxPath ?? 'sox';
  }

  /** Rejects with the install hint when espeak-ng or sox cannot be started. */
  async checkTools(): Promise<void> {
    await checkTool(this.espeakPath, 'espeak-ng');
    await checkTool(this.soxPath, 'sox');
  }

  stats(): EspeakStats {
    return { ...this.counters };
  }

  /** What the cache id covers besides lang and text: voice, speed, pipeline version. */
  voiceKey(lang: SpeechLang): string {
    return `espeak-ng/${this.voices[lang]}/s${this.speed}/v${PIPELINE_VERSION}`;
  }

  synthesize(text: string, lang: SpeechLang): Promise<SynthResult> {
    if (!(lang in this.voices)) return Promise.reject(new SpeechError(`no voice for language "${lang}"`));
    if (text.trim() === '') return Promise.reject(new SpeechError('nothing to synthesize: empty text'));
    const id = speechId(lang, this.voiceKey(lang), text);
    const known = this.results.get(id);
    if (known) {
      this.counters.memoryHits++;
      return Promise.resolve(known);
    }
    const running = this.inFlight.get(id);
    if (running) {
      this.counters.joined++;
      return running;
    }
    const work = this.loadOrSynthesize(id, text, lang).then(
      (result) => {
        this.results.set(id, result);
        this.inFlight.delete(id);
        return result;
      },
      (error: unknown) => {
        this.inFlight.delete(id);
        throw error;
      },
    );
    this.inFlight.set(id, work);
    return work;
  }

  private async loadOrSynthesize(id: string, text: string, lang: SpeechLang): Promise<SynthResult> {
    const paths = speechPaths(this.cacheDir, id);
    const sidecar = await readSidecar(this.cacheDir, id);
    if (sidecar?.audio && (await exists(paths.wav))) {
      this.counters.diskHits++;
      return { id, file: paths.wav, durationMs: sidecar.durationMs, media: paths.media };
    }
    await mkdir(dirname(paths.wav), { recursive: true });
    const temporary = temporaryPath(paths.wav);
    try {
      await this.runPipeline(textForEspeak(text, lang), this.voices[lang], temporary);
      await rename(temporary, paths.wav);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    const durationMs = wavDurationMs(await readFile(paths.wav));
    const record: SpeechSidecar = {
      id,
      text,
      lang,
      durationMs,
      voice: this.voiceKey(lang),
      kind: 'tts',
      audio: true,
    };
    await writeSidecar(this.cacheDir, record);
    this.counters.synthesized++;
    return { id, file: paths.wav, durationMs, media: paths.media };
  }

  /** espeak-ng --stdout | sox → output. Text goes through stdin: no quoting, no option injection. */
  private async runPipeline(text: string, voice: string, output: string): Promise<void> {
    const espeak = spawn(
      this.espeakPath,
      ['-v', voice, '-s', String(this.speed), '-b', '1', '--stdin', '--stdout'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const sox = spawn(this.soxPath, ['-V1', '-t', 'wav', '-', ...TELEPHONY_WAV, output], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    this.counters.processes += 2;
    // A dead reader makes the writer's pipe fail with EPIPE; the exit codes below report the cause.
    for (const stream of [espeak.stdin, espeak.stdout, sox.stdin]) stream?.on('error', () => {});
    espeak.stdout.pipe(sox.stdin);
    espeak.stdin.end(text, 'utf8');
    const [espeakDone, soxDone] = await Promise.allSettled([
      waitForProcess(espeak, 'espeak-ng').catch((error) => {
        sox.kill(); // sox would otherwise wait for input that never comes
        throw error;
      }),
      waitForProcess(sox, 'sox'),
    ]);
    if (espeakDone.status === 'rejected') throw espeakDone.reason;
    if (soxDone.status === 'rejected') throw soxDone.reason;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
