/** Timings shared by the benchmarks: median (and fastest, for noisy machines) of repeated runs. */
export function timeRuns(fn: () => void, runs: number, warmup = 3): { median: number; fastest: number } {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], fastest: times[0] };
}

/** Median of `runs` timings (ms) of `fn`, after `warmup` untimed runs. */
export function median(fn: () => void, runs: number, warmup = 3): number {
  return timeRuns(fn, runs, warmup).median;
}
