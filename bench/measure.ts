/** Small timing helpers for the benchmark: medians and percentiles over repeated runs, never a single sample. */
export interface Rate {
  perSecond: number;
  p50Micros: number;
  p99Micros: number;
}

/** Runs `work` repeatedly for about `seconds` after a warm-up, timing each call. */
export function measureRate(work: () => unknown, seconds = 2): Rate {
  const warmUntil = performance.now() + 300;
  while (performance.now() < warmUntil) work();
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const total = samples.reduce((sum, sample) => sum + sample, 0);
  return {
    perSecond: samples.length / (total / 1000),
    p50Micros: percentile(samples, 0.5) * 1000,
    p99Micros: percentile(samples, 0.99) * 1000,
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

export function ratio(ours: number, baseline: number): string {
  return `${(ours / baseline).toFixed(2)}x`;
}
