/**
 * The ACD service on the real path: AriAdapter (ari-client over loopback) against the PBX simulator,
 * both on one virtual clock. Time moves only when a test says so; before it moves, the harness waits
 * until the ACD's own PBX requests and the simulator's replies and events have settled.
 */
import type { QueueRequest } from '../../../../runtime/acd/acd.ts';
import { AcdService, type AcdTenantSetup } from '../../../../runtime/acd/acd-service.ts';
import type { AcdCoordinator } from '../../../../runtime/acd/coordinator.ts';
import type { OperatorConfig } from '../../../../runtime/acd/operator.ts';
import { defaultQueue, type QueueDefinition } from '../../../../runtime/acd/queue-model.ts';
import { InMemoryStateLog } from '../../../../runtime/acd/state-log.ts';
import { VirtualClock } from '../../../../runtime/clock.ts';
import { settleIo } from '../../../../runtime/settle-io.ts';
import { AriAdapter } from '../../../../telephony/ari-adapter.ts';
import type { InboundCall } from '../../../../telephony/pbx-port.ts';
import {
  type OperatorBehaviour,
  type PbxSimulator,
  startPbxSimulator,
} from '../../../../telephony/simulator/index.ts';

export const TENANT = 'abc';

/** A caller of the test tenant for `queue`, with no priority, skills, limits or announcements unless `extra` says. */
export function queueRequest(
  callId: string,
  channelId: string,
  queue: string,
  extra: Partial<QueueRequest> = {},
): QueueRequest {
  return {
    callId,
    tenant: TENANT,
    channelId,
    caller: { number: '0501234567', name: null },
    queue,
    priority: 0,
    skills: [],
    maxWaitMs: null,
    announceEveryMs: null,
    music: null,
    announce: null,
    ...extra,
  };
}

export interface SimOperator extends OperatorConfig {
  extension: string;
  phone: OperatorBehaviour;
}

export interface AcdSimOptions {
  queues: Array<Partial<QueueDefinition> & { name: string }>;
  operators: SimOperator[];
  dialTemplate?: string;
  setup?: Partial<AcdTenantSetup>;
  coordinator?: AcdCoordinator;
}

export async function acdOnSimulator(options: AcdSimOptions) {
  let acd: AcdService | null = null;
  let sim: PbxSimulator | null = null;
  let handled = -1;
  const clock = new VirtualClock({
    start: '2026-01-05T09:00:00Z',
    settle: () =>
      settleIo({
        busy: () => {
          // Busy while the ACD waits on the PBX, or the simulator is still answering requests.
          const now = (sim?.requestsHandled() ?? 0) + (sim?.world.bus.sent ?? 0);
          const moved = now !== handled;
          handled = now;
          return (acd?.busy() ?? false) || moved;
        },
        quietMs: 4,
        maxWaitMs: 3_000,
      }),
  });
  sim = await startPbxSimulator({ clock });
  const template = options.dialTemplate ?? 'PJSIP/{ext}';
  for (const op of options.operators)
    sim.control.defineOperator(template.replace('{ext}', op.extension), op.phone);
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
  acd = new AcdService({ pbx: adapter, clock, stateLog, coordinator: options.coordinator });
  acd.configureTenant({
    tenant: TENANT,
    queues: options.queues.map((q) => defaultQueue(q.name, q)),
    operatorDialTemplate: template,
    operators: options.operators.map(({ phone: _p, extension: _e, ...config }) => config),
    ...options.setup,
  });
  const service = acd;
  const simulator = sim;

  const h = {
    clock,
    sim: simulator,
    adapter,
    acd: service,
    stateLog,
    core: service.core(TENANT),
    /** Logs operators in at their extensions and makes them Ready. */
    ready(...ids: string[]) {
      for (const id of ids) {
        const op = options.operators.find((o) => o.id === id)!;
        service.logIn(TENANT, id, op.extension);
        service.setState(TENANT, id, 'Ready');
      }
    },
    /** Places an inbound call and answers it, as a session would before queueing. */
    async caller(from = '0501234567') {
      const simCall = simulator.control.placeCall({ from, to: '0800300400' });
      await h.until(() => inbound.some((c) => c.channelId === simCall.id));
      await adapter.answer(simCall.id);
      await clock.advance(0);
      return simCall;
    },
    request(channelId: string, queue: string, extra: Partial<QueueRequest> = {}): QueueRequest {
      return queueRequest(`call-${channelId}`, channelId, queue, extra);
    },
    /** Moves time from timer to timer until `done()` holds (fails past `limitMs` of virtual time). */
    async until(done: () => boolean, limitMs = 3_600_000) {
      await clock.advanceUntil(done, limitMs);
    },
    operatorState(id: string) {
      return h.core.operators.get(id)?.state;
    },
    /** Channels of an endpoint that are up (the operator's leg of a call). */
    operatorLegUp(endpoint: string): boolean {
      return [...simulator.world.channels.values()].some(
        (c) => !c.hangingUp && c.state === 'Up' && `${c.tech}/${c.resource}` === endpoint,
      );
    },
    async close() {
      await service.stop();
      await adapter.stop();
      await simulator.close();
    },
  };
  return h;
}

export type AcdSim = Awaited<ReturnType<typeof acdOnSimulator>>;

/** Settles a promise into a box a test can look at while time moves. */
export function watch<T>(promise: Promise<T>): { value?: T; error?: unknown; settled: boolean } {
  const box: { value?: T; error?: unknown; settled: boolean } = { settled: false };
  promise.then(
    (value) => Object.assign(box, { value, settled: true }),
    (error) => Object.assign(box, { error, settled: true }),
  );
  return box;
}

/** An announcement as a flow would give one: plays on the caller's channel until it ends. */
export function recordingAnnouncer(h: AcdSim, channelId: string) {
  const heard: Array<{ position: number; ewtMinutes: number; at: number }> = [];
  const announce = async (info: { position: number; ewtMinutes: number }) => {
    heard.push({ ...info, at: h.clock.now() });
    const playbackId = await h.adapter.play(channelId, ['sound:queue-thankyou']);
    await new Promise<void>((resolve) => {
      const off = h.adapter.subscribe(channelId, (e) => {
        if ((e.type === 'playback-finished' && e.playbackId === playbackId) || e.type === 'hangup') {
          off();
          resolve();
        }
      });
    });
  };
  return { heard, announce };
}
