/**
 * One measured client process: runs the benchmark call flow through either the AriAdapter
 * (ari-client) or the bare fetch + ws baseline, against the PBX at argv[3].
 *   node --import tsx bench-client.ts <adapter|bare> <origin>
 * IPC: -> ready, progress {finished, bridged} (each second), stats;  <- measure, collect, exit
 */
import { AriAdapter } from '../../../telephony/ari-adapter.ts';
import { BareAriPort } from './bare-ari-port.ts';
import { type BenchPort, type FlowOptions, handleCall, newStats } from './bench-flow.ts';

const [driver, origin] = process.argv.slice(2);
const port: BenchPort =
  driver === 'adapter'
    ? new AriAdapter({
        url: origin,
        username: 'asterisk',
        password: 'asterisk',
        app: 'callflow',
        log: () => {},
      })
    : new BareAriPort(origin, 'asterisk', 'asterisk');
const stats = newStats();
const options: FlowOptions = { queueBridge: '', queueWaitMs: 1000, operatorEndpoint: 'PJSIP/agent' };
const send = (message: unknown) => process.send?.(message);

await port.start((call) => handleCall(port, call, stats, options));
options.queueBridge = await port.createBridge('holding');
await port.startBridgeMoh(options.queueBridge, 'default');

let cpu0 = process.cpuUsage();
let base = process.memoryUsage();
let peakRss = base.rss;
let peakHeap = base.heapUsed;
let started = performance.now();
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  send({
    type: 'progress',
    finished: stats.finished,
    bridged: stats.bridged,
    setUp: stats.setUp,
    failures: stats.failures,
  });
}, 1000);

process.on('message', (message: { type: string }) => {
  if (message.type === 'measure') {
    cpu0 = process.cpuUsage();
    base = process.memoryUsage();
    peakRss = base.rss;
    peakHeap = base.heapUsed;
    started = performance.now();
  } else if (message.type === 'collect') {
    const cpu = process.cpuUsage(cpu0);
    send({
      type: 'stats',
      keyTimes: [...stats.keyTimes],
      playAnsweredMs: stats.playAnsweredMs,
      maxBridged: stats.maxBridged,
      setUp: stats.setUp,
      firstSetUpAt: stats.firstSetUpAt,
      lastSetUpAt: stats.lastSetUpAt,
      failures: stats.failures,
      finished: stats.finished,
      stuck: Object.fromEntries(
        [...stats.steps.values()].reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>()),
      ),
      status: 'status' in port ? (port as { status(): unknown }).status() : null,
      internals: 'internals' in port ? (port as { internals(): unknown }).internals() : null,
      cpuMs: (cpu.user + cpu.system) / 1000,
      elapsedMs: performance.now() - started,
      baseRss: base.rss,
      baseHeap: base.heapUsed,
      peakRss,
      peakHeap,
    });
  } else if (message.type === 'exit') {
    clearInterval(sampler);
    port.stop().finally(() => process.exit(0));
  }
});

send({ type: 'ready' });
