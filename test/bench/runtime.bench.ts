/**
 * Runtime benchmark: 10,000 concurrent calls of the reference flow (examples/abc-internet/
 * support.flow, balance path: menu 3, contract, PIN, balance, hang up) in one process, through the
 * sandbox and the call sessions, on an in-process PBX port and a virtual clock (telephony is not
 * what this measures). Beside it, in the same run, the same path written by hand as plain async
 * JavaScript (support-baseline.ts). Prints steps/s, step latency, memory per waiting call (the JS
 * heap, plus the call states the sandbox holds in its QuickJS memory), and the ratios. Targets: at
 * least 1/3 of the baseline's throughput, at most 10 KB per waiting call.
 *
 *   npm run bench -- runtime            (options: --calls=N, --rounds=N; default 10,000 and 5)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FifoAcd } from '../../runtime/acd/fifo-acd.ts';
import type { CallLogSink } from '../../runtime/call-log.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { MemoryCustomerStore } from '../../runtime/data/memory-customer-store.ts';
import { silentLogger } from '../../runtime/logger.ts';
import { Runtime } from '../../runtime/runtime.ts';
import { FlowSandbox } from '../../runtime/sandbox/flow-sandbox.ts';
import { settleIo } from '../../runtime/settle-io.ts';
import { loadFlow } from '../../runtime/simulation/load-flow.ts';
import { TextOnlyTts } from '../../runtime/speech/text-only-tts.ts';
import type { InboundCall } from '../../telephony/pbx-port.ts';
import { MemoryPbx } from '../runtime/support/memory-pbx.ts';
import { supportFlowByHand } from './support-baseline.ts';

const KEYS = ['3', '123456#', '1111#'];
/** The PIN hash cost is not what is measured here (both sides pay it the same). */
const PIN_COST = { N: 16, r: 1, p: 1 };
const DEMO = {
  customers: [{ phone: '+380501234567', name: 'Иван Петренко', vip: true }],
  accounts: [{ contract: '123456', pin: '1111', balance: 50, currency: 'UAH' }],
};

interface Scenario {
  /** Places one call; `waiting` must be called when it asks for keys; resolves when it ends. */
  setup(hooks: { waiting(channelId: string): void; step(ms: number): void }): Promise<{
    place(call: InboundCall): void;
    busy(): boolean;
    completed(): number;
    /** Memory outside the JS heap that waiting calls hold (the sandbox's QuickJS runtime). */
    vmBytes(): number;
  }>;
}

interface Figures {
  steps: number;
  wallMs: number;
  stepsPerSecond: number;
  bytesPerWaitingCall: number;
  p50: number | null;
  p99: number | null;
  completed: number;
}

const gc = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

function memory(vmBytes: () => number): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers + vmBytes();
}

async function measure(name: string, calls: number, scenario: Scenario): Promise<Figures> {
  const latencies: number[] = [];
  let steps = 0;
  let pressing = false;
  const waitingAt = new Map<string, number>();
  let waitingNow = 0;
  const pending: string[] = [];
  const hooks = {
    waiting(channelId: string) {
      waitingNow++;
      if (pressing) press(channelId);
      else pending.push(channelId);
    },
    step(ms: number) {
      steps++;
      if (ms >= 0) latencies.push(ms);
    },
  };
  const { place, busy, completed, vmBytes } = await scenario.setup(hooks);
  const clock = currentClock!;
  const pbx = currentPbx!;
  function press(channelId: string) {
    const index = waitingAt.get(channelId) ?? 0;
    waitingAt.set(channelId, index + 1);
    if (index < KEYS.length) queueMicrotask(() => pbx.press(channelId, KEYS[index]));
  }
  const settle = () => settleIo({ busy, maxWaitMs: 5_000 });

  const before = memory(vmBytes);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < calls; i++) {
    const channelId = `call-${i}`;
    pbx.adopt(channelId);
    place({ channelId, callerNumber: '+380501234567', callerName: null, dialled: '0800300400' });
  }
  // Phase 1: every call plays the greeting and the menu, then waits for a key.
  while (waitingNow < calls) {
    await settle();
    const next = clock.nextDueAt();
    if (next === null) break;
    await clock.advanceTo(next);
  }
  const phase1 = performance.now() - started;
  const waitingMemory = memory(vmBytes);
  if (process.env.CALLFLOW_BENCH_SNAPSHOT === name) writeHeapSnapshot(`.cache/${name}.heapsnapshot`);
  // Phase 2: the callers press 3, the contract and the PIN; every call hears its balance.
  const resumed = performance.now();
  pressing = true;
  for (const channelId of pending.splice(0)) press(channelId);
  for (;;) {
    await settle();
    const next = clock.nextDueAt();
    if (next === null || completed() >= calls) break;
    await clock.advanceTo(next);
  }
  await settle();
  const wallMs = phase1 + (performance.now() - resumed);
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] : null;
  const figures = {
    steps,
    wallMs,
    stepsPerSecond: (steps / wallMs) * 1000,
    bytesPerWaitingCall: (waitingMemory - before) / calls,
    p50: pct(0.5),
    p99: pct(0.99),
    completed: completed(),
  };
  console.log(
    `${name.padEnd(9)} ${String(figures.completed).padStart(6)} calls  ${String(steps).padStart(7)} steps  ` +
      `${(wallMs / 1000).toFixed(2)} s (cpu ${(cpuMs / 1000).toFixed(2)} s)  ${Math.round(figures.stepsPerSecond).toLocaleString('en')} steps/s  ` +
      `${(figures.bytesPerWaitingCall / 1024).toFixed(2)} KB/waiting call` +
      (figures.p50 === null
        ? ''
        : `  step p50 ${(figures.p50 * 1000).toFixed(1)} µs  p99 ${(figures.p99! * 1000).toFixed(1)} µs`),
  );
  return figures;
}

let currentClock: VirtualClock | null = null;
let currentPbx: (MemoryPbx & { adopt(id: string): void }) | null = null;

/** One speech cache for every run: after the warm-up every prompt is a memory hit on both sides. */
let sharedTts: TextOnlyTts | null = null;

function freshWorld(cacheDir: string) {
  sharedTts ??= new TextOnlyTts({ cacheDir });
  const clock = new VirtualClock({ start: Date.UTC(2026, 10, 23, 8), batch: true });
  const pbx = Object.assign(new MemoryPbx(clock, 1_000), {
    /** Calls are placed by the benchmark, not by a caller: register the channel as alive. */
    adopt(this: MemoryPbx, id: string) {
      (this as unknown as { alive: Set<string> }).alive.add(id);
    },
  });
  pbx.recordActions = false;
  currentClock = clock;
  currentPbx = pbx;
  return { clock, pbx, tts: sharedTts, customers: new MemoryCustomerStore(DEMO, PIN_COST) };
}

export async function run(args: string[] = []): Promise<void> {
  const calls = Number(args.find((a) => a.startsWith('--calls='))?.slice(8) ?? 10_000);
  const rounds = Math.max(1, Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 5));
  const loaded = await loadFlow(
    join(import.meta.dirname, '..', '..', 'examples', 'abc-internet', 'support.flow'),
  );
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'callflow-bench-'));
  const discard: CallLogSink = { write: async () => {} };

  const runtimeScenario: Scenario = {
    async setup(hooks) {
      const { clock, pbx, tts, customers } = freshWorld(cacheDir);
      const runtime = new Runtime({
        pbx,
        clock,
        tts,
        speechCacheDir: cacheDir,
        tenants: [{ workspace: loaded.workspace, workspaceDir: loaded.workspaceDir }],
        acd: new FifoAcd({ pbx, clock, logger: silentLogger, queues: {} }),
        callLog: discard,
        customers,
        logger: silentLogger,
        flows: [loaded.compiled],
      });
      let completed = 0;
      runtime.events.on((e) => {
        if (e.type === 'waiting' && e.for === 'keys') hooks.waiting(channelOf(e.callId));
        else if (e.type === 'call-started') channels.set(e.callId, e.channelId);
        else if (e.type === 'call-ended' && e.outcome === 'completed') completed++;
      });
      const channels = new Map<string, string>();
      const channelOf = (callId: string) => channels.get(callId)!;
      // Time every call into the sandbox: the step latency.
      for (const method of ['start', 'step'] as const) {
        const original = FlowSandbox.prototype[method] as (...a: unknown[]) => unknown;
        (FlowSandbox.prototype as unknown as Record<string, unknown>)[method] = function (
          this: FlowSandbox,
          ...a: unknown[]
        ) {
          const t0 = performance.now();
          const result = original.apply(this, a);
          hooks.step(performance.now() - t0);
          return result;
        };
      }
      await runtime.start();
      // Held call states live in the sandbox's QuickJS runtime (WebAssembly memory, which
      // process.memoryUsage() does not count): its bytes in use count per waiting call too.
      const sandbox = runtime.activeFor('0800300400')!.sandbox;
      return {
        place: (call) => void runtime.handleCall(call),
        busy: () => runtime.busy(),
        completed: () => completed,
        vmBytes: () => sandbox.contextBytes(),
      };
    },
  };

  const baselineScenario: Scenario = {
    async setup(hooks) {
      const { clock, pbx, tts, customers } = freshWorld(cacheDir);
      let completed = 0;
      let inFlight = 0;
      const counted = {
        ...customers,
        balance: (contract: string, pin: string) => {
          inFlight++;
          return customers.balance(contract, pin).finally(() => inFlight--);
        },
        findByPhone: customers.findByPhone.bind(customers),
      };
      const deps = {
        pbx,
        clock,
        tts,
        customers: counted,
        onWaiting: hooks.waiting,
        onStep: () => hooks.step(-1),
      };
      return {
        place: (call) =>
          void supportFlowByHand(call, deps).then((outcome) => {
            if (outcome === 'completed') completed++;
          }),
        busy: () => inFlight > 0,
        completed: () => completed,
        vmBytes: () => 0,
      };
    },
  };

  console.log(
    `${calls.toLocaleString('en')} concurrent calls of the reference flow (balance path), in-process port, virtual time`,
  );
  // Warm-up: speech cache, JIT, and the QuickJS module's tier-up from V8's baseline wasm compiler
  // (Liftoff) to its optimizing one, which a long-running server has long behind it.
  const warm = Math.min(calls, 2_000);
  await measure('(warm-up)', 1, baselineScenario); // one call first: every prompt into the speech cache
  await measure('(warm-up)', warm, baselineScenario);
  const originals = { start: FlowSandbox.prototype.start, step: FlowSandbox.prototype.step };
  await measure('(warm-up)', warm, runtimeScenario);
  Object.assign(FlowSandbox.prototype, originals);
  // Rounds alternate baseline and runtime, so a slow spell of this shared machine hits both; the
  // fastest round of each is compared (and every round's ratio is printed beside it).
  const baselines: Figures[] = [];
  const runtimes: Figures[] = [];
  for (let round = 0; round < rounds; round++) {
    const baseline = await measure('baseline', calls, baselineScenario);
    const runtime = await measure('runtime', calls, runtimeScenario);
    Object.assign(FlowSandbox.prototype, originals);
    baselines.push(baseline);
    runtimes.push(runtime);
    if (rounds > 1) {
      console.log(
        `round ${round + 1}   throughput runtime/baseline ${(runtime.stepsPerSecond / baseline.stepsPerSecond).toFixed(2)}`,
      );
    }
  }
  const fastest = (all: Figures[]) => all.reduce((a, b) => (b.stepsPerSecond > a.stepsPerSecond ? b : a));
  const baseline = fastest(baselines);
  const runtime = fastest(runtimes);
  const throughput = runtime.stepsPerSecond / baseline.stepsPerSecond;
  const memoryRatio = runtime.bytesPerWaitingCall / baseline.bytesPerWaitingCall;
  if (rounds > 1) {
    console.log(
      `best      baseline ${Math.round(baseline.stepsPerSecond).toLocaleString('en')} steps/s, ` +
        `runtime ${Math.round(runtime.stepsPerSecond).toLocaleString('en')} steps/s (fastest of ${rounds} rounds each)`,
    );
  }
  console.log(
    `ratio     throughput runtime/baseline ${throughput.toFixed(2)} (target ≥ 0.33: ${throughput >= 1 / 3 ? 'met' : 'MISSED'})` +
      `  memory per waiting call ${memoryRatio.toFixed(2)}× baseline, ${(runtime.bytesPerWaitingCall / 1024).toFixed(2)} KB ` +
      `(target ≤ 10 KB: ${runtime.bytesPerWaitingCall <= 10 * 1024 ? 'met' : 'MISSED'})`,
  );
  const short = [...baselines, ...runtimes].filter((f) => f.completed !== calls);
  if (short.length > 0) {
    console.log(
      `WARNING: ${short.length} run(s) completed fewer than ${calls} calls: ${short.map((f) => f.completed).join(', ')}`,
    );
  }
  rmSync(cacheDir, { recursive: true, force: true });
}
