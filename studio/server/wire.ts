/**
 * Everything the server runs, wired in one place: the store, the PBX (the embedded simulator, or a
 * real Asterisk through ARI), the ACD, the runtime, hot deploy, live events and the HTTP app.
 * `npm start` (cli/commands/start.ts) and the tests build the same thing; tests inject a database,
 * a virtual clock, a text-only TTS and their own simulator.
 *
 * A PBX that is not there yet is retried in the background and reported, never fatal: the studio
 * works meanwhile. The database is opened with the store's own retries.
 */

import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { createAdaptorServer } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import { AcdService } from '../../runtime/acd/acd-service.ts';
import { queueDefinitions } from '../../runtime/acd/queue-model.ts';
import { type Clock, RealClock } from '../../runtime/clock.ts';
import { createDataDrivers } from '../../runtime/data/data-drivers.ts';
import type { PinHashCost } from '../../runtime/data/pin-hash.ts';
import { Dialer } from '../../runtime/dialer/dialer.ts';
import { consoleLogger, type Logger } from '../../runtime/logger.ts';
import { Runtime, type TenantSetup } from '../../runtime/runtime.ts';
import type { Tts } from '../../runtime/speech/tts.ts';
import { createTts } from '../../runtime/speech/tts.ts';
import { PgAcdCoordinator } from '../../runtime/store/acd-coordinator-pg.ts';
import { StoredStateLog } from '../../runtime/store/acd-state-log.ts';
import { BatchedCallLogWriter } from '../../runtime/store/batched-call-log-writer.ts';
import { PgAnswerSink, PgCampaignStore } from '../../runtime/store/campaign-store-pg.ts';
import { type Database, openDatabase } from '../../runtime/store/database.ts';
import { DrizzleCustomerStore } from '../../runtime/store/queries/customers.ts';
import { listOperators } from '../../runtime/store/queries/operators.ts';
import { findUserByEmail, listTenants } from '../../runtime/store/queries/tenants-users.ts';
import { DEMO_TENANT } from '../../runtime/store/seed-demo.ts';
import { AriAdapter } from '../../telephony/ari-adapter.ts';
import type { AriConnectionConfig } from '../../telephony/ari-config.ts';
import { type PbxSimulator, startPbxSimulator } from '../../telephony/simulator/index.ts';
import { type CallflowApp, createApp } from './app.ts';
import type { AppDeps } from './app-env.ts';
import { storedSurvey } from './campaigns/survey-source.ts';
import type { ServerConfig } from './config.ts';
import {
  DEMO_OPERATORS,
  deployExamples,
  EXAMPLES_DIR,
  type ExampleDeployment,
  type SeededDemo,
  seedDemoTenant,
} from './demo/demo-tenant.ts';
import { DeploymentSync } from './hot-deploy/deployment-sync.ts';
import { VersionedCallLog } from './hot-deploy/versioned-call-log.ts';
import { bridgeDialerEvents } from './live/dialer-bridge.ts';
import { LiveEvents } from './live/live-events.ts';
import { bridgeRuntimeEvents } from './live/runtime-bridge.ts';
import { SimulatedCalls } from './live/simulated-calls.ts';
import { tenantWorkspace } from './queries/tenant-settings.ts';

export type PbxChoice =
  | { kind: 'simulator'; port: number; host?: string }
  | ({ kind: 'ari' } & AriConnectionConfig);

export interface WireOptions {
  config: ServerConfig;
  /** An open database (tests); otherwise one is opened from `databaseUrl` or `dataDir`. */
  database?: Database;
  databaseUrl?: string;
  /** PGlite data directory. */
  dataDir?: string;
  clock?: Clock;
  tts?: Tts;
  logger?: Logger;
  /** Default: the embedded PBX simulator on a free port. */
  pbx?: PbxChoice;
  /** A simulator the caller started (tests on virtual time); wins over `pbx`. */
  simulator?: PbxSimulator;
  /** Seed the demo tenant and deploy the examples. */
  demo?: boolean;
  /** scrypt cost of seeded PINs (tests lower it). */
  pinCost?: PinHashCost;
  /** How long start-up waits for the PBX before going on without it (it keeps retrying). */
  pbxWaitMs?: number;
}

export interface Wired extends CallflowApp {
  deps: AppDeps;
  database: Database;
  runtime: Runtime;
  acd: AcdService;
  dialer: Dialer;
  adapter: AriAdapter;
  simulator: PbxSimulator | null;
  deployments: DeploymentSync;
  callLog: BatchedCallLogWriter;
  demo: { seeded: SeededDemo; examples: ExampleDeployment[] } | null;
  /** Resolves once the PBX event stream is up (start-up waits `pbxWaitMs` at most). */
  pbxReady: Promise<void>;
  listen(port?: number, host?: string): Promise<{ server: Server; url: string; port: number }>;
  close(): Promise<void>;
}

/**
 * On PostgreSQL the ACD runs as one of possibly several processes sharing queues and operators
 * (claims, hand-over by NOTIFY, leases: runtime/acd/cluster.ts), so no operator gets two calls and a
 * caller held here reaches an operator who turns Ready on another node. PGlite is one process by nature.
 * CALLFLOW_ACD_CLUSTER=off keeps a PostgreSQL node on its own (one node, or nodes with separate operators).
 */
function acdCluster(database: Database, clock: Clock, logger: Logger) {
  if (database.client.kind !== 'postgres' || process.env.CALLFLOW_ACD_CLUSTER === 'off') return undefined;
  const node = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  logger.log('info', 'acd: sharing queues and operators with the other nodes on this database', { node });
  return {
    node,
    coordinator: new PgAcdCoordinator(database.db, () => clock.now(), {
      listenUrl: database.client.url,
      logger,
    }),
  };
}

export async function wireServer(options: WireOptions): Promise<Wired> {
  const { config } = options;
  const logger = options.logger ?? consoleLogger;
  const clock = options.clock ?? new RealClock();
  const ownDatabase = !options.database;
  const database =
    options.database ?? (await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir, logger }));
  const { db } = database;

  const seeded = options.demo ? await seedDemoTenant(db, { pinCost: options.pinCost }) : null;

  // The PBX: the simulator (its sounds are the TTS cache, so prompts take as long as they would).
  const ownSimulator = !options.simulator && (options.pbx?.kind ?? 'simulator') === 'simulator';
  const simulator =
    options.simulator ?? (ownSimulator ? await startSimulator(options.pbx, config, clock, logger) : null);
  const ari: AriConnectionConfig =
    options.pbx?.kind === 'ari' && !options.simulator
      ? options.pbx
      : {
          url: simulator!.ariUrl,
          username: simulator!.credentials.user,
          password: simulator!.credentials.password,
          app: 'callflow',
        };
  const adapter = new AriAdapter({
    ...ari,
    log: (level, message, detail) => logger.log(level, `pbx: ${message}`, detailFields(detail)),
  });

  const stateLog = new StoredStateLog(db, { logger, clock });
  const acd = new AcdService({
    pbx: adapter,
    clock,
    logger,
    stateLog,
    cluster: acdCluster(database, clock, logger),
  });
  const tenants: TenantSetup[] = [];
  const numberTemplates = new Map<string, string>();
  for (const tenant of await listTenants(db)) {
    const template = (tenant.settings.dialer as { numberTemplate?: unknown } | undefined)?.numberTemplate;
    if (typeof template === 'string') numberTemplates.set(tenant.id, template);
    const workspace = await tenantWorkspace(db, tenant.id).catch((error: Error) => {
      logger.log('error', 'tenant workspace is invalid; the tenant runs no flows', {
        tenant: tenant.id,
        error: error.message,
      });
      return null;
    });
    if (!workspace) continue;
    tenants.push({
      workspace,
      workspaceDir: tenant.id === DEMO_TENANT.id ? `${EXAMPLES_DIR}/abc-internet` : undefined,
      dataDrivers: createDataDrivers(workspace.dataSources, {
        customers: new DrizzleCustomerStore(db, tenant.id),
      }),
    });
    const queues = queueDefinitions(workspace.queues);
    const operators = await listOperators(db, tenant.id);
    acd.configureTenant({
      tenant: tenant.id,
      queues,
      operators: operators.map((op) => ({
        id: op.id,
        name: op.displayName,
        skills: Object.fromEntries(op.skills.map((s) => [s.name, s.level])),
        queues: queues.map((q) => q.name),
      })),
    });
  }
  await acd.start();
  if (seeded && simulator) {
    for (const demo of DEMO_OPERATORS) {
      simulator.control.defineOperator(`PJSIP/${demo.extension}`, {
        type: 'answer-after',
        delayMs: demo.answerAfterMs,
      });
      const id = seeded.operatorIds.get(demo.extension);
      if (!id) continue;
      acd.logIn(DEMO_TENANT.id, id, demo.extension);
      acd.setState(DEMO_TENANT.id, id, 'Ready', 'demo');
    }
  }

  const writer = new BatchedCallLogWriter(db, { logger, clock });
  let deployments: DeploymentSync | null = null;
  const versionOf = (flowId: string) => deployments?.versionOf(flowId) ?? null;
  const callLog = new VersionedCallLog(writer, versionOf);
  const runtime = new Runtime({
    pbx: adapter,
    clock,
    tts: options.tts ?? createTts({ cacheDir: config.speechCacheDir }),
    speechCacheDir: config.speechCacheDir,
    tenants,
    acd,
    callLog,
    customers: new DrizzleCustomerStore(db, tenants[0]?.workspace.tenant ?? ''),
    logger,
  });
  deployments = new DeploymentSync({ database, runtime, logger });
  await deployments.start();

  const live = new LiveEvents();
  const unbridge = bridgeRuntimeEvents({ runtime, deployments, live, acd });
  const dialer = new Dialer({
    pbx: adapter,
    clock,
    store: new PgCampaignStore(db),
    runtime,
    loadSurvey: (tenant, survey) => storedSurvey(db, tenant, survey.versionId),
    answers: new PgAnswerSink(db),
    acd,
    numberTemplate: (tenant) => numberTemplates.get(tenant) ?? null,
    callLog,
    logger,
  });
  const unbridgeDialer = bridgeDialerEvents(dialer, live);
  const simulatedCalls = simulator
    ? new SimulatedCalls({ control: simulator.control, runtime, clock, live, versionOf, logger })
    : null;
  const deps: AppDeps = {
    db,
    runtime,
    simulatorControl: simulator?.control,
    clock,
    config,
    logger,
    deployments,
    live,
    simulatedCalls,
    acd,
    dialer,
  };
  const { app, routes } = createApp(deps);

  let examples: ExampleDeployment[] = [];
  if (seeded) {
    const admin = await findUserByEmail(db, 'admin@abc.example');
    examples = await deployExamples(deps, DEMO_TENANT.id, admin?.id ?? null);
  }

  const pbx = connectPbxInBackground(runtime, logger);
  // Campaigns left running dial again once the PBX is there.
  void pbx.ready
    .then(() => dialer.resume())
    .catch((error: Error) =>
      logger.log('error', 'dialer: resuming campaigns failed', { error: error.message }),
    );
  await Promise.race([pbx.ready, delay(options.pbxWaitMs ?? 10_000)]);

  let server: Server | null = null;
  let wss: WebSocketServer | null = null;
  let closing: Promise<void> | null = null;

  return {
    app,
    routes,
    deps,
    database,
    runtime,
    acd,
    dialer,
    adapter,
    simulator,
    deployments,
    callLog: writer,
    demo: seeded ? { seeded, examples } : null,
    pbxReady: pbx.ready,
    async listen(port = config.port, host = config.host) {
      wss = new WebSocketServer({ noServer: true });
      server = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } }) as Server;
      const listening = server;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, host, () => {
          listening.off('error', reject);
          resolve();
        });
      });
      const bound = (listening.address() as AddressInfo).port;
      return {
        server: listening,
        port: bound,
        url: `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${bound}`,
      };
    },
    close() {
      closing ??= (async () => {
        if (server) {
          for (const socket of wss?.clients ?? []) socket.terminate();
          wss?.close();
          server.closeAllConnections();
          await new Promise<void>((resolve) => server?.close(() => resolve()));
        }
        pbx.stop();
        simulatedCalls?.close();
        unbridge();
        unbridgeDialer();
        dialer.close();
        await runtime.stop().catch(() => {});
        await acd.stop().catch(() => {});
        await deployments?.close();
        await writer.close();
        await stateLog.flush();
        await adapter.stop().catch(() => {});
        if (ownSimulator) await simulator?.close();
        if (ownDatabase) await database.close();
      })();
      return closing;
    },
  };
}

async function startSimulator(
  choice: PbxChoice | undefined,
  config: ServerConfig,
  clock: Clock,
  logger: Logger,
): Promise<PbxSimulator> {
  const port = choice?.kind === 'simulator' ? choice.port : 0;
  const host = choice?.kind === 'simulator' ? (choice.host ?? '127.0.0.1') : '127.0.0.1';
  try {
    return await startPbxSimulator({ port, host, clock, soundsDir: config.speechCacheDir });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    logger.log('warn', `pbx: port ${port} is taken; the PBX simulator takes a free port instead`, { port });
    return startPbxSimulator({ port: 0, host, clock, soundsDir: config.speechCacheDir });
  }
}

/**
 * Starts taking calls. The ARI adapter retries an unreachable PBX by itself; any other failure
 * (wrong credentials, say) is reported and tried again later, so a PBX that comes up late — or is
 * fixed — is picked up without a restart.
 */
function connectPbxInBackground(runtime: Runtime, logger: Logger): { ready: Promise<void>; stop(): void } {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const attempt = (n: number) => {
    runtime.start().then(
      () => markReady(),
      (error: Error) => {
        if (stopped) return;
        const delayMs = Math.min(30_000, 1_000 * 2 ** Math.min(n, 5));
        logger.log('error', 'pbx: cannot connect; will try again', {
          attempt: n + 1,
          delayMs,
          error: error.message,
        });
        timer = setTimeout(() => attempt(n + 1), delayMs);
      },
    );
  };
  attempt(0);
  return {
    ready,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function detailFields(detail: unknown): Record<string, unknown> | undefined {
  if (detail === undefined || detail === '') return undefined;
  return { detail: detail instanceof Error ? detail.message : String(detail) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
