/**
 * Feeds the live event hub from the runtime (call events), the ACD (queues, operator states) and
 * hot deploy (a version went live here). Call events name their tenant only when the call starts,
 * so the bridge remembers each call's tenant until it ends.
 */
import type { AcdService } from '../../../runtime/acd/acd-service.ts';
import type { Runtime } from '../../../runtime/runtime.ts';
import type { DeploymentSync } from '../hot-deploy/deployment-sync.ts';
import { callEventView } from './call-event-view.ts';
import type { LiveEvents } from './live-events.ts';

export interface RuntimeBridgeOptions {
  runtime: Runtime;
  deployments: DeploymentSync;
  live: LiveEvents;
  acd?: AcdService;
}

export function bridgeRuntimeEvents(options: RuntimeBridgeOptions): () => void {
  const { runtime, deployments, live, acd } = options;
  const tenantOf = new Map<string, string>();
  const offCalls = runtime.events.on((event) => {
    if (event.type === 'call-started') tenantOf.set(event.callId, event.tenant);
    const tenant = tenantOf.get(event.callId);
    if (event.type === 'call-ended') tenantOf.delete(event.callId);
    if (!tenant) return; // a call no flow answered belongs to no tenant
    live.publish({
      kind: 'call',
      tenant,
      callId: event.callId,
      event: callEventView(event, (id) => deployments.versionOf(id)),
    });
  });
  const offDeploys = deployments.onApplied((d) =>
    live.publish({ kind: 'deploy', tenant: d.tenant, flow: d.flow, version: d.version }),
  );
  const offAcd = acd?.onEvent((event) => {
    live.publish({
      kind: 'acd',
      tenant: event.tenant,
      operatorId: 'operatorId' in event ? event.operatorId : null,
      event: { ...event },
    });
  });
  return () => {
    offCalls();
    offDeploys();
    offAcd?.();
  };
}
