/**
 * The runtime, wired in one place: inbound calls from the PBX port are matched to a deployed flow by
 * the dialled number (the flow's `answers`), and each runs in its own CallSession on the sandbox of
 * the flow version active when it started (ARCHITECTURE decision 6: new calls take the active
 * version, calls in progress finish on theirs). Per tenant it holds the workspace, the data
 * operations and the prompt library. `events` streams what happens in every call.
 */
import { randomUUID } from 'node:crypto';
import type { CompiledFlow, SpeechPart } from '../language/compiled-format.ts';
import type { Workspace } from '../language/workspace.ts';
import type { InboundCall, PbxPort } from '../telephony/pbx-port.ts';
import type { Acd } from './acd/acd.ts';
import { CallEvents } from './call-events.ts';
import type { CallLogSink, CallRecord } from './call-log.ts';
import type { Clock } from './clock.ts';
import type { CustomerStore } from './data/customer-store.ts';
import { createDataDrivers } from './data/data-drivers.ts';
import { type DataDriver, DataOperations } from './data/data-operations.ts';
import { DEFAULT_DIAL_PLAN, type DialPlan } from './dial-plan.ts';
import type { Logger } from './logger.ts';
import { FlowSandbox, type SandboxLimits } from './sandbox/flow-sandbox.ts';
import type { QuickJsEngine } from './sandbox/quickjs-engine.ts';
import { CallSession, type SessionDeps } from './session/call-session.ts';
import type { SpeechExtras } from './session/handler-context.ts';
import { ConstantSpeech } from './speech/constant-speech.ts';
import { PromptLibrary } from './speech/prompt-library.ts';
import type { SpeechLang } from './speech/speech-language.ts';
import { speechToMedia } from './speech/speech-media.ts';
import type { Tts } from './speech/tts.ts';

export interface TenantSetup {
  workspace: Workspace;
  /** Folder of the workspace file (recorded prompts are relative to it). */
  workspaceDir?: string;
  dialPlan?: DialPlan;
  /** Drivers that replace the ones built from `workspace.dataSources` (by source name). */
  dataDrivers?: Record<string, DataDriver>;
}

export interface RuntimeOptions {
  pbx: PbxPort;
  clock: Clock;
  tts: Tts;
  /** Where synthesized and imported prompts are cached (the PBX plays them from there). */
  speechCacheDir: string;
  tenants: TenantSetup[];
  acd: Acd;
  callLog: CallLogSink;
  /** The built-in customer store behind `builtin` data sources. */
  customers: CustomerStore;
  logger: Logger;
  /** Flows to deploy at start. */
  flows?: CompiledFlow[];
  engine?: QuickJsEngine;
  sandboxLimits?: Partial<SandboxLimits>;
  env?: Record<string, string | undefined>;
}

export interface Deployment {
  flowId: string;
  name: string;
  tenant: string;
  version: number;
  numbers: string[];
  sandbox: FlowSandbox;
  /** Calls in progress on this version. */
  calls: number;
  /** What every call on this version shares (built once, not per call). */
  deps: SessionDeps;
  /** A flow tried without deploying it (a draft in the studio): no number routes to it. */
  trial?: boolean;
}

/** How one expected call runs instead of the usual way (the studio's call simulator). */
export interface CallArrangement {
  /** Run the call on this loaded flow (a `loadTrial` one) instead of the one its number routes to. */
  deployment?: Deployment;
  /** The flow's clock runs this far from the host's: a call simulated at another time of day. */
  flowTimeShiftMs?: number;
}

interface Tenant {
  setup: TenantSetup;
  data: DataOperations;
  prompts: PromptLibrary;
  /** Constant prompts rendered once (with this tenant's prompt library). */
  constantSpeech: ConstantSpeech;
}

export class Runtime {
  readonly events = new CallEvents();
  private readonly tenants = new Map<string, Tenant>();
  private readonly routes = new Map<string, Deployment>();
  private readonly deployments = new Map<string, Deployment>();
  private readonly versions = new Map<string, number>();
  /** Calls in progress (sessions, and refused calls being logged). */
  private readonly live = new Map<string, CallSession | null>();
  /** Arrangements for calls not yet arrived, by the channel they will arrive on. */
  private readonly arranged = new Map<string, CallArrangement>();
  private idleWaiters: (() => void)[] = [];
  private started = false;

  constructor(private readonly options: RuntimeOptions) {
    for (const setup of options.tenants) {
      const { workspace } = setup;
      const prompts = new PromptLibrary({
        prompts: workspace.prompts,
        baseDir: setup.workspaceDir ?? process.cwd(),
        tts: options.tts,
        cacheDir: options.speechCacheDir,
      });
      const drivers = {
        ...createDataDrivers(workspace.dataSources, { customers: options.customers, env: options.env }),
        ...setup.dataDrivers,
      };
      this.tenants.set(workspace.tenant, {
        setup,
        data: new DataOperations({
          sources: workspace.dataSources,
          drivers,
          clock: options.clock,
          logger: options.logger,
        }),
        prompts,
        constantSpeech: new ConstantSpeech((parts, lang) =>
          speechToMedia(parts, lang, {}, { tts: options.tts, prompts }),
        ),
      });
    }
  }

  /** Deploys the initial flows and starts taking calls. */
  async start(): Promise<void> {
    for (const flow of this.options.flows ?? []) await this.deploy(flow);
    await this.options.pbx.start((call) => this.onInbound(call));
    this.started = true;
  }

  /** Stops taking calls; calls in progress run to their end (see `whenIdle`). */
  async stop(): Promise<void> {
    if (this.started) await this.options.pbx.stop();
    this.started = false;
  }

  /**
   * Makes a compiled flow the active version for its numbers. Refuses a script that does not load.
   * Deploying a version that is already loaded (a rollback) reuses its sandbox.
   */
  async deploy(compiled: CompiledFlow, tenantName?: string): Promise<Deployment> {
    const tenant = tenantName ?? this.options.tenants[0]?.workspace.tenant ?? 'default';
    if (!this.tenants.has(tenant)) throw new Error(`unknown tenant ${tenant}`);
    let deployment = this.deployments.get(compiled.meta.id);
    if (!deployment) {
      const sandbox = await FlowSandbox.create(compiled, {
        engine: this.options.engine,
        limits: this.options.sandboxLimits,
      });
      const version = (this.versions.get(`${tenant}/${compiled.meta.name}`) ?? 0) + 1;
      this.versions.set(`${tenant}/${compiled.meta.name}`, version);
      deployment = {
        flowId: compiled.meta.id,
        name: compiled.meta.name,
        tenant,
        version,
        numbers: compiled.meta.answers,
        sandbox,
        calls: 0,
        deps: this.sessionDeps(this.tenants.get(tenant)!, sandbox, version),
      };
      this.deployments.set(deployment.flowId, deployment);
    }
    const replaced = new Set<Deployment>();
    for (const number of deployment.numbers) {
      const previous = this.routes.get(numberKey(number));
      if (previous && previous !== deployment) replaced.add(previous);
      this.routes.set(numberKey(number), deployment);
    }
    for (const old of replaced) this.retireIfUnused(old);
    this.options.logger.log('info', 'flow deployed', {
      flow: deployment.flowId,
      tenant,
      version: deployment.version,
    });
    return deployment;
  }

  /**
   * Loads a flow that no number routes to, for calls `arrangeCall` puts on it (a draft simulated in
   * the studio). Its sandbox goes when its last call ends, or with `releaseTrial` if none came.
   */
  async loadTrial(compiled: CompiledFlow, tenantName: string): Promise<Deployment> {
    const tenant = this.tenants.get(tenantName);
    if (!tenant) throw new Error(`unknown tenant ${tenantName}`);
    const sandbox = await FlowSandbox.create(compiled, {
      engine: this.options.engine,
      limits: this.options.sandboxLimits,
    });
    return {
      flowId: compiled.meta.id,
      name: compiled.meta.name,
      tenant: tenantName,
      version: 0,
      numbers: [],
      sandbox,
      calls: 0,
      deps: this.sessionDeps(tenant, sandbox, 0),
      trial: true,
    };
  }

  /** Gives a trial flow's sandbox back unless a call runs on it (that call's end does it then). */
  releaseTrial(deployment: Deployment): void {
    if (deployment.trial) this.retireIfUnused(deployment);
  }

  /**
   * Says how the call that will arrive on `channelId` runs (its flow, its clock); every other call
   * is untouched. Returns a function that drops the arrangement if the call has not come.
   */
  arrangeCall(channelId: string, arrangement: CallArrangement): () => void {
    this.arranged.set(channelId, arrangement);
    return () => {
      if (this.arranged.get(channelId) !== arrangement) return;
      this.arranged.delete(channelId);
      if (arrangement.deployment) this.releaseTrial(arrangement.deployment);
    };
  }

  /** The deployment answering a dialled number now. */
  activeFor(dialled: string): Deployment | undefined {
    return this.routes.get(numberKey(dialled));
  }

  /**
   * True while some call waits on host work (speech, PBX requests, data) rather than on a caller or
   * the clock: a driver of virtual time lets that finish before moving the clock.
   */
  busy(): boolean {
    for (const session of this.live.values()) if (session?.busy()) return true;
    return false;
  }

  activeCalls(): number {
    return this.live.size;
  }

  /** Resolves when no call is in progress. */
  whenIdle(): Promise<void> {
    if (this.live.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Accepts a call as if the PBX had delivered it (the port's callback). Resolves with its record. */
  handleCall(inbound: InboundCall): Promise<CallRecord> {
    const callId = randomUUID();
    const arranged = this.arranged.get(inbound.channelId);
    if (arranged) this.arranged.delete(inbound.channelId);
    const deployment = arranged?.deployment ?? this.activeFor(inbound.dialled);
    if (!deployment) {
      this.live.set(callId, null);
      return this.refuse(inbound, callId).finally(() => this.ended(callId, null));
    }
    const shift = arranged?.flowTimeShiftMs;
    const deps = shift ? { ...deployment.deps, flowTimeShiftMs: shift } : deployment.deps;
    const session = new CallSession(inbound, callId, deps);
    deployment.calls++;
    this.live.set(callId, session);
    return session.run().finally(() => this.ended(callId, deployment));
  }

  private ended(callId: string, deployment: Deployment | null): void {
    this.live.delete(callId);
    if (deployment) {
      deployment.calls--;
      this.retireIfUnused(deployment);
    }
    if (this.live.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private sessionDeps(tenant: Tenant, sandbox: FlowSandbox, flowVersion: number): SessionDeps {
    const { options } = this;
    return {
      pbx: options.pbx,
      clock: options.clock,
      sandbox,
      flowVersion,
      workspace: tenant.setup.workspace,
      acd: options.acd,
      data: tenant.data,
      dialPlan: tenant.setup.dialPlan ?? DEFAULT_DIAL_PLAN,
      speech: (parts: SpeechPart[], lang: SpeechLang, extras?: SpeechExtras) =>
        extras
          ? speechToMedia(parts, lang, extras, { tts: options.tts, prompts: tenant.prompts })
          : tenant.constantSpeech.speech(parts, lang),
      events: this.events,
      callLog: options.callLog,
      logger: options.logger,
    };
  }

  private onInbound(inbound: InboundCall): void {
    void this.handleCall(inbound).catch((error: Error) =>
      this.options.logger.log('error', 'call failed outside its session', { error: error.message }),
    );
  }

  /** No flow answers this number: hang up, and still log the call. */
  private async refuse(inbound: InboundCall, callId: string): Promise<CallRecord> {
    const { pbx, clock, callLog, logger } = this.options;
    logger.log('warn', 'no flow answers this number', { dialled: inbound.dialled, callId });
    await pbx.hangup(inbound.channelId, 'congestion').catch(() => {});
    const at = new Date(clock.now()).toISOString();
    const record: CallRecord = {
      callId,
      tenant: '',
      caller: inbound.callerNumber,
      callerName: inbound.callerName,
      dialled: inbound.dialled,
      flowId: '',
      flowName: '',
      flowVersion: 0,
      startedAt: at,
      answeredAt: null,
      endedAt: at,
      steps: [],
      keys: [],
      queue: null,
      operator: null,
      outcome: 'failed',
      endedBy: 'system',
      recording: null,
      transfers: [],
      custom: {},
      errors: [
        { kind: 'no-route', message: `no flow answers ${inbound.dialled}`, line: null, column: null, at },
      ],
    };
    await callLog.write(record).catch(() => {});
    this.events.emit({ type: 'call-ended', callId, at: clock.now(), outcome: 'failed', record });
    return record;
  }

  /** A version nobody routes to and no call uses gives its sandbox back. */
  private retireIfUnused(deployment: Deployment): void {
    if (deployment.calls > 0) return;
    if (deployment.trial) {
      deployment.sandbox.dispose();
      return;
    }
    for (const active of this.routes.values()) if (active === deployment) return;
    deployment.sandbox.dispose();
    this.deployments.delete(deployment.flowId);
  }
}

/** Dialled numbers compare on dialable characters only ("0 800 300-400" is "0800300400"). */
function numberKey(number: string): string {
  return number.replace(/[^\d+*#]/g, '');
}
