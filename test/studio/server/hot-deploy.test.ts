/**
 * Hot deploy under load (ARCHITECTURE decision 6), on the real path: calls placed through the
 * simulated-call API on the PBX simulator, answered by the runtime over the ARI adapter, on
 * virtual time. 200 calls wait in a prompt on v1 while v2 is deployed: none is dropped or fails,
 * each finishes on v1, calls placed afterwards run v2, and after a rollback new calls run v1 again.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../runtime/call-events.ts';
import { sqlRows } from '../../../runtime/store/database.ts';
import { DEMO, type Harness, startServer } from './support/server-harness.ts';

const NAME = 'Горячая линия';
const NUMBER = '0800111000';
const version = (n: number) => `flow "${NAME}"
  answers "${NUMBER}"
  language ru

  say "Версия ${n}: добрый день."
  ask code = digits 1..1 timeout 30s
    prompt "Нажмите любую цифру."
  say "Версия ${n}: до свидания."
  hangup
`;

let h: Harness;
let admin: string;
let analyst: string;
const events: CallEvent[] = [];

beforeAll(async () => {
  h = await startServer();
  h.wired.runtime.events.on((e) => events.push(e));
  admin = await h.as('admin');
  analyst = await h.as('analyst');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

interface Placed {
  simId: string;
  callId: string;
}

async function deploy(n: number): Promise<void> {
  const reply = await h.request('POST', `/api/t/${DEMO}/flows/${encodeURIComponent(NAME)}/deploy`, {
    token: admin,
    body: { source: version(n) },
  });
  expect(reply.status, reply.text).toBe(201);
}

/** Places `count` calls through the API and waits until each waits for a key. */
async function placeCalls(count: number): Promise<Placed[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const reply = await h.request('POST', `/api/t/${DEMO}/sim/calls`, {
      token: analyst,
      body: { from: `+38050${1000000 + i}`, to: NUMBER },
    });
    expect(reply.status).toBe(201);
    ids.push(reply.json.id);
  }
  const calls = () => ids.map((id) => h.wired.deps.simulatedCalls!.get(DEMO, id)!);
  const waiting = (callId: string | null) =>
    callId !== null && events.some((e) => e.callId === callId && e.type === 'waiting' && e.for === 'keys');
  await h.until(() => calls().every((c) => waiting(c.callId)));
  return calls().map((c) => ({ simId: c.id, callId: c.callId! }));
}

async function pressAndFinish(calls: Placed[]): Promise<void> {
  for (const call of calls) {
    const reply = await h.request('POST', `/api/t/${DEMO}/sim/calls/${call.simId}/keys`, {
      token: analyst,
      body: { digits: '5' },
    });
    expect(reply.status).toBe(200);
  }
  const ended = (callId: string) => events.some((e) => e.callId === callId && e.type === 'call-ended');
  await h.until(() => calls.every((c) => ended(c.callId)));
}

const heard = (callId: string) =>
  events.flatMap((e) => (e.callId === callId && e.type === 'prompt' ? [e.text] : []));

async function storedCalls(
  ids: string[],
): Promise<Map<string, { flow_version: number; outcome: string; errors: unknown[] }>> {
  await h.wired.callLog.flush();
  const rows = await sqlRows<{ call_id: string; flow_version: number; outcome: string; errors: unknown[] }>(
    h.db,
    sql`select call_id, flow_version, outcome, errors from call_log where dialled = ${NUMBER}`,
  );
  const byId = new Map(rows.map(({ call_id, ...rest }) => [call_id, rest]));
  return new Map(ids.map((id) => [id, byId.get(id)!]));
}

describe('deploying v2 while 200 calls are on v1', () => {
  it('drops none, finishes them on v1, sends new calls to v2, and rollback sends new calls to v1', async () => {
    await deploy(1);
    const onV1 = await placeCalls(200);
    expect(h.wired.runtime.activeCalls()).toBe(200);

    await deploy(2);
    expect(h.wired.deployments.activeHere(DEMO, NAME)?.version).toBe(2);
    const onV2 = await placeCalls(20);
    await pressAndFinish([...onV1, ...onV2]);

    for (const call of onV1)
      expect(heard(call.callId)).toEqual([
        'Версия 1: добрый день.',
        'Нажмите любую цифру.',
        'Версия 1: до свидания.',
      ]);
    for (const call of onV2)
      expect(heard(call.callId)).toEqual([
        'Версия 2: добрый день.',
        'Нажмите любую цифру.',
        'Версия 2: до свидания.',
      ]);
    const stored = await storedCalls([...onV1, ...onV2].map((c) => c.callId));
    for (const call of onV1)
      expect(stored.get(call.callId)).toEqual({ flow_version: 1, outcome: 'completed', errors: [] });
    for (const call of onV2)
      expect(stored.get(call.callId)).toEqual({ flow_version: 2, outcome: 'completed', errors: [] });
    expect(events.filter((e) => e.type === 'error')).toEqual([]);

    const rolledBack = await h.request('POST', `/api/t/${DEMO}/flows/${encodeURIComponent(NAME)}/rollback`, {
      token: admin,
      body: {},
    });
    expect(rolledBack.json).toMatchObject({ version: 1, previous: 2 });
    const afterRollback = await placeCalls(20);
    await pressAndFinish(afterRollback);
    for (const call of afterRollback) expect(heard(call.callId)[0]).toBe('Версия 1: добрый день.');
    const storedAfter = await storedCalls(afterRollback.map((c) => c.callId));
    for (const call of afterRollback)
      expect(storedAfter.get(call.callId)).toEqual({ flow_version: 1, outcome: 'completed', errors: [] });
    expect(h.wired.runtime.activeCalls()).toBe(0);
  }, 600_000);
});
