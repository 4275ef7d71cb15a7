/**
 * The scan's worker pool: batches of notes in, serialized rows out, off the main thread. Its own small
 * pool on worker_threads (not piscina) because it must know which note a worker is on: each worker writes
 * the start time and index of its current note into a shared buffer, and a watchdog on the main thread
 * ends a worker whose note has run longer than the time budget (--timeout-ms).
 *
 * A worker that dies (out of memory, a crash) or is ended is replaced at once and the scan goes on:
 * - the note that ran over the time budget gets a `check_timeout` outcome;
 * - the note a worker died on is checked again, alone, in one extra worker with a large heap (a note too
 *   big for the regular workers' heap limits); if that worker dies too, the note gets `worker_crashed`;
 * - the other notes of its batches are checked again in the regular workers.
 */
import { Worker } from "node:worker_threads";
import type { BatchTask, FailureCode, RowOutcome } from "./worker.js";

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
/**
 * The extra worker's limits: enough for a note of the default --max-note-chars and well beyond, and a
 * limit all the same, so a note that needs more ends that worker (worker_crashed), never the process.
 */
export const LARGE_WORKER_LIMITS = { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: 3072 };

/** Batches handed to each worker at once (it works through them in order). */
export const BATCHES_AHEAD = 6;

/** Default time budget per note (--timeout-ms). */
export const DEFAULT_TIMEOUT_MS = 60_000;

const THREAD = new URL("./thread.js", import.meta.url);

interface Job {
  id: number;
  task: BatchTask;
  resolve: (o: RowOutcome[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  heartbeat: Float64Array;
  inflight: Job[];
  gone: boolean;
  /** Set by the watchdog before it ends the worker. */
  timedOut: boolean;
  /** The error the worker reported before it exited (ERR_WORKER_OUT_OF_MEMORY...). */
  error?: string;
}

/**
 * `onFailure(task, index, code, why)`: what becomes of the note a worker failed on. The regular pool
 * hands a crashed note to the large worker; the large worker's failures are final.
 */
type FailureHandler = (task: BatchTask, index: number, code: FailureCode, why: string) => Promise<RowOutcome>;

/** Replacements in a row without one batch done: past this, workers cannot start at all (a broken install). */
const MAX_FAILED_STARTS = 4;

class WorkerPool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 0;
  private closed = false;
  private failedStarts = 0;
  private readonly watchdog: NodeJS.Timeout;

  constructor(
    size: number,
    private readonly limits: { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number },
    private readonly ahead: number,
    private readonly timeoutMs: number,
    private readonly onFailure: FailureHandler,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
    this.watchdog = setInterval(() => this.watch(), Math.max(20, Math.min(1000, Math.floor(timeoutMs / 4))));
    this.watchdog.unref();
  }

  run(task: BatchTask, front = false): Promise<RowOutcome[]> {
    if (this.closed) return Promise.reject(new Error("pool closed"));
    return new Promise((resolve, reject) => {
      const job = { id: this.nextId++, task, resolve, reject };
      if (front) this.queue.unshift(job);
      else this.queue.push(job);
      this.dispatch();
    });
  }

  private spawn(): Slot {
    const heartbeat = new Float64Array(new SharedArrayBuffer(16));
    const worker = new Worker(THREAD, { workerData: { heartbeat: heartbeat.buffer }, resourceLimits: this.limits });
    const slot: Slot = { worker, heartbeat, inflight: [], gone: false, timedOut: false };
    worker.on("message", (msg: { id: number; outcomes?: RowOutcome[]; error?: string; unsupported?: boolean }) => {
      const job = slot.inflight.shift();
      if (!job) return;
      this.failedStarts = 0;
      if (msg.outcomes) job.resolve(msg.outcomes);
      else job.reject(Object.assign(new Error(msg.error ?? "error"), { name: msg.unsupported ? "UnsupportedCodeError" : "Error" }));
      this.dispatch();
    });
    worker.on("error", (err: Error) => {
      slot.error = (err as NodeJS.ErrnoException).code ?? err.name;
    });
    worker.on("exit", (code) => this.died(slot, code));
    return slot;
  }

  private dispatch(): void {
    for (;;) {
      if (this.queue.length === 0) return;
      let best: Slot | null = null;
      for (const s of this.slots) if (!s.gone && s.inflight.length < this.ahead && (!best || s.inflight.length < best.inflight.length)) best = s;
      if (!best) return;
      const job = this.queue.shift()!;
      best.inflight.push(job);
      best.worker.postMessage({ id: job.id, task: job.task });
    }
  }

  private watch(): void {
    const now = Date.now();
    for (const s of this.slots) {
      const started = s.heartbeat[0]!;
      if (!s.gone && started > 0 && now - started > this.timeoutMs) {
        s.timedOut = true;
        void s.worker.terminate();
      }
    }
  }

  private died(slot: Slot, exitCode: number): void {
    if (slot.gone) return;
    slot.gone = true;
    const index = this.slots.indexOf(slot);
    if (this.closed) return;
    const busy = slot.heartbeat[0]! > 0;
    const noteIndex = slot.heartbeat[1]!;
    const jobs = slot.inflight;
    slot.inflight = [];
    if (!busy && jobs.length > 0) this.failedStarts++;
    if (this.failedStarts > MAX_FAILED_STARTS) {
      // Workers die before checking anything: give up on these batches instead of restarting forever.
      for (const j of [...jobs, ...this.queue]) j.resolve(j.task.texts.map(() => ({ ok: false, code: "worker_crashed", error: `worker could not start (${slot.error ?? `exit ${exitCode}`})` })));
      this.queue = [];
      this.slots.splice(index, 1);
      return;
    }
    this.slots[index] = this.spawn();
    const [current, ...rest] = jobs;
    // Batches the worker had not started go back to the front of the queue, in order.
    for (const j of rest.reverse()) this.queue.unshift(j);
    if (current) {
      if (!busy) this.queue.unshift(current);
      else {
        const code: FailureCode = slot.timedOut ? "check_timeout" : "worker_crashed";
        const why = slot.timedOut ? `over the ${this.timeoutMs} ms time budget (--timeout-ms)` : (slot.error ?? `exit code ${exitCode}`);
        void this.recover(current, noteIndex, code, why);
      }
    }
    this.dispatch();
  }

  /** The batch a worker failed on: the failing note's outcome from onFailure, the others checked again. */
  private async recover(job: Job, failed: number, code: FailureCode, why: string): Promise<void> {
    const texts = job.task.texts;
    const others = texts.filter((_, i) => i !== failed);
    try {
      const [again, bad] = await Promise.all([
        others.length ? this.run({ ...job.task, texts: others, ...(job.task.heads ? { heads: job.task.heads.filter((_, i) => i !== failed) } : {}) }, true) : Promise.resolve([]),
        this.onFailure(job.task, failed, code, why),
      ]);
      const out: RowOutcome[] = [];
      let k = 0;
      for (let i = 0; i < texts.length; i++) out.push(i === failed ? bad : again[k++]!);
      job.resolve(out);
    } catch (err) {
      job.reject(err as Error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    for (const j of this.queue) j.reject(new Error("pool closed"));
    this.queue = [];
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

export function startPool(jobs: number, timeoutMs = DEFAULT_TIMEOUT_MS): CheckPool {
  // The large worker is started only when a note needs it, and checks one note at a time; its failures are final.
  let large: WorkerPool | null = null;
  const final: FailureHandler = async (_task, _i, code, why) => ({ ok: false, code, error: why });
  const toLarge: FailureHandler = async (task, i, code, why) => {
    if (code === "check_timeout") return { ok: false, code, error: why };
    large ??= new WorkerPool(1, LARGE_WORKER_LIMITS, 1, timeoutMs, final);
    const [one] = await large.run({ code: task.code, texts: [task.texts[i]!], ...(task.heads ? { heads: [task.heads[i]!] } : {}) });
    return one!;
  };
  const pool = new WorkerPool(jobs, WORKER_LIMITS, BATCHES_AHEAD, timeoutMs, toLarge);
  return {
    checkBatch: (task) => pool.run(task),
    close: async () => {
      await pool.close();
      if (large) await (large as WorkerPool).close();
    },
  };
}
