/**
 * Two runtime processes (child processes, support/cluster-node.ts) share one line on PostgreSQL,
 * each with its own PBX connection. Checked across both, from what each process reports:
 * - one operator never has two calls: the times each process rang an operator's phone (originate
 *   to the end of that leg) never overlap between or within the processes;
 * - no waiting caller is lost: every caller ends connected, timed out (the flow's max wait, where
 *   an overflow would go) or abandoned, and the shared tables end empty;
 * - a caller held by A is connected to an operator who turned Ready in B (A rings and bridges);
 * - a process killed with SIGKILL: its lease runs out, the other recovers its callers and its
 *   free operator, who then takes the survivor's next caller.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../runtime/acd/seeded-random.ts';
import { acdOperatorPresence, acdWaitingCallers } from '../../../runtime/store/schema/acd.ts';
import type { NodeCommand, NodeReport } from './support/cluster-node-protocol.ts';
import { DATABASE_URL, loudSkip, privateSchema } from './support/pg-acd.ts';

loudSkip('test/runtime/acd/cluster-pg.test.ts (two runtime processes handing callers over on PostgreSQL)');

const SCRIPT = fileURLToPath(new URL('./support/cluster-node.ts', import.meta.url));

interface Node {
  name: string;
  child: ChildProcess;
  send(command: NodeCommand): void;
}

describe.skipIf(!DATABASE_URL)('ACD cluster: two processes on PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof privateSchema>>;
  const reports: NodeReport[] = [];
  const nodes = new Map<string, Node>();

  async function start(name: string): Promise<Node> {
    const child = fork(SCRIPT, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DATABASE_URL, ACD_SCHEMA: schema.name, ACD_NODE: name },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (report: NodeReport) => reports.push(report));
    const node: Node = { name, child, send: (command) => child.send(command) };
    nodes.set(name, node);
    await until(() => reports.some((r) => r.ev === 'ready' && r.node === name), 60_000);
    return node;
  }

  beforeAll(async () => {
    schema = await privateSchema();
    await Promise.all([start('a'), start('b')]);
  }, 120_000);

  afterAll(async () => {
    for (const node of nodes.values()) {
      if (node.child.exitCode !== null || node.child.signalCode !== null) continue;
      const exited = new Promise((resolve) => node.child.once('exit', resolve));
      node.send({ cmd: 'quit' });
      await Promise.race([exited, sleep(10_000)]);
      node.child.kill('SIGKILL');
    }
    await schema?.drop();
  }, 60_000);

  const outcomes = () =>
    reports.filter((r): r is Extract<NodeReport, { ev: 'outcome' }> => r.ev === 'outcome');
  const outcomeOf = (id: string) => outcomes().find((o) => o.id === id);
  const node = (name: string) => nodes.get(name)!;

  it('a caller held by A is connected to an operator who turns Ready in B; A rings and bridges', async () => {
    // Boris, logged in at A and on a break, staffs the queue: callers wait rather than leave.
    node('a').send({ cmd: 'log-in', operator: 'boris', state: 'Break' });
    await sleep(300);
    node('a').send({ cmd: 'call', id: 'held-by-a', talkMs: 300 });
    await until(() => acdEvents('a').some((e) => e.type === 'caller-joined' && e.callId === 'held-by-a'));
    await sleep(500);
    expect(outcomeOf('held-by-a')).toBeUndefined();
    const readyAt = Date.now();
    node('b').send({ cmd: 'log-in', operator: 'anna', state: 'Ready' });
    await until(() => outcomeOf('held-by-a') !== undefined);
    expect(outcomeOf('held-by-a')).toMatchObject({ node: 'a', type: 'connected', operator: 'anna' });
    console.log(
      `hand-over: caller at A connected with B's operator ${outcomeOf('held-by-a')!.at - readyAt} ms after Ready`,
    );
    // Rings are reported when the operator's leg ends (the talk lasts 300 ms).
    await until(() => ringsOf('PJSIP/1001').length > 0);
    expect(ringsOf('PJSIP/1001').map((r) => [r.node, r.callId, r.answered])).toEqual([
      ['a', 'held-by-a', true],
    ]);
    // Anna's Ready was logged where she chose it (B), her call where it was taken (A).
    expect(stateChanges('b', 'anna').map((c) => c.to)).toEqual(['NotReady', 'Ready']);
    expect(stateChanges('a', 'anna').map((c) => c.to)).toContain('Busy');
  }, 60_000);

  it('under load, across both processes: one call per operator at a time, no caller lost', async () => {
    const random = seededRandom(5);
    node('a').send({ cmd: 'state', operator: 'boris', state: 'Ready' });
    node('a').send({ cmd: 'log-in', operator: 'vera', state: 'Ready' });
    node('b').send({ cmd: 'log-in', operator: 'gleb', state: 'Ready' });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const id = `load-${i}`;
      ids.push(id);
      const at = random() < 0.5 ? 'a' : 'b';
      const impatient = random() < 0.2;
      node(at).send({
        cmd: 'call',
        id,
        talkMs: 100 + Math.floor(random() * 300),
        patienceMs: impatient ? 200 + Math.floor(random() * 1_500) : undefined,
        maxWaitMs: random() < 0.3 ? 2_500 : undefined,
      });
      // Operators change their state meanwhile, through the process that does not own them.
      if (i === 20) node('b').send({ cmd: 'state', operator: 'vera', state: 'Lunch' });
      if (i === 35) node('a').send({ cmd: 'state', operator: 'vera', state: 'Ready' });
      if (i === 45) node('b').send({ cmd: 'state', operator: 'boris', state: 'Break' });
      await sleep(Math.floor(random() * 120));
    }
    node('a').send({ cmd: 'state', operator: 'boris', state: 'Ready' });
    await until(() => ids.every((id) => outcomeOf(id)), 90_000).catch(async (error) => {
      await explain(ids.filter((id) => !outcomeOf(id)));
      throw error;
    });

    // Every caller ended once: connected, timed out, or abandoned.
    const ended = ids.map((id) => outcomes().filter((o) => o.id === id));
    expect(ended.filter((list) => list.length !== 1)).toEqual([]);
    const byType = countBy(ids.map((id) => outcomeOf(id)!.type));
    expect(Object.keys(byType).filter((t) => !['connected', 'timeout', 'abandoned'].includes(t))).toEqual([]);
    expect(byType.connected).toBeGreaterThan(20);

    // Wait for the last talks and wrap-ups (rings are reported when the leg ends): no phone ever had two calls.
    await sleep(2_000);
    const overlaps: string[] = [];
    for (const endpoint of ['PJSIP/1001', 'PJSIP/1002', 'PJSIP/1003', 'PJSIP/1004']) {
      const rings = ringsOf(endpoint).sort((x, y) => x.start - y.start);
      for (let i = 1; i < rings.length; i++) {
        if (rings[i].start < rings[i - 1].end)
          overlaps.push(
            `${endpoint}: ${rings[i - 1].callId}@${rings[i - 1].node} and ${rings[i].callId}@${rings[i].node}`,
          );
      }
    }
    expect(overlaps).toEqual([]);
    // Each connected caller was rung and bridged by the process that held it.
    for (const id of ids.filter((x) => outcomeOf(x)!.type === 'connected')) {
      const answered = reports.filter((r) => r.ev === 'ring' && r.callId === id && r.answered);
      expect(answered.map((r) => r.node)).toEqual([outcomeOf(id)!.node]);
    }
    const { db } = schema.connect(1);
    expect(await db.select().from(acdWaitingCallers)).toEqual([]);
    const held = (await db.select().from(acdOperatorPresence)).filter((o) => o.callId !== null);
    expect(held).toEqual([]);
    const crossed = ids.filter((id) => {
      const o = outcomeOf(id)!;
      return o.type === 'connected' && ownerOfReady(o.operator!) !== o.node;
    });
    const warnings = countBy(
      reports.flatMap((r) =>
        r.ev === 'log' ? [String(JSON.parse(r.line.startsWith('{') ? r.line : '{}').message)] : [],
      ),
    );
    console.log(`log lines of both processes: ${JSON.stringify(warnings)}`);
    console.log(
      `two processes, 60 callers: ${JSON.stringify(byType)}; ${reports.filter((r) => r.ev === 'ring').length} rings, 0 overlaps;` +
        ` ${crossed.length} connected by a process other than the one where their operator last chose Ready`,
    );
  }, 180_000);

  it('a killed process: its lease runs out, its callers leave the line, its free operator serves on', async () => {
    for (const op of ['anna', 'boris', 'vera'])
      node('a').send({ cmd: 'state', operator: op, state: 'Break' });
    // Gleb's request at B makes him B's (he holds no call now).
    node('b').send({ cmd: 'state', operator: 'gleb', state: 'Break' });
    node('b').send({ cmd: 'state', operator: 'gleb', state: 'Ready' });
    const { db } = schema.connect(1);
    const presenceOf = async (id: string) =>
      (await db.select().from(acdOperatorPresence)).find((o) => o.operatorId === id)!;
    await until(async () => {
      const gleb = await presenceOf('gleb');
      return gleb.node === 'b' && gleb.state === 'Ready' && gleb.takesCalls;
    }).catch(async (error) => {
      console.log('gleb:', await presenceOf('gleb'));
      await explain([]);
      throw error;
    });
    // A caller waits at B in q2, which only Boris (on a break) serves.
    node('b').send({ cmd: 'call', id: 'dies-with-b', queue: 'q2', talkMs: 100 });
    await until(async () =>
      (await db.select().from(acdWaitingCallers)).some((c) => c.callId === 'dies-with-b'),
    );
    node('b').child.kill('SIGKILL');
    const killedAt = Date.now();
    await until(async () => (await db.select().from(acdWaitingCallers)).length === 0, 20_000);
    // A's report of the recovery comes over IPC after its transaction: wait for it rather than race
    // it. (On a loaded machine B may have been recovered before, alive, and registered again: the
    // recovery that matters is the one that took the caller.)
    const recoveredCaller = () =>
      reports.some(
        (r) =>
          r.ev === 'log' &&
          r.node === 'a' &&
          r.line.includes('lease ran out') &&
          JSON.stringify(r).includes('dies-with-b'),
      );
    await until(recoveredCaller, 20_000);
    await until(async () => {
      const gleb = await presenceOf('gleb');
      return gleb.state === 'Ready' && gleb.takesCalls && gleb.node === null;
    }, 20_000).catch(async (error) => {
      console.log('gleb after the recovery:', await presenceOf('gleb'));
      throw error;
    });
    node('a').send({ cmd: 'call', id: 'after-b', talkMs: 100 });
    await until(() => outcomeOf('after-b') !== undefined, 20_000);
    expect(outcomeOf('after-b')).toMatchObject({ node: 'a', type: 'connected', operator: 'gleb' });
    console.log(
      `B killed: recovered by A ${Date.now() - killedAt} ms later (lease 2 s), gleb served A's next caller`,
    );
  }, 60_000);

  // ---- helpers ----------------------------------------------------------------------------------

  /** What both processes and the shared tables say about callers without an outcome. */
  async function explain(missing: string[]): Promise<void> {
    const { db } = schema.connect(1);
    console.log('no outcome:', missing);
    console.log('waiting rows:', await db.select().from(acdWaitingCallers));
    console.log('presence:', await db.select().from(acdOperatorPresence));
    for (const r of reports) {
      const text = JSON.stringify(r);
      if (r.ev === 'log' || missing.some((id) => text.includes(`"${id}"`))) console.log(text);
    }
  }

  function acdEvents(at: string): Record<string, unknown>[] {
    return reports.flatMap((r) => (r.ev === 'acd' && r.node === at ? [r.event] : []));
  }

  function stateChanges(at: string, operator: string) {
    return acdEvents(at).filter((e) => e.type === 'operator-state' && e.operatorId === operator) as Array<{
      to: string;
    }>;
  }

  function ringsOf(endpoint: string) {
    return reports.flatMap((r) => (r.ev === 'ring' && r.endpoint === endpoint ? [r] : []));
  }

  /** The process where the operator last chose Ready (logged it). */
  function ownerOfReady(operator: string): string | undefined {
    const ready = reports.filter(
      (r) =>
        r.ev === 'acd' &&
        r.event.type === 'operator-state' &&
        r.event.operatorId === operator &&
        r.event.to === 'Ready',
    );
    return ready.at(-1)?.node;
  }
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(done: () => boolean | Promise<boolean>, limitMs = 30_000): Promise<void> {
  const stop = Date.now() + limitMs;
  while (!(await done())) {
    if (Date.now() > stop) throw new Error('condition not reached in time');
    await sleep(20);
  }
}
