/** A bare ARI client for simulator tests: fetch for REST, `ws` for the app's event stream. */
import { WebSocket } from 'ws';
import type { PbxSimulator } from '../../../telephony/simulator/index.ts';

export type AriEvent = Record<string, any>;

export interface RawApp {
  events: AriEvent[];
  types(): string[];
  close(): void;
}

export async function connectApp(sim: PbxSimulator, app = 'callflow'): Promise<RawApp> {
  const { user, password } = sim.credentials;
  const ws = new WebSocket(`ws://127.0.0.1:${sim.port}/ari/events?app=${app}&api_key=${user}:${password}`);
  const events: AriEvent[] = [];
  ws.on('message', (data) => events.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { events, types: () => events.map((e) => e.type), close: () => ws.close() };
}

export async function ari(
  sim: PbxSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const { user, password } = sim.credentials;
  const res = await fetch(`${sim.ariUrl}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Waits until the app has received an event matching `match` (events travel over a real socket). */
export async function eventually(
  app: RawApp,
  match: (e: AriEvent) => boolean,
  guardMs = 5000,
): Promise<AriEvent> {
  const deadline = Date.now() + guardMs;
  for (;;) {
    const found = app.events.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching event; got ${JSON.stringify(app.types())}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
