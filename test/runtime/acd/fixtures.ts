/** Small builders for routing-core tests: a tenant with queues and operators on a virtual clock. */
import { AcdCore } from '../../../runtime/acd/acd-core.ts';
import type { OperatorConfig } from '../../../runtime/acd/operator.ts';
import type { CustomStateConfig } from '../../../runtime/acd/operator-states.ts';
import { defaultQueue, type QueueDefinition } from '../../../runtime/acd/queue-model.ts';
import { seededRandom } from '../../../runtime/acd/seeded-random.ts';
import { InMemoryStateLog } from '../../../runtime/acd/state-log.ts';
import { VirtualClock } from '../../../runtime/clock.ts';

export interface Tenant {
  core: AcdCore;
  clock: VirtualClock;
  log: InMemoryStateLog;
}

export function tenant(
  queues: Array<Partial<QueueDefinition> & { name: string }>,
  options: { states?: CustomStateConfig[]; seed?: number } = {},
): Tenant {
  const clock = new VirtualClock({ start: 0 });
  const log = new InMemoryStateLog();
  const core = new AcdCore({
    tenant: 'abc',
    clock,
    queues: queues.map((q) => defaultQueue(q.name, q)),
    states: options.states,
    stateLog: log,
    random: seededRandom(options.seed ?? 1),
  });
  return { core, clock, log };
}

/** Adds operators, logs each in at extension 10NN and makes them Ready (in the order given). */
export function readyOperators(t: Tenant, operators: OperatorConfig[]): void {
  operators.forEach((config, i) => {
    t.core.upsertOperator(config);
    const ext = String(1001 + i);
    t.core.logIn(config.id, ext, `PJSIP/${ext}`);
    t.core.setState(config.id, 'Ready');
  });
}

/** Offers a caller and returns the operator it went to (null: it waits). */
export function route(
  t: Tenant,
  callId: string,
  queue: string,
  extra: { priority?: number; skills?: string[] } = {},
) {
  return t.core.arrive({ callId, queue, ...extra }).offers[0]?.operatorId ?? null;
}

/** Answers, talks for `talkMs`, hangs up: the operator goes to wrap-up (or straight back). */
export async function serve(t: Tenant, callId: string, talkMs: number) {
  t.core.offerAnswered(callId);
  await t.clock.advance(talkMs);
  return t.core.callEnded(callId);
}
