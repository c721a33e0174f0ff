/**
 * The ACD over the PBX port (ARCHITECTURE decision 3): callers wait in their queue's holding bridge
 * with music on hold and hear the announcement with the estimated wait; the routing core picks the
 * operator; the operator's endpoint is originated with the queue's ring timeout and, on answer,
 * caller and operator are moved into a mixing bridge. A hang-up on either side ends the other and
 * starts the operator's wrap-up; a ring with no answer puts the caller back at the head and the
 * operator to NotReady; the max wait hands the caller back to the flow (`overflow` or `timeout`).
 *
 * Announcements are played to the caller's channel while it stays in the holding bridge. Asterisk
 * queues a channel playback inside a bridge as a bridge action on that channel alone
 * (res_stasis_playback.c, play_uri → ast_bridge_channel_queue_playfile_sync): the caller hears the
 * prompt instead of the music and the music again after it, other callers hear nothing of it, and
 * the caller never leaves the bridge — so there is no moment where it is in no bridge, and no
 * remove/re-add requests that could race with an operator's answer moving it to a mixing bridge.
 *
 * Several processes: before ringing, the pair is claimed through the AcdCoordinator (coordinator.ts),
 * so an operator never gets two calls even when another process routes them too. With `cluster`
 * set the processes also hand callers over and mirror each other's operators (cluster.ts).
 */

import type { PbxPort } from '../../telephony/pbx-port.ts';
import type { Clock } from '../clock.ts';
import type { DialPlan } from '../dial-plan.ts';
import { DEFAULT_DIAL_PLAN } from '../dial-plan.ts';
import { type Logger, silentLogger } from '../logger.ts';
import type { Acd, QueueOutcome, QueueRequest } from './acd.ts';
import { CallerLeftQueue } from './acd-call.ts';
import { AcdCore, type AcdEvent, type Offer } from './acd-core.ts';
import { type TransferResult, type TransferTarget, transferCall } from './acd-transfer.ts';
import { CallFlow } from './call-flow.ts';
import { AcdCluster, type ClusterOptions } from './cluster.ts';
import { operatorPresence } from './cluster-views.ts';
import type { AcdCoordinator, ClusterCoordinator, OperatorRequest } from './coordinator.ts';
import { MemoryCoordinator } from './memory-coordinator.ts';
import { type AcdOperator, type OperatorConfig, operatorEndpoint } from './operator.ts';
import { AcdError } from './operator-roster.ts';
import { type CustomStateConfig, SYSTEM_STATES } from './operator-states.ts';
import type { QueueDefinition } from './queue-model.ts';
import { SharedAcdCore } from './shared-core.ts';
import type { StateLogSink } from './state-log.ts';

export interface AcdTenantSetup {
  tenant: string;
  queues: QueueDefinition[];
  /** How an operator's extension is dialled: `PJSIP/{ext}` (default) or `Local/{ext}@operators`. */
  operatorDialTemplate?: string;
  /** Transfers to extensions that are not operators' and to outside numbers. */
  dialPlan?: DialPlan;
  states?: CustomStateConfig[];
  operators?: OperatorConfig[];
}

export interface AcdServiceOptions {
  pbx: PbxPort;
  clock: Clock;
  logger?: Logger;
  stateLog?: StateLogSink;
  coordinator?: AcdCoordinator;
  /** This process's name in the coordinator (default 'local'; `cluster.node` when clustered). */
  node?: string;
  /** Several processes share the line: hand-overs, mirrored operators, leases (call `start`). */
  cluster?: ClusterOptions & { coordinator: ClusterCoordinator };
  random?: () => number;
  initialHandleMs?: number;
}

export interface TenantAcd {
  name: string;
  core: AcdCore;
  dialTemplate: string;
  dialPlan: DialPlan;
}

export class AcdService implements Acd {
  readonly pbx: PbxPort;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly coordinator: AcdCoordinator;
  readonly node: string;
  readonly cluster: AcdCluster | null;
  private readonly tenants = new Map<string, TenantAcd>();
  private readonly listeners = new Set<(event: AcdEvent) => void>();
  private readonly flow: CallFlow;

  constructor(private readonly options: AcdServiceOptions) {
    this.pbx = options.pbx;
    this.clock = options.clock;
    this.logger = options.logger ?? silentLogger;
    this.coordinator =
      options.cluster?.coordinator ?? options.coordinator ?? new MemoryCoordinator(() => options.clock.now());
    this.node = options.cluster?.node ?? options.node ?? 'local';
    this.flow = new CallFlow(this);
    this.cluster = options.cluster
      ? new AcdCluster(
          {
            clock: this.clock,
            logger: this.logger,
            flow: this.flow,
            tenantNames: () => [...this.tenants.keys()],
            findTenant: (name) => this.tenants.get(name),
            applyRequest: (t, operatorId, request) => this.applyRequest(t, operatorId, request),
          },
          options.cluster.coordinator,
          options.cluster,
        )
      : null;
  }

  /** Joins the cluster (a no-op alone): listens to the others, takes the lease, mirrors operators. */
  async start(): Promise<void> {
    await this.cluster?.start();
  }

  // ---- tenants and operators ------------------------------------------------------------------

  configureTenant(setup: AcdTenantSetup): AcdCore {
    let t = this.tenants.get(setup.tenant);
    if (!t) {
      const core = new (this.options.cluster ? SharedAcdCore : AcdCore)({
        tenant: setup.tenant,
        clock: this.clock,
        queues: setup.queues,
        states: setup.states,
        stateLog: this.options.stateLog,
        random: this.options.random,
        initialHandleMs: this.options.initialHandleMs,
      });
      core.onEvent((event) => this.onCoreEvent(setup.tenant, event));
      t = { name: setup.tenant, core, dialTemplate: 'PJSIP/{ext}', dialPlan: DEFAULT_DIAL_PLAN };
      this.tenants.set(setup.tenant, t);
    }
    for (const def of setup.queues) t.core.defineQueue(def);
    t.dialTemplate = setup.operatorDialTemplate ?? t.dialTemplate;
    t.dialPlan = setup.dialPlan ?? t.dialPlan;
    for (const operator of setup.operators ?? []) this.upsertOperator(setup.tenant, operator);
    return t.core;
  }

  tenant(name: string): TenantAcd {
    const t = this.tenants.get(name);
    if (!t) throw new AcdError('unknown-queue', `no ACD configured for tenant ${name}`);
    return t;
  }

  core(tenant: string): AcdCore {
    return this.tenant(tenant).core;
  }

  /** State changes and queue events of every tenant (for the API and WebSocket). */
  onEvent(listener: (event: AcdEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  upsertOperator(tenant: string, config: OperatorConfig): void {
    const t = this.tenant(tenant);
    const offers = t.core.upsertOperator(config);
    const op = t.core.operators.require(config.id);
    if (this.cluster) {
      this.cluster.join(t, op);
      this.flow.carryOut(t, offers);
      return;
    }
    void this.flow.sync.operator(tenant, op.id, () => this.coordinator.putOperator(operatorPresence(t, op)));
    this.flow.carryOut(t, offers);
  }

  /**
   * The operator logs in at a workplace: the extension is dialled through the tenant's template.
   * An operator another process owns is taken over first (or the request goes to the process
   * holding their call): the change then happens a moment later.
   */
  logIn(tenant: string, operatorId: string, extension: string): void {
    const t = this.tenant(tenant);
    const endpoint = operatorEndpoint(t.dialTemplate, extension);
    if (!endpoint) throw new AcdError('bad-extension', `'${extension}' is not an extension`);
    const op = this.remote(t, operatorId);
    if (op) this.cluster!.request(t, op, { action: 'log-in', extension });
    else t.core.logIn(operatorId, extension.trim(), endpoint);
  }

  logOut(tenant: string, operatorId: string, reason = 'operator'): void {
    const t = this.tenant(tenant);
    const op = this.remote(t, operatorId);
    if (op) this.cluster!.request(t, op, { action: 'log-out', reason });
    else t.core.logOut(operatorId, reason);
  }

  setState(tenant: string, operatorId: string, state: string, reason = 'operator'): void {
    const t = this.tenant(tenant);
    const op = this.remote(t, operatorId);
    if (!op) {
      this.flow.carryOut(t, t.core.setState(operatorId, state, reason));
      return;
    }
    // The core's checks of the request itself, here where it arrived; whether the operator is
    // logged in is checked where it is carried out (a log-in just before it may still be on its way).
    if (!t.core.operators.states.has(state))
      throw new AcdError('unknown-state', `unknown operator state '${state}'`);
    if (SYSTEM_STATES.has(state))
      throw new AcdError('system-state', `'${state}' is set by the system, not chosen`);
    this.cluster!.request(t, op, { action: 'state', state, reason });
  }

  /** An operator another process owns (cluster.ts), or null. */
  private remote(t: TenantAcd, operatorId: string): AcdOperator | null {
    const op = t.core.operators.require(operatorId);
    return this.cluster && op.remote ? op : null;
  }

  private applyRequest(t: TenantAcd, operatorId: string, request: OperatorRequest): void {
    if (request.action === 'state') this.setState(t.name, operatorId, request.state, request.reason);
    else if (request.action === 'log-in') this.logIn(t.name, operatorId, request.extension);
    else this.logOut(t.name, operatorId, request.reason);
  }

  // ---- the Acd seam ---------------------------------------------------------------------------

  enqueue(request: QueueRequest): Promise<QueueOutcome> {
    const t = this.tenants.get(request.tenant);
    const def = t?.core.queue(request.queue);
    if (!t || !def) return Promise.resolve({ type: 'no-operators', waitedMs: 0 });
    // Nobody of the queue logged in at all: the flow decides (another queue, voicemail, a message).
    if (t.core.snapshot(request.queue).loggedIn === 0)
      return Promise.resolve({ type: 'no-operators', waitedMs: 0 });
    if (this.flow.has(request.callId)) {
      return Promise.reject(new AcdError('unknown-call', `call ${request.callId} is already queued`));
    }
    return new Promise((resolve, reject) => {
      const call = this.flow.newCall(t, request, true);
      call.settle = resolve;
      call.fail = reject;
      this.flow.join(t, call, request.queue, false);
    });
  }

  cancel(callId: string): void {
    this.flow.callerGone(callId);
  }

  /** Blind transfer by the operator of a connected call: to an extension, a queue or a number. */
  transfer(callId: string, target: TransferTarget): Promise<TransferResult> {
    return transferCall(this.flow, callId, target);
  }

  /** True while a PBX or coordinator operation of the ACD is on its way (drivers of virtual time). */
  busy(): boolean {
    return this.flow.inflight > 0;
  }

  async stop(): Promise<void> {
    await this.cluster?.stop();
    await this.flow.stop();
  }

  private onCoreEvent(tenant: string, event: AcdEvent): void {
    if (event.type === 'operator-state' && !event.mirrored) this.flow.sync.state(this.tenant(tenant), event);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.log('warn', 'ACD event listener failed', { error: (error as Error).message });
      }
    }
  }
}

export { CallerLeftQueue, type Offer };
