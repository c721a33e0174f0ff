/**
 * Replays a golden trace's requests against a fresh simulator on a virtual clock: each request is sent
 * at its recorded time (the clock is advanced to it first, firing whatever falls due), recorded ids
 * are rewritten to the simulator's, and every response and WebSocket event is collected for comparison.
 */
import { WebSocket } from 'ws';
import { startPbxSimulator, traceDialplan, VirtualClock } from '../../../telephony/simulator/index.ts';
import { IdMapper } from './id-mapper.ts';
import { exchanges, type TraceExchange, type TraceLine } from './trace-file.ts';

export type AriEvent = Record<string, unknown>;

export interface ActualResponse {
  status: number;
  body: unknown;
}

export interface ReplayOutcome {
  exchanges: TraceExchange[];
  responses: Map<TraceExchange, ActualResponse>;
  /** Events per `<connection>|<application>`, recorded and actual. */
  recordedStreams: Map<string, AriEvent[]>;
  actualStreams: Map<string, AriEvent[]>;
  mapper: IdMapper;
}

export interface ReplayHints {
  /** Sockets the recorder closed without a trace line (10: the second socket, before t=4327). */
  closeSockets?: Array<{ beforeT: number; conn: string }>;
}

const PASSWORD = 'asterisk';

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function push(streams: Map<string, AriEvent[]>, key: string, event: AriEvent): void {
  const list = streams.get(key) ?? [];
  list.push(event);
  streams.set(key, list);
}

const timestampMs = (ts: string) => Date.parse(ts.replace(/\+0000$/, 'Z'));

export async function replay(lines: TraceLine[], hints: ReplayHints = {}): Promise<ReplayOutcome> {
  const firstEvent = lines.find((l) => l.dir === 'event' && typeof l.event?.timestamp === 'string');
  const start = firstEvent
    ? timestampMs(String(firstEvent.event!.timestamp)) - firstEvent.t
    : Date.UTC(2026, 10, 23);
  const clock = new VirtualClock(start);
  const sim = await startPbxSimulator({ clock, dialplan: traceDialplan('callflow') });
  const mapper = new IdMapper();
  const stopObserving = sim.world.bus.observe((_app, event) => mapper.seeActual(event));
  const outcome: ReplayOutcome = {
    exchanges: exchanges(lines),
    responses: new Map(),
    recordedStreams: new Map(),
    actualStreams: new Map(),
    mapper,
  };
  const sockets = new Map<string, WebSocket>();
  const pendingResponses: Promise<void>[] = [];
  let restSent = 0;
  const closeHints = [...(hints.closeSockets ?? [])];

  for (const line of lines) {
    if (line.dir === 'event') {
      mapper.seeRecorded(line.event);
      push(outcome.recordedStreams, `${line.conn ?? 'main'}|${line.event?.application}`, line.event!);
      continue;
    }
    if (line.dir === 'res') {
      mapper.seeRecorded(line.body);
      continue;
    }
    for (const hint of closeHints.filter((h) => h.beforeT <= line.t)) {
      closeHints.splice(closeHints.indexOf(hint), 1);
      const ws = sockets.get(hint.conn);
      const before = sim.eventSocketCount();
      ws?.close();
      while (ws && sim.eventSocketCount() >= before) await new Promise((r) => setTimeout(r, 2));
    }
    clock.advanceTo(start + line.t);
    const exchange = outcome.exchanges.find((x) => x.req === line)!;
    const path = mapper.rewriteRecorded(String(line.path)).replace('REDACTED', PASSWORD);
    if (exchange.isWebSocket) {
      const conn = line.conn ?? 'main';
      const ws = new WebSocket(`ws://127.0.0.1:${sim.port}${path}`);
      ws.on('message', (data) => {
        const event = JSON.parse(String(data)) as AriEvent;
        push(outcome.actualStreams, `${conn}|${event.application}`, event);
      });
      ws.on('error', () => {});
      outcome.responses.set(
        exchange,
        await new Promise<ActualResponse>((resolve) => {
          ws.on('open', () => {
            sockets.set(conn, ws);
            resolve({ status: 101, body: null });
          });
          ws.on('unexpected-response', (_req, res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: parseBody(text) }));
          });
        }),
      );
      continue;
    }
    const headers: Record<string, string> = {};
    const unauthenticated = exchange.res?.status === 401 || path.includes('api_key=');
    if (!unauthenticated)
      headers.authorization = `Basic ${Buffer.from(`asterisk:${PASSWORD}`).toString('base64')}`;
    let body: string | undefined;
    if (line.body !== null && line.body !== undefined) {
      body = mapper.rewriteRecorded(JSON.stringify(line.body));
      headers['content-type'] = 'application/json';
    }
    const done = fetch(`http://127.0.0.1:${sim.port}${path}`, { method: line.method, headers, body }).then(
      async (res) => {
        const parsed = parseBody(await res.text());
        mapper.seeActual(parsed);
        outcome.responses.set(exchange, { status: res.status, body: parsed });
      },
    );
    restSent++;
    await sim.whenRequestsHandled(restSent);
    if (exchange.awaited) await done;
    else pendingResponses.push(done);
  }

  const last = lines[lines.length - 1];
  clock.advanceTo(start + last.t + 1);
  await Promise.all(pendingResponses);
  for (const ws of sockets.values()) {
    if (ws.readyState !== WebSocket.OPEN) continue;
    await new Promise<void>((resolve) => {
      ws.once('pong', () => resolve());
      ws.ping();
    });
  }
  stopObserving();
  for (const ws of sockets.values()) ws.terminate();
  await sim.close();
  return outcome;
}
