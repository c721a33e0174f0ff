/**
 * The runtime's log seam. Messages are plain text plus fields; callers never pass secret values
 * (the session masks keys and resolves secrets only inside data operations).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { log() {} };

/** One JSON line per entry on stderr (stdout belongs to CLI output). */
export const consoleLogger: Logger = {
  log(level, message, fields) {
    process.stderr.write(
      `${JSON.stringify({ ...fields, time: new Date().toISOString(), level, message })}\n`,
    );
  },
};

/** Keeps every line, for tests that search the logs (for a PIN that must not be there). */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];

  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    this.lines.push(JSON.stringify({ ...fields, level, message }));
  }
}
