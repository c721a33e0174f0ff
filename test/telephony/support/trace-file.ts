/** Reads the golden traces (../shared/asterisk-ari/traces) and pairs each request with its response. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface TraceLine {
  t: number;
  dir: 'req' | 'res' | 'event';
  method?: string;
  path?: string;
  body?: unknown;
  status?: number;
  event?: Record<string, unknown>;
  conn?: string;
  id?: number;
}

export interface TraceExchange {
  req: TraceLine;
  res: TraceLine | null;
  /** The response came before the next request: the replay waits for it, as the recorder did. */
  awaited: boolean;
  isWebSocket: boolean;
}

const repoRoot = resolve(import.meta.dirname, '../../..');
export const tracesDir = resolve(repoRoot, '../shared/asterisk-ari/traces');

export function traceFiles(): string[] {
  if (!existsSync(tracesDir)) {
    throw new Error(
      `golden traces not found at ${tracesDir}: the fidelity tests need ../shared/asterisk-ari/traces`,
    );
  }
  const files = readdirSync(tracesDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  if (files.length === 0) throw new Error(`no *.jsonl traces in ${tracesDir}`);
  return files;
}

export function loadTrace(file: string): TraceLine[] {
  return readFileSync(join(tracesDir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TraceLine);
}

/** Pairs requests and responses: by `id` (trace 11), by `conn` (10), else the next response. */
export function exchanges(lines: TraceLine[]): TraceExchange[] {
  const result: TraceExchange[] = [];
  const used = new Set<number>();
  lines.forEach((line, i) => {
    if (line.dir !== 'req') return;
    let resIndex = -1;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      if (l.dir !== 'res' || used.has(j)) continue;
      if (
        line.id !== undefined
          ? l.id === line.id
          : line.conn !== undefined
            ? l.conn === line.conn
            : l.id === undefined && l.conn === undefined
      ) {
        resIndex = j;
        break;
      }
    }
    if (resIndex >= 0) used.add(resIndex);
    const nextReq = lines.findIndex((l, j) => j > i && l.dir === 'req');
    result.push({
      req: line,
      res: resIndex >= 0 ? lines[resIndex] : null,
      awaited: resIndex >= 0 && (nextReq < 0 || resIndex < nextReq),
      isWebSocket: (line.path ?? '').startsWith('/ari/events'),
    });
  });
  return result;
}
