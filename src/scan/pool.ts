/** The worker pool (piscina) running src/worker.ts: one note in, one result out, off the main thread. */
import { Piscina } from "piscina";
import type { WorkerTask } from "../worker.js";
import type { CheckResult } from "../schema.js";

export interface CheckPool {
  check(task: WorkerTask): Promise<CheckResult>;
  close(): Promise<void>;
}

/**
 * Heap limits per worker. V8 grows a busy isolate's heap lazily, well past its live data: with default
 * limits a 200,000-note scan reached 375 MB peak RSS with 2 workers, and 266 MB on 20,000 notes with these
 * (bench/scan.ts, docs/scan.md). A note too large for them (several MB of text) fails alone: its worker is
 * replaced and the note becomes a `check_failed` error row (ERR_WORKER_OUT_OF_MEMORY).
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 };

export function startPool(jobs: number): CheckPool {
  const pool = new Piscina({
    filename: new URL("../worker.js", import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 60_000,
    // Tasks in flight are bounded by the scan loop; piscina's own queue never grows past that.
    concurrentTasksPerWorker: 1,
    resourceLimits: WORKER_LIMITS,
  });
  // A worker that dies (out of memory) rejects its task, which becomes an error row; piscina also emits
  // the error on the pool and starts a new worker. Without this listener the process would exit.
  pool.on("error", () => {});
  return {
    check: (task) => pool.run(task) as Promise<CheckResult>,
    close: () => pool.destroy(),
  };
}
