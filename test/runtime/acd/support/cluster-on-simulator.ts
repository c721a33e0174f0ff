/**
 * Two (or more) runtime processes' ACDs in one test process, on one virtual clock: each with its
 * own PBX simulator and ARI connection (a process holds its callers' channels on its own
 * connection), all sharing one coordinator — the in-memory one, whose messages behave like NOTIFY.
 * Operators' phones exist on every simulator: whichever process rings them reaches them.
 */
import type { QueueRequest } from '../../../../runtime/acd/acd.ts';
import { AcdService } from '../../../../runtime/acd/acd-service.ts';
import type { ClusterCoordinator } from '../../../../runtime/acd/coordinator.ts';
import { MemoryCoordinator } from '../../../../runtime/acd/memory-coordinator.ts';
import type { OperatorConfig } from '../../../../runtime/acd/operator.ts';
import { defaultQueue, type QueueDefinition } from '../../../../runtime/acd/queue-model.ts';
import { InMemoryStateLog } from '../../../../runtime/acd/state-log.ts';
import { VirtualClock } from '../../../../runtime/clock.ts';
import { MemoryLogger } from '../../../../runtime/logger.ts';
import { settleIo } from '../../../../runtime/settle-io.ts';
import { AriAdapter } from '../../../../telephony/ari-adapter.ts';
import type { InboundCall } from '../../../../telephony/pbx-port.ts';
import {
  type OperatorBehaviour,
  type PbxSimulator,
  startPbxSimulator,
} from '../../../../telephony/simulator/index.ts';
import { queueRequest, TENANT } from './acd-on-simulator.ts';

export { TENANT };

export interface ClusterSimOptions {
  nodes: string[];
  queues: Array<Partial<QueueDefinition> & { name: string }>;
  operators: Array<OperatorConfig & { extension: string; phone: OperatorBehaviour }>;
  sweepMs?: number;
  leaseMs?: number;
}

export interface SimNode {
  name: string;
  acd: AcdService;
  sim: PbxSimulator;
  adapter: AriAdapter;
  stateLog: InMemoryStateLog;
  logger: MemoryLogger;
  inbound: InboundCall[];
}

export async function clusterOnSimulator(options: ClusterSimOptions) {
  const nodes: SimNode[] = [];
  let handled = -1;
  const clock = new VirtualClock({
    start: '2026-01-05T09:00:00Z',
    settle: () =>
      settleIo({
        busy: () => {
          const now = nodes.reduce((n, x) => n + x.sim.requestsHandled() + x.sim.world.bus.sent, 0);
          const moved = now !== handled;
          handled = now;
          return moved || nodes.some((x) => x.acd.busy());
        },
        quietMs: 4,
        maxWaitMs: 3_000,
      }),
  });
  const coordinator = new MemoryCoordinator(() => clock.now());
  for (const name of options.nodes) nodes.push(await startNode(name, coordinator));

  async function startNode(name: string, shared: ClusterCoordinator): Promise<SimNode> {
    const sim = await startPbxSimulator({ clock });
    for (const op of options.operators) sim.control.defineOperator(`PJSIP/${op.extension}`, op.phone);
    const adapter = new AriAdapter({
      url: sim.ariUrl,
      username: 'asterisk',
      password: 'asterisk',
      app: 'callflow',
      log: () => {},
    });
    const inbound: InboundCall[] = [];
    await adapter.start((call) => inbound.push(call));
    const stateLog = new InMemoryStateLog();
    const logger = new MemoryLogger();
    const acd = new AcdService({
      pbx: adapter,
      clock,
      stateLog,
      logger,
      cluster: {
        node: name,
        coordinator: shared,
        sweepMs: options.sweepMs ?? 2_000,
        leaseMs: options.leaseMs ?? 15_000,
      },
    });
    acd.configureTenant({
      tenant: TENANT,
      queues: options.queues.map((q) => defaultQueue(q.name, q)),
      operators: options.operators.map(({ phone: _p, extension: _e, ...config }) => config),
    });
    await acd.start();
    return { name, acd, sim, adapter, stateLog, logger, inbound };
  }

  const node = (name: string) => nodes.find((n) => n.name === name)!;
  const h = {
    clock,
    coordinator,
    node,
    /** Places a call on a node's PBX and answers it, as a session would before queueing. */
    async caller(at: string, from = '0501234567') {
      const n = node(at);
      const simCall = n.sim.control.placeCall({ from, to: '0800300400' });
      await h.until(() => n.inbound.some((c) => c.channelId === simCall.id));
      await n.adapter.answer(simCall.id);
      await clock.advance(0);
      return simCall;
    },
    /** Each simulator numbers its channels alike: the call id names the node too, as ids are unique. */
    request(at: string, channelId: string, queue: string, extra: Partial<QueueRequest> = {}): QueueRequest {
      return queueRequest(`${at}-${channelId}`, channelId, queue, extra);
    },
    async until(done: () => boolean, limitMs = 600_000) {
      await clock.advanceUntil(done, limitMs);
    },
    /** The operator's state as a node's core has it, and whether that node owns them. */
    operator(at: string, id: string) {
      const op = node(at).acd.core(TENANT).operators.get(id)!;
      return { state: op.state, remote: op.remote };
    },
    /** Whether an operator's phone has a call up on a node's PBX. */
    legUp(at: string, extension: string): boolean {
      return [...node(at).sim.world.channels.values()].some(
        (c) => !c.hangingUp && c.state === 'Up' && `${c.tech}/${c.resource}` === `PJSIP/${extension}`,
      );
    },
    async close() {
      for (const n of nodes) {
        await n.acd.stop();
        await n.adapter.stop();
        await n.sim.close();
      }
    },
  };
  return h;
}
