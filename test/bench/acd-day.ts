/**
 * A simulated contact-center day for the ACD benchmark: Poisson arrivals, exponential handle times,
 * N operators in one queue, optionally impatient callers (exponential patience). The calls are drawn
 * once (`workload`) and fed to two drivers with the same event timing: the routing core alone (a
 * small discrete-event loop, fast enough for hundreds of days), and the full ACD service on the PBX
 * simulator through the ARI adapter (virtual time).
 */
import type { QueueOutcome } from '../../runtime/acd/acd.ts';
import { AcdCore, type Offer, type QueueSnapshot } from '../../runtime/acd/acd-core.ts';
import { AcdService } from '../../runtime/acd/acd-service.ts';
import { estimateWaitMs } from '../../runtime/acd/ewt.ts';
import { defaultQueue } from '../../runtime/acd/queue-model.ts';
import { queueFigures } from '../../runtime/acd/queue-stats.ts';
import { seededRandom } from '../../runtime/acd/seeded-random.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { settleIo } from '../../runtime/settle-io.ts';
import { AriAdapter } from '../../telephony/ari-adapter.ts';
import { startPbxSimulator } from '../../telephony/simulator/index.ts';

export interface DayParams {
  callsPerHour: number;
  handleSec: number;
  agents: number;
  hours: number;
  /** Mean patience of a waiting caller, s; null: callers wait as long as it takes (Erlang C). */
  patienceSec: number | null;
  seed: number;
}

/** One caller of the workload: when it calls, how long its talk lasts, how long it would wait. */
export interface WorkloadCall {
  arriveMs: number;
  handleMs: number;
  patienceMs: number | null;
}

export interface DayResult {
  snapshot: QueueSnapshot;
  /** The same EWT formula fed the true AHT and staffing: what a perfectly informed estimate scores. */
  oracleMaeMs: number;
  buckets: EwtBucket[];
  realMs: number;
}

const exp = (random: () => number, mean: number) => -Math.log(1 - random()) * mean;
const QUEUE = defaultQueue('q', { wrapUpMs: 0, serviceLevelMs: 20_000, strategy: 'longest-idle' });

export function workload(p: DayParams): WorkloadCall[] {
  const random = seededRandom(p.seed);
  const gap = () => exp(random, 3_600_000 / p.callsPerHour);
  const calls: WorkloadCall[] = [];
  for (let t = gap(); t < p.hours * 3_600_000; t += gap()) {
    const handleMs = exp(random, p.handleSec * 1000);
    calls.push({
      arriveMs: t,
      handleMs,
      patienceMs: p.patienceSec === null ? null : exp(random, p.patienceSec * 1000),
    });
  }
  return calls;
}

/** How many operators had to free up for a caller (k = position − ready), bucketed for the report. */
export const K_BUCKETS = [
  { label: 'k = 1', max: 1 },
  { label: 'k = 2–3', max: 3 },
  { label: 'k = 4–7', max: 7 },
  { label: 'k = 8–15', max: 15 },
  { label: 'k ≥ 16', max: Number.POSITIVE_INFINITY },
] as const;

export interface EwtBucket {
  samples: number;
  absErrorMs: number;
  oracleAbsErrorMs: number;
  waitMs: number;
}

/**
 * Each waiting caller's first estimate (the one the core announced) and the estimate a perfectly
 * informed oracle would give — the same formula fed the true AHT and staffing — scored against the
 * actual wait of the callers who were answered, per k bucket. Counts the same callers as the
 * core's `EwtAccuracy`: those who had to wait and were answered.
 */
class EwtProbe {
  private readonly pending = new Map<string, { k: number; estimateMs: number; oracleMs: number }>();
  readonly buckets: EwtBucket[] = K_BUCKETS.map(() => ({
    samples: 0,
    absErrorMs: 0,
    oracleAbsErrorMs: 0,
    waitMs: 0,
  }));

  constructor(private readonly p: DayParams) {}

  joined(callId: string, position: number, ready: number, estimateMs: number): void {
    const k = position - ready;
    if (k <= 0) return;
    const oracleMs = estimateWaitMs({
      position,
      ready,
      serving: this.p.agents,
      averageHandleMs: this.p.handleSec * 1000,
    });
    this.pending.set(callId, { k, estimateMs, oracleMs });
  }

  left(callId: string, answered: boolean, waitedMs: number): void {
    const probe = this.pending.get(callId);
    this.pending.delete(callId);
    if (!probe || !answered) return;
    const b = this.buckets[K_BUCKETS.findIndex((bucket) => probe.k <= bucket.max)];
    b.samples++;
    b.absErrorMs += Math.abs(probe.estimateMs - waitedMs);
    b.oracleAbsErrorMs += Math.abs(probe.oracleMs - waitedMs);
    b.waitMs += waitedMs;
  }

  get oracleMaeMs(): number {
    const n = this.buckets.reduce((sum, b) => sum + b.samples, 0);
    return n > 0 ? this.buckets.reduce((sum, b) => sum + b.oracleAbsErrorMs, 0) / n : 0;
  }
}

/** The routing core driven by a discrete-event loop: ring time 0, wrap-up 0. */
export function dayThroughCore(p: DayParams, calls: WorkloadCall[]): DayResult {
  const started = performance.now();
  const events = new EventHeap();
  let now = 0;
  const core = new AcdCore({
    tenant: 'bench',
    clock: { now: () => now },
    queues: [QUEUE],
    initialHandleMs: p.handleSec * 1000,
  });
  const probe = new EwtProbe(p);
  core.onEvent((e) => e.type === 'caller-left' && probe.left(e.callId, e.reason === 'answered', e.waitedMs));
  const handle = new Map<string, number>();
  const serve = (offers: Offer[]) => {
    for (const offer of offers) {
      core.offerAnswered(offer.callId);
      events.at(now + handle.get(offer.callId)!, () => serve(core.callEnded(offer.callId)?.offers ?? []));
    }
  };
  for (let i = 0; i < p.agents; i++) {
    core.upsertOperator({ id: `op${i}`, queues: ['q'] });
    core.logIn(`op${i}`, String(2000 + i), `PJSIP/${2000 + i}`);
    core.setState(`op${i}`, 'Ready');
  }
  calls.forEach((call, i) => {
    events.at(call.arriveMs, () => {
      const callId = `c${i}`;
      handle.set(callId, call.handleMs);
      const ready = core.snapshot('q').ready;
      const arrival = core.arrive({ callId, queue: 'q' });
      if (arrival.offers.length === 0) probe.joined(callId, arrival.position, ready, arrival.estimateMs);
      serve(arrival.offers);
      if (call.patienceMs !== null && arrival.offers.length === 0) {
        events.at(now + call.patienceMs, () => core.leave(callId, 'abandoned'));
      }
    });
  });
  for (let e = events.next(); e; e = events.next()) {
    now = e.at;
    e.run();
  }
  return {
    snapshot: core.snapshot('q'),
    oracleMaeMs: probe.oracleMaeMs,
    buckets: probe.buckets,
    realMs: performance.now() - started,
  };
}

/** The ACD service on the PBX simulator over loopback; operators' phones answer as they ring. */
export async function dayOnSimulator(p: DayParams, calls: WorkloadCall[]): Promise<DayResult> {
  const started = performance.now();
  let acd: AcdService | null = null;
  let handled = -1;
  const clock = new VirtualClock({
    start: '2026-01-05T08:00:00Z',
    settle: () =>
      settleIo({
        busy: () => {
          // Busy while the simulator answers requests or sends events, or the ACD awaits the PBX.
          const count = simulator.requestsHandled() + simulator.world.bus.sent;
          const moved = count !== handled;
          handled = count;
          return moved || (acd?.busy() ?? false);
        },
        quietMs: 3,
        maxWaitMs: 2_000,
      }),
  });
  const simulator = await startPbxSimulator({ clock });
  simulator.world.transcripts.retain = false;
  const adapter = new AriAdapter({
    url: simulator.ariUrl,
    username: 'asterisk',
    password: 'asterisk',
    app: 'callflow',
    log: () => {},
  });
  acd = new AcdService({ pbx: adapter, clock, initialHandleMs: p.handleSec * 1000 });
  const service = acd;
  const core = service.configureTenant({ tenant: 'bench', queues: [QUEUE] });
  for (let i = 0; i < p.agents; i++) {
    simulator.control.defineOperator(`PJSIP/${2000 + i}`, { type: 'answer-after', delayMs: 0 });
    service.upsertOperator('bench', { id: `op${i}`, queues: ['q'] });
    service.logIn('bench', `op${i}`, String(2000 + i));
    service.setState('bench', `op${i}`, 'Ready');
  }
  const probe = new EwtProbe(p);
  core.onEvent((e) => e.type === 'caller-left' && probe.left(e.callId, e.reason === 'answered', e.waitedMs));
  // The caller number carries the workload index of the call.
  await adapter.start((inbound) => void serveCaller(Number(inbound.callerNumber), inbound.channelId));
  async function serveCaller(index: number, channelId: string): Promise<void> {
    const call = calls[index];
    const callId = `c${index}`;
    await adapter.answer(channelId);
    const ready = core.snapshot('q').ready;
    const outcome = service.enqueue({
      callId,
      tenant: 'bench',
      channelId,
      caller: { number: String(index), name: null },
      queue: 'q',
      priority: 0,
      skills: [],
      maxWaitMs: null,
      announceEveryMs: null,
      music: null,
      announce: null,
    });
    const first = core.waitEstimate(callId);
    if (first) probe.joined(callId, first.position, ready, first.estimateMs);
    const hangUp = () => simulator.control.hangup(channelId);
    const giveUp = call.patienceMs === null ? null : clock.setTimer(call.patienceMs, hangUp);
    const result: QueueOutcome | null = await outcome.catch(() => null);
    clock.clearTimer(giveUp);
    if (result?.type === 'connected') clock.setTimer(call.handleMs, hangUp);
  }
  calls.forEach((call, i) => {
    clock.setTimer(call.arriveMs, () => simulator.control.placeCall({ from: String(i), to: '0800300400' }));
  });
  await clock.runUntilIdle(p.hours * 3_600_000 + 6 * 3_600_000);
  const snapshot = core.snapshot('q');
  await service.stop();
  await adapter.stop();
  await simulator.close();
  return {
    snapshot,
    oracleMaeMs: probe.oracleMaeMs,
    buckets: probe.buckets,
    realMs: performance.now() - started,
  };
}

/** A binary min-heap of timed events (ties in insertion order). */
class EventHeap {
  private readonly heap: Array<{ at: number; seq: number; run: () => void }> = [];
  private seq = 0;

  at(time: number, run: () => void): void {
    const h = this.heap;
    h.push({ at: time, seq: this.seq++, run });
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  next(): { at: number; run: () => void } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (l + 1 < h.length && before(h[l + 1], h[m])) m = l + 1;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Several independent runs as one: counters added, averages weighted by their samples. */
export function pooled(runs: DayResult[]): DayResult {
  const counters = { ...runs[0].snapshot.counters };
  for (const r of runs.slice(1)) {
    for (const k of Object.keys(counters) as (keyof typeof counters)[]) counters[k] += r.snapshot.counters[k];
  }
  const samples = runs.reduce((n, r) => n + r.snapshot.ewt.samples, 0);
  const weighted = (f: (r: DayResult) => number) =>
    samples > 0 ? runs.reduce((sum, r) => sum + f(r) * r.snapshot.ewt.samples, 0) / samples : 0;
  const ewt = {
    samples,
    meanAbsoluteErrorMs: weighted((r) => r.snapshot.ewt.meanAbsoluteErrorMs),
    meanErrorMs: weighted((r) => r.snapshot.ewt.meanErrorMs),
    meanActualMs: weighted((r) => r.snapshot.ewt.meanActualMs),
    meanEstimateMs: weighted((r) => r.snapshot.ewt.meanEstimateMs),
    relativeError: 0,
  };
  ewt.relativeError = ewt.meanActualMs > 0 ? ewt.meanAbsoluteErrorMs / ewt.meanActualMs : 0;
  const buckets = runs[0].buckets.map((_, i) => {
    const sum = (f: (b: EwtBucket) => number) => runs.reduce((total, r) => total + f(r.buckets[i]), 0);
    return {
      samples: sum((b) => b.samples),
      absErrorMs: sum((b) => b.absErrorMs),
      oracleAbsErrorMs: sum((b) => b.oracleAbsErrorMs),
      waitMs: sum((b) => b.waitMs),
    };
  });
  return {
    snapshot: { ...runs[0].snapshot, counters, ...queueFigures(counters), ewt },
    oracleMaeMs: weighted((r) => r.oracleMaeMs),
    buckets,
    realMs: runs.reduce((t, r) => t + r.realMs, 0),
  };
}
