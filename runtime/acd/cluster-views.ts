/** How an operator of a routing core reads as a shared presence row (cluster.ts). */
import type { TenantAcd } from './acd-service.ts';
import type { OperatorPresence, OperatorRequest, PresenceView, Workplace } from './coordinator.ts';
import { type AcdOperator, operatorEndpoint } from './operator.ts';

/** The shared row an operator's request leads to (taken over in one step with it). */
export function requestTarget(
  t: TenantAcd,
  op: AcdOperator,
  request: OperatorRequest,
): { state: string; takesCalls: boolean } & Workplace {
  const states = t.core.operators.states;
  if (request.action === 'log-out')
    return { state: 'LoggedOut', takesCalls: false, extension: null, endpoint: null };
  if (request.action === 'state') {
    const takesCalls = states.takesCalls(request.state) && op.endpoint !== null;
    return { state: request.state, takesCalls, extension: op.extension, endpoint: op.endpoint };
  }
  const state = op.state === 'LoggedOut' ? 'NotReady' : op.state;
  const endpoint = operatorEndpoint(t.dialTemplate, request.extension);
  return { state, takesCalls: states.takesCalls(state), extension: request.extension.trim(), endpoint };
}

/** What this process says of an operator when it puts or joins their presence row. */
export function operatorPresence(t: TenantAcd, op: AcdOperator): OperatorPresence {
  return {
    tenant: t.name,
    operatorId: op.id,
    state: op.state,
    takesCalls: t.core.operators.available(op),
    skills: [...op.skills.keys()],
    queues: [...op.memberships.keys()],
  };
}

/** The operator as this process has them, owned by `node`, holding no call. */
export function presenceOf(t: TenantAcd, op: AcdOperator, node: string): PresenceView {
  return {
    ...operatorPresence(t, op),
    callId: null,
    node,
    claimedBy: null,
    extension: op.extension,
    endpoint: op.endpoint,
    version: op.version,
  };
}
