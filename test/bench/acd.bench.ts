/**
 * ACD benchmark. (a) Routing-decision latency with 10,000 operators, 100 queues and 20 skills, beside
 * a linear scan of all operators (or all waiting callers) in the same run. (b) Simulated days:
 * Poisson arrivals, exponential handle times, N operators — service level, average speed of answer,
 * abandon rate and EWT error, beside the Erlang C prediction for the same parameters; through the
 * routing core (hundreds of days), and one day through the whole ACD service on the PBX simulator
 * next to the core on exactly the same calls.
 *
 * `npm run bench -- acd` (`--quick` for a short run, `--no-sim` to skip the simulator, `--sim-hours=N`).
 */
import { cpus, loadavg } from 'node:os';
import { AcdCore } from '../../runtime/acd/acd-core.ts';
import { averageSpeedOfAnswer, erlangC, serviceLevel } from '../../runtime/acd/erlang-c.ts';
import { type AcdOperator, hasSkills } from '../../runtime/acd/operator.ts';
import { defaultQueue, type StrategyName } from '../../runtime/acd/queue-model.ts';
import { seededRandom } from '../../runtime/acd/seeded-random.ts';
import {
  type DayParams,
  type DayResult,
  dayOnSimulator,
  dayThroughCore,
  K_BUCKETS,
  pooled,
  workload,
} from './acd-day.ts';
import { ewtErrorFloor } from './ewt-floor.ts';

const STRATEGIES: StrategyName[] = [
  'ordered',
  'round-robin',
  'longest-idle',
  'fewest-calls',
  'least-talk-time',
  'random',
  'skills-weighted',
];
const SKILLS = Array.from({ length: 20 }, (_, i) => `skill${i}`);

interface Latency {
  indexed: number[];
  indexedCpu: number[];
  scanned: number[];
  scannedCpu: number[];
}

const latency = (): Latency => ({ indexed: [], indexedCpu: [], scanned: [], scannedCpu: [] });

/**
 * Wall time and this process's CPU time of one call, ns. CPU time leaves out the time the OS gave
 * to other processes: on a loaded machine wall-clock percentiles measure the neighbours too.
 */
function timed<T>(fn: () => T, wall: number[], cpu: number[]): T {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  const result = fn();
  wall.push(Number(process.hrtime.bigint() - t));
  const d = process.cpuUsage(c);
  cpu.push((d.user + d.system) * 1000);
  return result;
}

function p(ns: number[], pct: number): number {
  const sorted = [...ns].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((pct / 100) * sorted.length))] / 1000;
}

const fmt = (us: number) => `${us.toFixed(us < 10 ? 2 : 1)} µs`;

/** 10,000 operators in 1–3 of 100 queues with 3 of 20 skills; a share of them ready. */
function bigTenant(readyShare: number, seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const queues = Array.from({ length: 100 }, (_, i) =>
    defaultQueue(`q${i}`, {
      strategy: STRATEGIES[i % STRATEGIES.length],
      skills: random() < 0.3 ? [pick(SKILLS)] : [],
    }),
  );
  const core = new AcdCore({ tenant: 'bench', clock: { now: () => 0 }, queues, random });
  for (let i = 0; i < 10_000; i++) {
    const member = new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(queues).name));
    const skills = Object.fromEntries(
      Array.from({ length: 3 }, () => [pick(SKILLS), 1 + Math.floor(random() * 10)]),
    );
    core.upsertOperator({ id: `op${i}`, skills, queues: [...member] });
    core.logIn(`op${i}`, String(10_000 + i), `PJSIP/${10_000 + i}`);
    core.setState(`op${i}`, random() < readyShare ? 'Ready' : pick(['NotReady', 'Lunch', 'Break']));
  }
  return { core, random, pick, queues };
}

/** The baseline: look at every operator for one who can take the call (longest available first). */
function scanOperators(
  ops: AcdOperator[],
  core: AcdCore,
  queue: string,
  skills: string[],
): AcdOperator | null {
  let best: AcdOperator | null = null;
  for (const op of ops) {
    if (!core.operators.available(op) || !op.memberships.has(queue) || !hasSkills(op, skills)) continue;
    if (!best || op.availableSince < best.availableSince) best = op;
  }
  return best;
}

function callerSideLatency(decisions: number, warmUp: number): Latency {
  const { core, random, pick, queues } = bigTenant(0.4, 7);
  const ops = [...core.operators.all()];
  const r = latency();
  const skip = latency();
  for (let i = 0; i < warmUp + decisions; i++) {
    const into = i < warmUp ? skip : r;
    const q = pick(queues);
    const extra = random() < 0.3 ? [pick(SKILLS)] : [];
    const skills = [...new Set([...q.skills, ...extra])];
    timed(() => scanOperators(ops, core, q.name, skills), into.scanned, into.scannedCpu);
    const arrival = timed(
      () => core.arrive({ callId: `c${i}`, queue: q.name, skills: extra }),
      into.indexed,
      into.indexedCpu,
    );
    if (arrival.offers.length > 0) core.offerCancelled(`c${i}`);
    else core.leave(`c${i}`, 'abandoned');
  }
  return r;
}

/** Operators freeing up while 5,000 callers wait across the queues: which caller do they get? */
function operatorSideLatency(decisions: number, warmUp: number): Latency {
  const { core, random, pick, queues } = bigTenant(0, 11);
  const ops = [...core.operators.all()];
  const callers: Array<{ callId: string; queue: string; priority: number; skills: string[]; seq: number }> =
    [];
  for (let i = 0; i < 5_000; i++) {
    const q = pick(queues);
    const priority = random() < 0.1 ? 10 : 0;
    core.arrive({ callId: `w${i}`, queue: q.name, priority });
    callers.push({ callId: `w${i}`, queue: q.name, priority, skills: q.skills, seq: i });
  }
  const scan = (op: AcdOperator) => {
    let best: (typeof callers)[number] | null = null;
    for (const c of callers) {
      if (!op.memberships.has(c.queue) || !hasSkills(op, c.skills) || !core.isWaiting(c.callId)) continue;
      if (!best || c.priority > best.priority || (c.priority === best.priority && c.seq < best.seq)) best = c;
    }
    return best;
  };
  const r = latency();
  const skip = latency();
  for (let i = 0; i < warmUp + decisions; i++) {
    const into = i < warmUp ? skip : r;
    const op = pick(ops);
    timed(() => scan(op), into.scanned, into.scannedCpu);
    const offers = timed(() => core.setState(op.id, 'Ready'), into.indexed, into.indexedCpu);
    if (offers.length > 0) core.offerFailed(offers[0].callId, 'no-answer');
    else core.setState(op.id, 'NotReady');
  }
  return r;
}

function printLatency(title: string, r: Latency): void {
  const line = (ns: number[]) => `p50 ${fmt(p(ns, 50))}, p99 ${fmt(p(ns, 99))}`;
  console.log(`  ${title}`);
  console.log(`    indexed core: wall ${line(r.indexed)};  CPU ${line(r.indexedCpu)}`);
  console.log(`    linear scan:  wall ${line(r.scanned)};  CPU ${line(r.scannedCpu)}`);
  const met = (us: number) => (us < 1000 ? 'met' : 'NOT met');
  console.log(
    `    p99 scan / core: wall ${(p(r.scanned, 99) / p(r.indexed, 99)).toFixed(1)}×, CPU ${(p(r.scannedCpu, 99) / Math.max(1, p(r.indexedCpu, 99))).toFixed(1)}×` +
      `;  target p99 < 1 ms: wall ${met(p(r.indexed, 99))}, CPU ${met(p(r.indexedCpu, 99))}`,
  );
}

function printDay(label: string, p: DayParams, r: DayResult, breakdown = false): void {
  const s = r.snapshot;
  const a = (p.callsPerHour / 3600) * p.handleSec;
  const erlang = { agents: p.agents, arrivalRate: p.callsPerHour / 3600, handleTime: p.handleSec };
  const asaC = averageSpeedOfAnswer(erlang);
  const slC = serviceLevel(erlang, 20);
  const asa = s.averageSpeedOfAnswerMs / 1000;
  const e = s.ewt;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(`  ${label}: ${s.counters.joined} calls in ${(r.realMs / 1000).toFixed(1)} s real`);
  console.log(
    `    service level (20 s) ${pct(s.serviceLevel)}   [Erlang C ${pct(slC)}]` +
      `   ASA ${asa.toFixed(1)} s   [Erlang C ${asaC.toFixed(1)} s, P(wait) ${pct(erlangC(p.agents, a))}]` +
      `   ASA deviation ${pct((asa - asaC) / asaC)}`,
  );
  const mean = Math.max(1, e.meanActualMs);
  console.log(
    `    abandon rate ${pct(s.abandonRate)}   EWT error ${pct(e.relativeError)}` +
      ` (mean |error| ${(e.meanAbsoluteErrorMs / 1000).toFixed(1)} s over ${e.samples} answered callers who waited, mean wait ${(e.meanActualMs / 1000).toFixed(1)} s);` +
      ` mean signed error ${(e.meanErrorMs / 1000).toFixed(1)} s (${pct(e.meanErrorMs / mean)});` +
      ` the same formula fed the true AHT: ${pct(r.oracleMaeMs / mean)}`,
  );
  if (!breakdown) return;
  console.log('    EWT error by k (operators that had to free up: position − ready):');
  for (const [i, b] of r.buckets.entries()) {
    if (b.samples === 0) continue;
    console.log(
      `      ${K_BUCKETS[i].label.padEnd(9)} ${String(b.samples).padStart(7)} callers, mean wait ${(b.waitMs / b.samples / 1000).toFixed(1).padStart(6)} s:` +
        ` estimate ${pct(b.absErrorMs / b.waitMs).padStart(7)}, perfectly informed ${pct(b.oracleAbsErrorMs / b.waitMs).padStart(7)}`,
    );
  }
}

/** How the EWT error is measured, and the best any estimator can do, printed once. */
function printEwtMeasure(p: DayParams): void {
  const traffic = (p.callsPerHour / 3600) * p.handleSec;
  console.log(
    '  EWT error = Σ|first estimate − actual wait| / Σ actual wait, over answered callers who had to wait' +
      ' (they heard an estimate when they joined; callers offered an operator at once hear none, abandoned' +
      ' callers have no known wait). Per-caller ratios |e − a| / a are not averaged: short waits would rule them.',
  );
  console.log(
    `  Best possible for any estimator in Erlang C's model (${p.agents} operators, ${traffic.toFixed(0)} erlangs;` +
      ` the wait is Gamma-distributed around any estimate, test/bench/ewt-floor.ts): ${(ewtErrorFloor(p.agents, traffic) * 100).toFixed(1)} %`,
  );
}

export async function run(args: string[] = []): Promise<void> {
  const quick = args.includes('--quick');
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(`(a) routing decision latency: 10,000 operators, 100 queues (all 7 strategies), 20 skills`);
  console.log(`    [load average ${load} on ${cpus().length} cores]`);
  printLatency(
    'a caller arrives (40 % of operators ready; baseline: scan every operator, longest available first):',
    callerSideLatency(quick ? 5_000 : 20_000, 2_000),
  );
  printLatency(
    'an operator becomes Ready while 5,000 callers wait (baseline: scan every waiting caller):',
    operatorSideLatency(quick ? 2_000 : 10_000, 1_000),
  );

  // The textbook case: 100 calls per 30 minutes, 3-minute handle time = 10 erlangs, 12 operators.
  const base: DayParams = {
    callsPerHour: 200,
    handleSec: 180,
    agents: 12,
    hours: 8,
    patienceSec: null,
    seed: 1,
  };
  console.log('\n(b) simulated days: 200 calls/h, AHT 180 s (10 erlangs), 12 operators, ring 0, wrap-up 0');
  // A finite run scatters around the steady state (the ASA of one 8-hour day varies by ±20 %, of
  // 250 days still by ±5 %): four independent runs of `days` days each, pooled, bring the sampling
  // error down to a couple of percent, so the comparison with theory means something.
  const days = quick ? 20 : 250;
  const seeds = [1, 2, 3, 4];
  const long = seeds.map((seed) => ({ ...base, seed, hours: 8 * days }));
  const patient = long.map((p) => dayThroughCore(p, workload(p)));
  for (const [i, r] of patient.entries()) {
    const asa = r.snapshot.averageSpeedOfAnswerMs / 1000;
    console.log(
      `  routing core, run ${i + 1}: ${days} days, ${r.snapshot.counters.joined} calls, ASA ${asa.toFixed(1)} s`,
    );
  }
  const all = pooled(patient);
  printEwtMeasure(base);
  printDay(
    `routing core, ${seeds.length} runs × ${days} days pooled, callers wait as long as it takes`,
    base,
    all,
    true,
  );
  const impatient = long.map((p) => ({ ...p, patienceSec: 120 }));
  const gaveUp = pooled(impatient.map((p) => dayThroughCore(p, workload(p))));
  printDay(
    `routing core, ${seeds.length} × ${days} days, callers give up after 2 min on average (not Erlang C's model)`,
    base,
    gaveUp,
  );
  if (!args.includes('--no-sim')) {
    const asked = Number(args.find((a) => a.startsWith('--sim-hours='))?.split('=')[1]);
    const hours = Number.isFinite(asked) && asked > 0 ? asked : quick ? 2 : 8;
    const day = { ...base, hours };
    const calls = workload(day);
    const core = dayThroughCore(day, calls);
    const sim = await dayOnSimulator(day, calls);
    console.log(
      `  the same ${hours} h of calls (${calls.length}) through the routing core and through the whole ACD service:`,
    );
    printDay('routing core', base, core);
    printDay('ACD service on the PBX simulator (ARI over loopback)', base, sim, true);
    const coreAsa = core.snapshot.averageSpeedOfAnswerMs;
    const dev = (sim.snapshot.averageSpeedOfAnswerMs - coreAsa) / coreAsa;
    console.log(
      `    service vs core on the same calls: ASA ${(dev * 100).toFixed(1)} %, answered ${sim.snapshot.counters.answered} vs ${core.snapshot.counters.answered}`,
    );
  }
}
