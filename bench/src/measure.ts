import { Bench } from 'tinybench';

/** One thing to time: `run` performs `batch` operations, so one tinybench sample covers many sub-microsecond calls. */
export interface TimedTask {
  readonly name: string;
  readonly batch: number;
  readonly run: () => Promise<void>;
}

/** Nanoseconds per operation of each task, one number per round. */
export type RoundTimings = ReadonlyMap<string, readonly number[]>;

/**
 * Times tasks with tinybench in several rounds, the tasks of a round back to back, so a burst of load from another process
 * on a shared machine spoils one round rather than one side of a comparison. Ratios are then taken per round (see
 * {@link medianRatio}).
 */
export async function timeRounds(
  tasks: readonly TimedTask[],
  options: {
    readonly rounds: number;
    readonly timeMs: number;
    readonly warmupMs?: number;
    /** Minimum samples per task and round (tinybench's default, 64, is long for millisecond tasks). */
    readonly iterations?: number;
  },
): Promise<RoundTimings> {
  const timings = new Map<string, number[]>(tasks.map((task) => [task.name, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    const bench = new Bench({
      time: options.timeMs,
      warmupTime: options.warmupMs ?? Math.min(200, options.timeMs),
      iterations: options.iterations ?? 64,
      warmupIterations: Math.min(16, options.iterations ?? 16),
      throws: true,
    });
    // Alternate the order, so neither side always runs on a warmer (or more tired) machine.
    const ordered = round % 2 === 0 ? tasks : [...tasks].reverse();
    for (const task of ordered) bench.add(task.name, task.run);
    await bench.run();
    for (const task of ordered) {
      const result = bench.getTask(task.name)?.result;
      if (result === undefined || !('latency' in result)) throw new Error(`${task.name}: tinybench gave no result`);
      timings.get(task.name)?.push((result.latency.mean * 1e6) / task.batch);
    }
  }
  return timings;
}

/** Throughput of `subject` as a multiple of `peer`'s (peer ns/op ÷ subject ns/op), the median over rounds. */
export function medianRatio(timings: RoundTimings, subject: string, peer: string): number {
  const a = timings.get(subject) ?? [];
  const b = timings.get(peer) ?? [];
  return median(a.map((ns, i) => (b[i] ?? Number.NaN) / ns));
}

/** The middle half of the per-round ratios (25th to 75th percentile): how much the machine moved them about. */
export function ratioSpread(timings: RoundTimings, subject: string, peer: string): [number, number] {
  const a = timings.get(subject) ?? [];
  const b = timings.get(peer) ?? [];
  const ratios = a.map((ns, i) => (b[i] ?? Number.NaN) / ns).sort((x, y) => x - y);
  return [quantile(ratios, 0.25), quantile(ratios, 0.75)];
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** Median ns/op of a task over rounds. */
export function medianNs(timings: RoundTimings, name: string): number {
  return median([...(timings.get(name) ?? [])]);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].filter((v) => !Number.isNaN(v)).sort((x, y) => x - y);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A deterministic [0, 1) generator (mulberry32), so simulations give the same figures on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
