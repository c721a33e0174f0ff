/**
 * Hot deploy in one process (ARCHITECTURE decision 6). The store is the truth: which version of a
 * flow is active is a row in `deployments`, and activating one NOTIFYs every process. This class
 * keeps the local Runtime in step: at start it loads every active version, then on each
 * notification it re-reads the flow's active version and hands it to `runtime.deploy` — new calls
 * take it, calls in progress keep the sandbox they started on. Re-reading instead of trusting the
 * payload makes out-of-order or repeated notifications harmless; work per flow is serialized.
 * After the listener reconnects (`resync`) every tenant is re-read, since notifications sent while
 * it was away are lost.
 *
 * The runtime numbers the versions it loads itself; `versionOf(flowId)` gives the store's number
 * for a compiled flow id, which is what the call log and the studio show.
 */
import type { CompiledFlow, FlowMeta, SourceMapV3 } from '../../../language/compiled-format.ts';
import type { Logger } from '../../../runtime/logger.ts';
import type { Runtime } from '../../../runtime/runtime.ts';
import type { Database } from '../../../runtime/store/database.ts';
import {
  type DeployEvent,
  type DeployListener,
  listenForDeployments,
} from '../../../runtime/store/deploy-notifications.ts';
import { type ActiveFlow, activeVersion, listActiveVersions } from '../../../runtime/store/queries/flows.ts';
import { listTenants } from '../../../runtime/store/queries/tenants-users.ts';
import { errorText } from '../../../runtime/store/retry.ts';

export interface AppliedDeployment {
  tenant: string;
  flow: string;
  /** The store's version number. */
  version: number;
  /** The compiled flow id (name + source hash) the runtime knows it by. */
  flowId: string;
}

export interface DeploymentSyncOptions {
  database: Database;
  runtime: Runtime;
  logger: Logger;
}

export class DeploymentSync {
  private readonly versionByFlowId = new Map<string, number>();
  private readonly applied = new Map<string, AppliedDeployment>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<(deployment: AppliedDeployment) => void>();
  private listener: DeployListener | null = null;
  private closed = false;

  constructor(private readonly options: DeploymentSyncOptions) {}

  /** Loads every tenant's active versions, then listens for deployments. */
  async start(): Promise<void> {
    await this.resync('start');
    this.listener = await listenForDeployments(this.options.database, (event) => this.onEvent(event), {
      logger: this.options.logger,
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.close();
    this.listener = null;
    await Promise.allSettled([...this.queues.values()]);
  }

  /** Brings the runtime to the flow's active version in the store; resolves with what is active here. */
  apply(tenant: string, flow: string): Promise<AppliedDeployment | null> {
    const key = `${tenant}\n${flow}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(() => this.applyNow(tenant, flow));
    this.queues.set(key, next);
    void next
      .catch(() => {})
      .finally(() => {
        if (this.queues.get(key) === next) this.queues.delete(key);
      });
    return next;
  }

  /** The store's version number of a compiled flow this runtime has loaded. */
  versionOf(flowId: string): number | null {
    return this.versionByFlowId.get(flowId) ?? null;
  }

  /** The version of a flow this process's runtime routes new calls to. */
  activeHere(tenant: string, flow: string): AppliedDeployment | null {
    return this.applied.get(`${tenant}\n${flow}`) ?? null;
  }

  onApplied(listener: (deployment: AppliedDeployment) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private onEvent(event: DeployEvent): void {
    if (this.closed) return;
    const work = event.kind === 'deploy' ? this.apply(event.tenant, event.flow) : this.resync(event.reason);
    work.catch((error) =>
      this.options.logger.log('error', 'hot deploy: could not apply a deployment', {
        ...(event.kind === 'deploy'
          ? { tenant: event.tenant, flow: event.flow, version: event.version }
          : {}),
        error: errorText(error),
      }),
    );
  }

  private async resync(reason: string): Promise<void> {
    const { db } = this.options.database;
    for (const tenant of await listTenants(db)) {
      for (const active of await listActiveVersions(db, tenant.id)) {
        await this.apply(tenant.id, active.flowName).catch((error) =>
          this.options.logger.log('error', 'hot deploy: could not load an active version', {
            tenant: tenant.id,
            flow: active.flowName,
            reason,
            error: errorText(error),
          }),
        );
      }
    }
  }

  private async applyNow(tenant: string, flow: string): Promise<AppliedDeployment | null> {
    if (this.closed) return this.activeHere(tenant, flow);
    const active = await activeVersion(this.options.database.db, tenant, flow);
    if (!active) return this.activeHere(tenant, flow);
    const current = this.activeHere(tenant, flow);
    const compiled = compiledOf(active);
    if (current && current.version === active.version.number && current.flowId === compiled.meta.id)
      return current;
    // Register the number first: the first call on the new version may start the moment deploy returns.
    this.versionByFlowId.set(compiled.meta.id, active.version.number);
    await this.options.runtime.deploy(compiled, tenant);
    const applied: AppliedDeployment = {
      tenant,
      flow,
      version: active.version.number,
      flowId: compiled.meta.id,
    };
    this.applied.set(`${tenant}\n${flow}`, applied);
    this.options.logger.log('info', 'hot deploy: version active', { tenant, flow, version: applied.version });
    for (const listener of this.listeners) {
      try {
        listener(applied);
      } catch (error) {
        this.options.logger.log('warn', 'hot deploy: a listener failed', { error: errorText(error) });
      }
    }
    return applied;
  }
}

export function compiledOf(active: ActiveFlow): CompiledFlow {
  return {
    meta: active.version.meta as FlowMeta,
    code: active.version.compiledCode,
    sourceMap: active.version.sourceMap as SourceMapV3,
  };
}
