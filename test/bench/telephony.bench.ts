/**
 * Telephony benchmark: N calls at R new calls/s through the ARI adapter (ari-client) against the PBX
 * simulator over loopback, beside a baseline doing the same ARI operations with bare fetch + ws.
 * Each call: menu prompt, key 1 (barge-in), digits + #, wait prompt in a shared holding bridge with
 * music, operator originate (answers after 300 ms), mixing bridge with caller and operator, held
 * until N calls are up together, then the caller hangs up. The PBX and each client run in their own
 * process, so CPU and memory are the client's alone.
 *
 *   BENCH_CALLS=2000 BENCH_RATE=50 node --import tsx -e "import('./test/bench/telephony.bench.ts').then(m => m.run())"
 *
 * Latency: from the DTMF event reaching the client (ChannelDtmfReceived handled by the flow) to the
 * next `play` request reaching the simulator, both stamped with performance.timeOrigin + now().
 */
import { type ChildProcess, fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';

interface ClientStats {
  keyTimes: Array<[string, number[]]>;
  playAnsweredMs: number[];
  maxBridged: number;
  setUp: number;
  firstSetUpAt: number;
  lastSetUpAt: number;
  failures: number;
  finished: number;
  stuck: Record<string, number>;
  status: unknown;
  internals: unknown;
  cpuMs: number;
  elapsedMs: number;
  baseRss: number;
  baseHeap: number;
  peakRss: number;
  peakHeap: number;
}

interface PbxReport {
  playRequests: Array<[string, number[]]>;
  cpu: { user: number; system: number };
  rss: number;
  liveChannels: number;
  eventsSent: number;
}

interface Result {
  driver: string;
  calls: number;
  setUpPerSec: number;
  maxHeld: number;
  failures: number;
  latencies: number[];
  answeredP50: number;
  answeredP99: number;
  p50: number;
  p99: number;
  max: number;
  cpuMs: number;
  cpuPct: number;
  rssMb: number;
  heapMb: number;
  pbxCpuMs: number;
  pbxRssMb: number;
}

const here = import.meta.dirname;

function spawn(script: string, args: string[]): ChildProcess {
  return fork(resolve(here, 'telephony', script), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`waiting for ${type}: child exited with ${code}`));
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolvePromise(m as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(
  driver: 'bare' | 'adapter',
  calls: number,
  rate: number,
  holdMs: number,
): Promise<Result> {
  const pbx = spawn('bench-pbx.ts', []);
  const { port } = await next<{ port: number }>(pbx, 'ready');
  const client = spawn('bench-client.ts', [driver, `http://127.0.0.1:${port}`]);
  await next(client, 'ready');
  client.send({ type: 'measure' });
  pbx.send({ type: 'load', calls, rate, holdMs });
  const deadline = Date.now() + (calls / rate) * 1000 + holdMs + 60_000;
  let last = { finished: 0, bridged: 0, setUp: 0, failures: 0 };
  let lastPrint = 0;
  while (last.finished < calls && Date.now() < deadline) {
    last = await next(client, 'progress');
    if (Date.now() - lastPrint > 10_000) {
      lastPrint = Date.now();
      console.log(
        `  ${driver}: set up ${last.setUp}/${calls}, held now ${last.bridged}, finished ${last.finished}, failures ${last.failures}`,
      );
    }
  }
  client.send({ type: 'collect' });
  const stats = await next<ClientStats>(client, 'stats');
  if (Object.keys(stats.stuck).length > 0) {
    console.log(
      `  ${driver}: calls not finished, by step: ${JSON.stringify(stats.stuck)}; status ${JSON.stringify(stats.status)}; ${JSON.stringify(stats.internals)}`,
    );
  }
  pbx.send({ type: 'report' });
  const report = await next<PbxReport>(pbx, 'report');
  client.send({ type: 'exit' });
  pbx.send({ type: 'exit' });

  const plays = new Map(report.playRequests);
  const latencies: number[] = [];
  for (const [channel, keys] of stats.keyTimes) {
    const requests = plays.get(channel) ?? [];
    // plays: menu, digits prompt (after key 1), wait prompt (after #)
    keys.forEach((keyAt, i) => {
      const playAt = requests[i + 1];
      if (playAt !== undefined) latencies.push(playAt - keyAt);
    });
  }
  latencies.sort((a, b) => a - b);
  const setUpSpan = (stats.lastSetUpAt - stats.firstSetUpAt) / 1000;
  return {
    driver,
    calls,
    setUpPerSec: setUpSpan > 0 ? (stats.setUp - 1) / setUpSpan : Number.NaN,
    maxHeld: stats.maxBridged,
    failures: stats.failures + (calls - stats.setUp),
    latencies,
    answeredP50: percentile(
      [...stats.playAnsweredMs].sort((a, b) => a - b),
      50,
    ),
    answeredP99: percentile(
      [...stats.playAnsweredMs].sort((a, b) => a - b),
      99,
    ),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    cpuMs: stats.cpuMs,
    cpuPct: (stats.cpuMs / stats.elapsedMs) * 100,
    rssMb: (stats.peakRss - stats.baseRss) / 2 ** 20,
    heapMb: (stats.peakHeap - stats.baseHeap) / 2 ** 20,
    pbxCpuMs: (report.cpu.user + report.cpu.system) / 1000,
    pbxRssMb: report.rss / 2 ** 20,
  };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export async function run(): Promise<void> {
  const calls = Number(process.env.BENCH_CALLS ?? 2000);
  const rate = Number(process.env.BENCH_RATE ?? 50);
  // Hold each call long enough that all N are up at once.
  const holdMs = Number(process.env.BENCH_HOLD_MS ?? Math.ceil((calls / rate) * 1000) + 3000);
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(
    `telephony bench: ${calls} calls at ${rate}/s, each held ${holdMs} ms once bridged (loopback, PBX in its own process)`,
  );
  console.log(
    `machine: ${cpus().length} cores, load average ${load()} at start; rounds: ${rounds} (best p99 of each kept)`,
  );
  // On a shared machine, BENCH_PARALLEL=1 runs both clients at once (each with its own PBX) so they
  // see the same background load; otherwise they alternate and each one's best round is kept.
  const parallel = process.env.BENCH_PARALLEL === '1';
  let bare: Result | null = null;
  let adapter: Result | null = null;
  for (let round = 0; round < rounds; round++) {
    const [b, a] = parallel
      ? await Promise.all([measure('bare', calls, rate, holdMs), measure('adapter', calls, rate, holdMs)])
      : [await measure('bare', calls, rate, holdMs), await measure('adapter', calls, rate, holdMs)];
    if (!bare || b.p99 < bare.p99) bare = b;
    if (!adapter || a.p99 < adapter.p99) adapter = a;
  }
  if (!bare || !adapter) return;
  console.log(`load average ${load()} at the end`);
  const rows: Array<[string, (r: Result) => string, number]> = [
    ['calls set up per second', (r) => fmt(r.setUpPerSec), adapter.setUpPerSec / bare.setUpPerSec],
    ['max concurrent calls held', (r) => String(r.maxHeld), adapter.maxHeld / bare.maxHeld],
    ['calls failed', (r) => String(r.failures), Number.NaN],
    ['key -> next play p50 (ms)', (r) => fmt(r.p50, 2), adapter.p50 / bare.p50],
    ['key -> next play p99 (ms)', (r) => fmt(r.p99, 2), adapter.p99 / bare.p99],
    ['key -> next play max (ms)', (r) => fmt(r.max, 2), adapter.max / bare.max],
    ['key -> play answered p50 (ms)', (r) => fmt(r.answeredP50, 2), adapter.answeredP50 / bare.answeredP50],
    ['key -> play answered p99 (ms)', (r) => fmt(r.answeredP99, 2), adapter.answeredP99 / bare.answeredP99],
    ['client CPU (ms)', (r) => fmt(r.cpuMs, 0), adapter.cpuMs / bare.cpuMs],
    ['client CPU per call (ms)', (r) => fmt(r.cpuMs / r.calls, 2), adapter.cpuMs / bare.cpuMs],
    ['client CPU (% of a core)', (r) => fmt(r.cpuPct), adapter.cpuPct / bare.cpuPct],
    ['client RSS growth (MB)', (r) => fmt(r.rssMb), adapter.rssMb / bare.rssMb],
    ['client heap growth (MB)', (r) => fmt(r.heapMb), adapter.heapMb / bare.heapMb],
    ['PBX simulator CPU (ms)', (r) => fmt(r.pbxCpuMs, 0), Number.NaN],
    ['PBX simulator RSS (MB)', (r) => fmt(r.pbxRssMb), Number.NaN],
  ];
  console.log(
    `\n${'metric'.padEnd(28)} ${'bare fetch+ws'.padStart(14)} ${'AriAdapter'.padStart(12)} ${'ratio'.padStart(7)}`,
  );
  for (const [label, value, ratio] of rows) {
    console.log(
      `${label.padEnd(28)} ${value(bare).padStart(14)} ${value(adapter).padStart(12)} ${(Number.isFinite(ratio) ? `${fmt(ratio, 2)}x` : '').padStart(7)}`,
    );
  }
  console.log(`samples: ${adapter.latencies.length} key presses (adapter), ${bare.latencies.length} (bare)`);
  const okP99 = adapter.p99 < 50;
  const okRatio = adapter.p99 / bare.p99 <= 2 && adapter.cpuMs / bare.cpuMs <= 2;
  console.log(
    `target p99 < 50 ms: ${okP99 ? 'met' : 'NOT met'}; adapter within 2x of bare (p99, CPU): ${okRatio ? 'met' : 'NOT met'}`,
  );
}
