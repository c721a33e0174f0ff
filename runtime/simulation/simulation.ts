/**
 * A whole installation in one process for `callflow simulate` and flow tests: the PBX simulator on
 * an ephemeral loopback port, the real ARI adapter (ari-client over that socket, not an in-process
 * shortcut), and the runtime with its sandboxes, all on ONE virtual clock, so a 10-minute queue wait
 * takes milliseconds. The clock only moves when nothing is in flight: no PBX request unanswered, no
 * call waiting on speech or data, and a short calm on the socket.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompiledFlow } from '../../language/compiled-format.ts';
import type { Workspace } from '../../language/workspace.ts';
import { AriAdapter } from '../../telephony/ari-adapter.ts';
import {
  type OperatorBehaviour,
  type PbxSimulator,
  startPbxSimulator,
} from '../../telephony/simulator/index.ts';
import { FifoAcd } from '../acd/fifo-acd.ts';
import type { CallEvent } from '../call-events.ts';
import { InMemoryCallLog } from '../call-log.ts';
import { VirtualClock } from '../clock.ts';
import type { CustomerStore } from '../data/customer-store.ts';
import type { DataDriver } from '../data/data-operations.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { Runtime } from '../runtime.ts';
import { settleIo } from '../settle-io.ts';
import { TextOnlyTts } from '../speech/text-only-tts.ts';
import type { Tts } from '../speech/tts.ts';
import { trackPortActivity } from './port-activity.ts';

export interface SimulationOptions {
  flows: CompiledFlow[];
  workspace: Workspace;
  /** Folder of the workspace file (recorded prompts are relative to it). */
  workspaceDir: string;
  /** Virtual time the simulation starts at (ms since the epoch). */
  startAt: number;
  customers: CustomerStore;
  /** Replace the drivers of these data sources (flow-test fixtures). */
  dataDrivers?: Record<string, DataDriver>;
  /** Operator phones; every queue of the workspace is served by all of them. */
  operators?: { endpoint: string; behaviour: OperatorBehaviour }[];
  /** Default: text-only speech (what the caller hears is shown as text). Given the speech folder. */
  tts?: (speechCacheDir: string) => Tts;
  speechCacheDir?: string;
  logger?: Logger;
  /** Real milliseconds of calm on the loopback socket before the clock may move (default 5). */
  quietMs?: number;
}

export class Simulation {
  readonly events: CallEvent[] = [];

  private constructor(
    readonly clock: VirtualClock,
    readonly pbx: PbxSimulator,
    readonly runtime: Runtime,
    readonly callLog: InMemoryCallLog,
    private readonly adapter: AriAdapter,
    private readonly ownCacheDir: string | null,
  ) {
    runtime.events.on((event) => this.events.push(event));
  }

  static async start(options: SimulationOptions): Promise<Simulation> {
    const ownCacheDir = options.speechCacheDir ? null : await mkdtemp(join(tmpdir(), 'callflow-sim-'));
    const speechCacheDir = options.speechCacheDir ?? ownCacheDir!;
    const logger = options.logger ?? silentLogger;
    let busy = () => false;
    const clock = new VirtualClock({
      start: options.startAt,
      // A source that never answers keeps its call busy; after half a real second the clock moves
      // anyway, so the declared (virtual) timeout can fire.
      settle: () => settleIo({ busy: () => busy(), quietMs: options.quietMs ?? 5, maxWaitMs: 500 }),
    });
    const pbx = await startPbxSimulator({ port: 0, clock, soundsDir: speechCacheDir });
    for (const { endpoint, behaviour } of options.operators ?? [])
      pbx.control.defineOperator(endpoint, behaviour);
    const adapter = new AriAdapter({
      url: pbx.ariUrl,
      username: pbx.credentials.user,
      password: pbx.credentials.password,
      app: 'callflow',
      log: (level, message, detail) =>
        logger.log(level, `ari: ${message}`, detail === undefined ? undefined : { detail: String(detail) }),
    });
    const activity = trackPortActivity(adapter);
    const operators = (options.operators ?? []).map((o) => o.endpoint);
    const acd = new FifoAcd({
      pbx: activity.port,
      clock,
      logger,
      queues: Object.fromEntries(Object.keys(options.workspace.queues).map((name) => [name, { operators }])),
    });
    const callLog = new InMemoryCallLog();
    const runtime = new Runtime({
      pbx: activity.port,
      clock,
      tts: options.tts?.(speechCacheDir) ?? new TextOnlyTts({ cacheDir: speechCacheDir }),
      speechCacheDir,
      tenants: [
        {
          workspace: options.workspace,
          workspaceDir: options.workspaceDir,
          dataDrivers: options.dataDrivers,
        },
      ],
      acd,
      callLog,
      customers: options.customers,
      logger,
      flows: options.flows,
    });
    busy = () => runtime.busy() || activity.inFlight() > 0;
    await runtime.start();
    return new Simulation(clock, pbx, runtime, callLog, adapter, ownCacheDir);
  }

  /** Places a call as a caller would (through the simulator's control API). Returns its channel id. */
  placeCall(from: string, to: string): string {
    return this.pbx.control.placeCall({ from, to }).id;
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
    await this.adapter.stop();
    await this.pbx.close();
    if (this.ownCacheDir) await rm(this.ownCacheDir, { recursive: true, force: true });
  }
}
