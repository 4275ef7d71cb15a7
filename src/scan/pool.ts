/** The worker pool (piscina) running src/worker.ts: one note in, one result out, off the main thread. */
import { Piscina } from "piscina";
import type { WorkerTask } from "../worker.js";
import type { CheckResult } from "../schema.js";

export interface CheckPool {
  check(task: WorkerTask): Promise<CheckResult>;
  close(): Promise<void>;
}

export function startPool(jobs: number): CheckPool {
  const pool = new Piscina({
    filename: new URL("../worker.js", import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 60_000,
    // Tasks in flight are bounded by the scan loop; piscina's own queue never grows past that.
    concurrentTasksPerWorker: 1,
  });
  return {
    check: (task) => pool.run(task) as Promise<CheckResult>,
    close: () => pool.destroy(),
  };
}
