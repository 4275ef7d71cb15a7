/** The worker pool (piscina) running src/scan/worker.ts: batches of notes in, serialized rows out, off the main thread. */
import { Piscina } from "piscina";
import type { BatchTask, RowOutcome } from "./worker.js";

export interface CheckPool {
  /** One outcome per text, in order. Rejects only when the batch as a whole is wrong (an unsupported code). */
  checkBatch(task: BatchTask): Promise<RowOutcome[]>;
  close(): Promise<void>;
}

/**
 * Heap limits per worker. V8 grows a busy isolate's heap lazily, well past its live data: with default
 * limits a 200,000-note scan reached 375 MB peak RSS with 2 workers, 263 MB with these (docs/scan.md).
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 };

/** Batches handed to each worker at once (it works through them in order). */
export const BATCHES_AHEAD = 6;

const WORKER = new URL("./worker.js", import.meta.url).href;

function isOutOfMemory(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === "ERR_WORKER_OUT_OF_MEMORY";
}

export function startPool(jobs: number): CheckPool {
  const pool = new Piscina({
    filename: WORKER,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 60_000,
    // Batches in flight are bounded by the scan loop; piscina's own queue never grows past that. Each
    // worker holds several batches ahead, so it does not wait while the main thread parses a chunk.
    concurrentTasksPerWorker: BATCHES_AHEAD,
    resourceLimits: WORKER_LIMITS,
  });
  // A worker that dies (out of memory) rejects its task; piscina also emits the error on the pool and
  // starts a new worker. Without this listener the process would exit.
  pool.on("error", () => {});
  // A note too big for those limits (the checker handles notes of 20 MB and more) is checked again,
  // alone, in one worker without the old-generation limit, started only when such a note turns up.
  // Every note of the batch that hit the limit goes there, one at a time.
  let large: Piscina | null = null;
  const checkLarge = async (task: BatchTask): Promise<RowOutcome[]> => {
    large ??= new Piscina({ filename: WORKER, minThreads: 0, maxThreads: 1, idleTimeout: 1_000, concurrentTasksPerWorker: 1 });
    const out: RowOutcome[] = [];
    for (const text of task.texts) {
      const one = await (large.run({ code: task.code, texts: [text] }) as Promise<RowOutcome[]>).catch(
        (err: unknown): RowOutcome[] => [{ ok: false, error: (err as NodeJS.ErrnoException).code ?? (err as Error).name }],
      );
      out.push(one[0]!);
    }
    return out;
  };
  return {
    checkBatch: (task) =>
      (pool.run(task) as Promise<RowOutcome[]>).catch((err: unknown) => {
        if (isOutOfMemory(err)) return checkLarge(task);
        throw err;
      }),
    close: async () => {
      await pool.destroy();
      if (large) await large.destroy();
    },
  };
}
