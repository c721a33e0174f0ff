/**
 * ARCHITECTURE decision 7 end to end through the server: a PIN typed in a simulated call (balance
 * by contract + PIN, account imported through the API) is in no table, no log line, no runtime
 * event, no WebSocket message and no API response — while the call itself works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CallEvent } from '../../../runtime/call-events.ts';
import { DEMO, type Harness, startServer, tableContents } from './support/server-harness.ts';

const PIN = '73915824';
const CONTRACT = '987654';

let h: Harness;
let url: string;
const events: CallEvent[] = [];

beforeAll(async () => {
  h = await startServer();
  h.wired.runtime.events.on((e) => events.push(e));
  url = (await h.wired.listen(0, '127.0.0.1')).url;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

function openSocket(token: string): Promise<{ messages: string[]; socket: WebSocket }> {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/api/ws?tenant=${DEMO}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const messages: string[] = [];
  socket.on('message', (data) => messages.push(data.toString()));
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => resolve({ messages, socket }));
  });
}

describe('a PIN typed in a simulated call', () => {
  it('gives the balance, and is nowhere: tables, logs, events, WebSocket, API responses', async () => {
    const admin = await h.as('admin');
    const analyst = await h.as('analyst');
    const supervisor = await h.as('supervisor');
    const imported = await h.request('POST', `/api/t/${DEMO}/customers/import?kind=accounts`, {
      token: admin,
      raw: `contract,pin,balance,currency\n${CONTRACT},${PIN},12.00,UAH\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(200);
    const ws = await openSocket(analyst);
    const wsSupervisor = await openSocket(supervisor);

    const placed = await h.request('POST', `/api/t/${DEMO}/sim/calls`, {
      token: analyst,
      body: { from: '+380501234567', to: '0800300400' },
    });
    expect(placed.status).toBe(201);
    const simId = placed.json.id as string;
    const callId = () => h.wired.deps.simulatedCalls!.get(DEMO, simId)!.callId;
    const waits = () =>
      events.filter((e) => e.callId === callId() && e.type === 'waiting' && e.for === 'keys').length;
    const responses: string[] = [placed.text];
    for (const [n, keys] of [
      [1, '3'],
      [2, `${CONTRACT}#`],
      [3, `${PIN}#`],
    ] as const) {
      await h.until(() => waits() >= n);
      const pressed = await h.request('POST', `/api/t/${DEMO}/sim/calls/${simId}/keys`, {
        token: analyst,
        body: { digits: keys },
      });
      expect(pressed.status).toBe(200);
      responses.push(pressed.text);
    }
    await h.until(() => events.some((e) => e.callId === callId() && e.type === 'call-ended'));
    await h.wired.callLog.flush();

    const heard = events.flatMap((e) => (e.callId === callId() && e.type === 'prompt' ? [e.text] : []));
    expect(heard).toContain('На вашем личном счету 12 гривен.');
    const call = await h.request('GET', `/api/t/${DEMO}/calls/${callId()}`, { token: supervisor });
    expect(call.json.keys).toEqual(['3', `${CONTRACT}#`, '••••••••#']);
    responses.push(
      call.text,
      (await h.request('GET', `/api/t/${DEMO}/sim/calls/${simId}`, { token: analyst })).text,
    );
    responses.push((await h.request('GET', `/api/t/${DEMO}/calls.csv`, { token: supervisor })).text);
    // Let the sockets receive what was sent.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ws.messages.some((m) => m.includes('"kind":"sim"'))).toBe(true);
    expect(wsSupervisor.messages.some((m) => m.includes('"kind":"call"'))).toBe(true);
    expect(wsSupervisor.messages.some((m) => m.includes('"kind":"sim"'))).toBe(false);
    ws.socket.close();
    wsSupervisor.socket.close();

    const places: Record<string, string> = {
      ...Object.fromEntries(
        Object.entries(await tableContents(h.db)).map(([table, text]) => [`table ${table}`, text]),
      ),
      'log lines': h.logger.lines.join('\n'),
      'runtime events': JSON.stringify(events),
      'WebSocket (analyst)': ws.messages.join('\n'),
      'WebSocket (supervisor)': wsSupervisor.messages.join('\n'),
      'API responses': responses.join('\n'),
    };
    expect(places['table call_log']).toContain(CONTRACT);
    for (const [where, text] of Object.entries(places))
      expect({ where, leaks: text.includes(PIN) }).toEqual({ where, leaks: false });
  }, 120_000);
});
