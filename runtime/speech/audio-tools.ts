/**
 * Running the audio tools (espeak-ng, sox) as child processes, with errors that say what to do.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { SpeechError } from './speech-error.ts';

export const INSTALL_HINT = 'install with: apt-get install -y espeak-ng sox';

/** sox output options for what Asterisk plays as `.wav`: 8 kHz, mono, 16-bit signed PCM. */
export const TELEPHONY_WAV = ['-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'wav'];

/** Resolves when `child` exits with 0; otherwise rejects with SpeechError carrying its stderr. */
export function waitForProcess(child: ChildProcess, tool: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 2000) stderr += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new SpeechError(`${tool} not found (${child.spawnfile}); ${INSTALL_HINT}`)
          : new SpeechError(`${tool} failed to start: ${error.message}`),
      );
    });
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new SpeechError(`${tool} exited with ${signal ?? code}: ${stderr.trim() || 'no message'}`));
    });
  });
}

/** Converts any audio file sox reads (wav, ogg, flac, …) to telephony WAV. */
export async function convertToTelephonyWav(soxPath: string, input: string, output: string): Promise<void> {
  const sox = spawn(soxPath, ['-V1', input, ...TELEPHONY_WAV, output], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await waitForProcess(sox, 'sox');
}

/** Checks that a tool starts (`<tool> --version`); rejects with the install hint when it does not. */
export async function checkTool(path: string, tool: string): Promise<void> {
  await waitForProcess(spawn(path, ['--version'], { stdio: ['ignore', 'ignore', 'pipe'] }), tool);
}
