/**
 * What the WebSocket carries: per tenant, filtered by the subscriber's roles. Authors (analysts,
 * admins) see calls, simulated calls and deployments; supervisors see calls, queues and operators;
 * an operator sees only their own state; admins also see import progress. Messages never carry a
 * secret: call events come from the runtime with secret digits already masked.
 */
import type { Role } from '../../../runtime/store/schema/tenants-users.ts';

export type LiveMessage =
  | { kind: 'call'; tenant: string; callId: string; event: Record<string, unknown> }
  | { kind: 'sim'; tenant: string; simId: string; event: Record<string, unknown> }
  | { kind: 'deploy'; tenant: string; flow: string; version: number }
  | { kind: 'acd'; tenant: string; operatorId: string | null; event: Record<string, unknown> }
  /** Campaign progress (supervisors); a survey call for its operator (`operatorId`). */
  | {
      kind: 'campaign';
      tenant: string;
      campaignId: string;
      operatorId: string | null;
      event: Record<string, unknown>;
    }
  | { kind: 'import'; tenant: string; importId: string; phase: string; done: number; total: number };

export interface LiveSubscriber {
  tenant: string;
  userId: string;
  roles: readonly Role[];
  /** The subscriber's own operator records in this tenant (an operator sees only these). */
  operatorIds: ReadonlySet<string>;
  send(message: LiveMessage): void;
}

const AUDIENCE: Record<Exclude<LiveMessage['kind'], 'acd' | 'campaign'>, readonly Role[]> = {
  call: ['admin', 'analyst', 'supervisor'],
  sim: ['admin', 'analyst'],
  deploy: ['admin', 'analyst', 'supervisor'],
  import: ['admin'],
};

export function visibleTo(message: LiveMessage, subscriber: LiveSubscriber): boolean {
  if (message.tenant !== subscriber.tenant) return false;
  const has = (roles: readonly Role[]) => subscriber.roles.some((r) => roles.includes(r));
  if (message.kind === 'acd' || message.kind === 'campaign') {
    if (has(['admin', 'supervisor'])) return true;
    return message.operatorId !== null && subscriber.operatorIds.has(message.operatorId);
  }
  return has(AUDIENCE[message.kind]);
}

export class LiveEvents {
  private readonly subscribers = new Set<LiveSubscriber>();

  subscribe(subscriber: LiveSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  publish(message: LiveMessage): void {
    for (const subscriber of this.subscribers) {
      if (!visibleTo(message, subscriber)) continue;
      try {
        subscriber.send(message);
      } catch {
        // A broken socket is dropped by its own close handler; others still get the message.
      }
    }
  }

  count(): number {
    return this.subscribers.size;
  }
}
