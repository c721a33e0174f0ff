/**
 * One runtime process of the ACD cluster, for test/runtime/acd/cluster-pg.test.ts: its own PBX
 * simulator and ARI connection (its callers' channels are its own), its own connection pool and
 * LISTEN connection to the shared PostgreSQL schema, real time. The test drives it over IPC
 * (place a call, an operator's request) and hears back outcomes, ACD events, and every time this
 * process rang an operator's phone (from the originate to the end of that leg), so it can check
 * across both processes that no phone ever had two calls.
 *
 * Run: node --import tsx cluster-node.ts, with DATABASE_URL, ACD_SCHEMA and ACD_NODE set.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { CallerLeftQueue } from '../../../../runtime/acd/acd-call.ts';
import { AcdService } from '../../../../runtime/acd/acd-service.ts';
import { defaultQueue } from '../../../../runtime/acd/queue-model.ts';
import { RealClock } from '../../../../runtime/clock.ts';
import type { Logger } from '../../../../runtime/logger.ts';
import { PgAcdCoordinator } from '../../../../runtime/store/acd-coordinator-pg.ts';
import { AriAdapter } from '../../../../telephony/ari-adapter.ts';
import type { PbxPort } from '../../../../telephony/pbx-port.ts';
import { startPbxSimulator } from '../../../../telephony/simulator/index.ts';
import {
  CLUSTER_OPERATORS,
  CLUSTER_TENANT,
  type NodeCommand,
  type NodeReport,
} from './cluster-node-protocol.ts';

const node = process.env.ACD_NODE!;
const send = (report: NodeReport) => process.send?.(report);

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL!;
  const schema = process.env.ACD_SCHEMA!;
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  const logger: Logger = {
    log(level, message, fields) {
      if (level !== 'debug') send({ ev: 'log', node, line: JSON.stringify({ level, message, ...fields }) });
    },
  };
  const clock = new RealClock();
  const coordinator = new PgAcdCoordinator(drizzle(pool), Date.now, {
    channel: schema,
    listenUrl: url,
    logger,
  });
  const sim = await startPbxSimulator({ clock });
  for (const op of CLUSTER_OPERATORS)
    sim.control.defineOperator(`PJSIP/${op.extension}`, { type: 'answer-after', delayMs: 100 });
  const adapter = new AriAdapter({
    url: sim.ariUrl,
    username: sim.credentials.user,
    password: sim.credentials.password,
    app: 'callflow',
    log: () => {},
  });
  const pending = new Map<string, (channelId: string) => void>();
  await adapter.start((call) => pending.get(call.callerNumber)?.(call.channelId));
  const acd = new AcdService({
    pbx: recordingRings(adapter),
    clock,
    logger,
    cluster: { node, coordinator, sweepMs: 300, leaseMs: 2_000 },
  });
  acd.configureTenant({
    tenant: CLUSTER_TENANT,
    queues: [
      defaultQueue('q', { wrapUpMs: 100, ringTimeoutMs: 5_000 }),
      defaultQueue('q2', { wrapUpMs: 100 }),
    ],
    operators: CLUSTER_OPERATORS.map(({ id, queues }) => ({ id, queues })),
  });
  acd.onEvent((event) => {
    if (event.type !== 'operator-state' || !event.mirrored) send({ ev: 'acd', node, event: { ...event } });
  });
  await acd.start();

  async function call(c: Extract<NodeCommand, { cmd: 'call' }>): Promise<void> {
    const channelId = await new Promise<string>((resolve) => {
      pending.set(c.id, resolve);
      sim.control.placeCall({ from: c.id, to: '0800300400' });
    });
    pending.delete(c.id);
    await adapter.answer(channelId);
    const giveUp =
      c.patienceMs === undefined ? null : setTimeout(() => sim.control.hangup(channelId), c.patienceMs);
    const outcome = await acd
      .enqueue({
        callId: c.id,
        tenant: CLUSTER_TENANT,
        channelId,
        caller: { number: c.id, name: null },
        queue: c.queue ?? 'q',
        priority: 0,
        skills: [],
        maxWaitMs: c.maxWaitMs ?? null,
        announceEveryMs: null,
        music: null,
        announce: null,
      })
      .catch((error) =>
        error instanceof CallerLeftQueue ? ({ type: 'abandoned' } as const) : Promise.reject(error),
      );
    if (giveUp) clearTimeout(giveUp);
    send({ ev: 'outcome', node, id: c.id, ...outcome, at: Date.now() });
    if (outcome.type === 'connected') setTimeout(() => sim.control.hangup(channelId), c.talkMs);
    else if (outcome.type !== 'abandoned') sim.control.hangup(channelId);
  }

  process.on('message', (command: NodeCommand) => {
    try {
      if (command.cmd === 'call')
        void call(command).catch((error) => logger.log('error', 'call failed', { error: String(error) }));
      else if (command.cmd === 'log-in') {
        const op = CLUSTER_OPERATORS.find((o) => o.id === command.operator)!;
        acd.logIn(CLUSTER_TENANT, op.id, op.extension);
        acd.setState(CLUSTER_TENANT, op.id, command.state);
      } else if (command.cmd === 'state') acd.setState(CLUSTER_TENANT, command.operator, command.state);
      else if (command.cmd === 'quit') {
        void (async () => {
          await acd.stop();
          await adapter.stop();
          await sim.close();
          await pool.end();
          process.exit(0);
        })();
      }
    } catch (error) {
      logger.log('error', 'command failed', { command: command.cmd, error: String(error) });
    }
  });
  send({ ev: 'ready', node });
}

/** The PBX port with every ring of an operator reported: from the originate to the end of the leg. */
function recordingRings(port: AriAdapter): PbxPort {
  const originate: PbxPort['originate'] = async (request) => {
    const start = Date.now();
    const callId = request.variables?.CALLFLOW_CALL_ID ?? '';
    const outcome = await port.originate(request);
    const report = (answered: boolean) =>
      send({ ev: 'ring', node, endpoint: request.endpoint, callId, start, end: Date.now(), answered });
    if (outcome.type !== 'answered') report(false);
    else {
      const off = port.subscribe(outcome.channelId, (event) => {
        if (event.type !== 'hangup') return;
        off();
        report(true);
      });
    }
    return outcome;
  };
  return new Proxy(port, {
    get(target, prop, receiver) {
      if (prop === 'originate') return originate;
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as PbxPort;
}

void main().catch((error) => {
  send({ ev: 'log', node, line: `fatal: ${String(error)}` });
  process.exit(1);
});
