/**
 * Blind transfer by the operator (seed 001: «оператор в рабочей консоли просто нажимает кнопку
 * «Переадресовать» и выбирает внутренний номер»): the caller goes back to music on hold at once,
 * the operator's leg is hung up and their wrap-up starts; then the caller is
 * - queued in another queue (the ACD follows that queue's overflow; nobody awaits an outcome),
 * - offered to the operator logged in at that extension (when they are free), or
 * - dialled through the tenant's dial plan (an extension without an operator, an outside number).
 * A transfer that does not connect puts the caller back at the head of the queue it came from.
 */
import { dialString } from '../dial-plan.ts';
import type { AcdCall } from './acd-call.ts';
import type { TenantAcd } from './acd-service.ts';
import type { CallFlow } from './call-flow.ts';
import { AcdError } from './operator-roster.ts';
import { TalkLegs } from './talk-legs.ts';

export type TransferTarget =
  | { kind: 'extension'; extension: string }
  | { kind: 'queue'; queue: string }
  | { kind: 'number'; number: string };

export interface TransferResult {
  result: 'connected' | 'queued' | 'failed';
  /** Why a transfer failed: 'operator-unavailable', 'no-answer', 'busy', 'caller-left', ... */
  reason?: string;
}

export async function transferCall(
  flow: CallFlow,
  callId: string,
  target: TransferTarget,
): Promise<TransferResult> {
  const call = flow.get(callId);
  if (call?.phase !== 'talking' || !call.talk) {
    throw new AcdError('unknown-call', `call ${callId} is not talking with an operator`);
  }
  const t = flow.host.tenant(call.tenant);
  const destination =
    target.kind === 'extension' ? target.extension : target.kind === 'queue' ? target.queue : target.number;
  if (target.kind === 'queue' && !t.core.queue(target.queue)) {
    throw new AcdError('unknown-queue', `no queue '${target.queue}' in tenant ${t.name}`);
  }
  const operatorThere =
    target.kind === 'extension' ? t.core.operators.atExtension(target.extension.trim()) : undefined;
  const endpoint =
    target.kind === 'queue' || operatorThere ? null : dialString(t.dialPlan, target.kind, destination);
  if (target.kind !== 'queue' && !operatorThere && !endpoint) {
    throw new AcdError('bad-extension', `'${destination}' cannot be dialled`);
  }

  // Blind: music for the caller, wrap-up for the operator who transferred.
  const legs = call.talk;
  call.talk = null;
  call.phase = 'waiting';
  call.awaited = false;
  const def = t.core.queue(call.queue)!;
  call.holding = flow
    .track(flow.bridges.join(t.name, call.queue, def.music, call.request.channelId))
    .catch(() => null);
  await call.holding;
  await legs.dropOperator();
  flow.operatorDone(t, callId);
  const report = (result: TransferResult): TransferResult => {
    call.request.onTransfer?.({ target: target.kind, destination, result: result.reason ?? result.result });
    return result;
  };

  if (target.kind === 'queue') {
    flow.join(t, call, target.queue, false);
    return report({ result: 'queued' });
  }
  if (operatorThere) {
    const offer = t.core.offerDirect(callId, operatorThere.extension!, def.ringTimeoutMs, call.queue);
    if (offer === null || offer === 'unavailable')
      return report(backToQueue(flow, t, call, 'operator-unavailable'));
    const answered = new Promise<boolean>((resolve) => {
      call.afterDirect = resolve;
    });
    flow.carryOut(t, [offer]);
    if (await answered) return report({ result: 'connected' });
    return report(backToQueue(flow, t, call, 'no-answer'));
  }
  return report(await dialOut(flow, t, call, endpoint!));
}

async function dialOut(
  flow: CallFlow,
  t: TenantAcd,
  call: AcdCall,
  endpoint: string,
): Promise<TransferResult> {
  const { pbx } = flow.host;
  call.phase = 'ringing';
  call.ringingEndpoint = endpoint;
  const outcome = await pbx
    .originate({
      endpoint,
      callerId: call.request.caller.number,
      timeoutSec: t.dialPlan.ringTimeoutSec,
      appArgs: 'transfer',
    })
    .catch(() => ({ type: 'failed' as const, reason: 'failed' as const, cause: 0 }));
  call.ringingEndpoint = null;
  if (call.phase !== 'ringing') {
    if (outcome.type === 'answered') await pbx.hangup(outcome.channelId).catch(() => {});
    return { result: 'failed', reason: 'caller-left' };
  }
  if (outcome.type === 'failed') return backToQueue(flow, t, call, outcome.reason);
  try {
    const legs = await flow.track(TalkLegs.start(pbx, call.request.channelId, outcome.channelId));
    call.phase = 'external';
    call.talk = legs;
    legs.onEnd(() => {
      call.phase = 'ended';
      flow.forget(call);
    });
    return { result: 'connected' };
  } catch {
    await pbx.hangup(outcome.channelId).catch(() => {});
    return backToQueue(flow, t, call, 'failed');
  }
}

function backToQueue(flow: CallFlow, t: TenantAcd, call: AcdCall, reason: string): TransferResult {
  if (call.phase === 'ended') return { result: 'failed', reason: 'caller-left' };
  flow.join(t, call, call.queue, true);
  return { result: 'failed', reason };
}
