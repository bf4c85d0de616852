/**
 * Closed-loop load: `concurrency` clients, each starting its next operation as soon as the
 * previous one answers, until `total` operations are done. That mirrors technicians who each
 * submit one enrollment at a time, and it never queues more work than there are clients.
 */
export interface LoadResult {
  /** Per-operation latency as measured by the operation itself. */
  latenciesMs: number[];
  wallMs: number;
  operationsPerSecond: number;
}

/**
 * `operation(index)` returns its own latency, so it can keep preparation (building a request
 * body) out of the figure. Indexes run from `firstIndex` to `firstIndex + total - 1`.
 * The first failure stops the clients and is rethrown: a partial run is never reported.
 */
export async function runClosedLoop(
  options: { total: number; concurrency: number; firstIndex?: number },
  operation: (index: number) => Promise<number>,
): Promise<LoadResult> {
  const first = options.firstIndex ?? 0;
  const latenciesMs: number[] = [];
  let next = 0;
  let failed = false;
  const client = async () => {
    while (!failed && next < options.total) {
      const index = first + next++;
      try {
        latenciesMs.push(await operation(index));
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const started = process.hrtime.bigint();
  const clients = Array.from({ length: Math.min(options.concurrency, options.total) }, client);
  const outcomes = await Promise.allSettled(clients);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const rejection = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (rejection) throw rejection.reason;
  return { latenciesMs, wallMs, operationsPerSecond: (latenciesMs.length * 1000) / wallMs };
}
