/**
 * Where the server runs check(): a piscina pool of worker threads (dist/server/check-worker.js), so the
 * event loop stays free for /healthz and for parsing while notes are checked, or in-process (tests only).
 * Either way a check comes back as the answer's JSON bytes (see check-worker.ts): serializing a
 * result of tens of kilobytes, and rebuilding it from a structured clone, was most of the event loop's
 * time per request under load.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { CheckResult } from "../schema.js";
import type { WorkerTask } from "../worker.js";
import { checkToJson, DEFAULT_WORKER_NICE, type CheckedNote, type ServerTask } from "./check-worker.js";

export { DEFAULT_WORKER_NICE };
export type { CheckedNote, ServerTask };

export interface Checker {
  /** Checks one note; resolves to its verdict and the answer's JSON bytes. */
  run(task: ServerTask): Promise<CheckedNote>;
  /** Tasks waiting for a thread; the server answers 503 when this reaches `maxQueue`. */
  queued(): number;
  readonly maxQueue: number;
  /** Runs one small check per thread so that the first real note does not pay for loading. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

const WARM_UP_NOTE = "IMAGING: CT shows bony bridging across C1-C2.\nASSESSMENT: Acquired ankylosis of C1-C2 due to rheumatoid arthritis.";

/**
 * Overload shedding is this queue check, made synchronously for each note as it is handed to the pool
 * (and for a whole batch before any of it is). @fastify/under-pressure was measured as a replacement and
 * kept out: it sheds on event-loop delay, heap, RSS or a `healthCheck` it polls every
 * `healthCheckInterval`, so a burst between two polls all gets in (60 simultaneous requests against a
 * limit of 10 waiting, polled every 100 ms: 60 admitted, 58 waiting at once; this check: 20 admitted,
 * 40 shed, never more than 10 waiting). The checks run in worker threads, so the event loop it watches
 * is not where the load is.
 */
export class OverloadedError extends Error {
  constructor() {
    super("server busy: too many notes waiting to be checked, retry shortly");
    this.name = "OverloadedError";
  }
}

/** A check that did not finish within its time budget; its worker thread was stopped and replaced. */
export class CheckTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the check did not finish within ${timeoutMs} ms (--check-timeout)`);
    this.name = "CheckTimeoutError";
  }
}

/** Default for --check-timeout: a 2 MB note takes about 0.2 s on one core. */
export const DEFAULT_CHECK_TIMEOUT_MS = 30_000;

/** The compiled worker entry: dist/server/check-worker.js next to this module once built, found from src/ in tests. */
export function workerFile(): string {
  const candidates = [new URL("./check-worker.js", import.meta.url), new URL("../../dist/server/check-worker.js", import.meta.url)];
  for (const url of candidates) {
    const file = fileURLToPath(url);
    if (existsSync(file)) return file;
  }
  throw new Error("cdicheck serve: dist/server/check-worker.js not found; run `npm run build` first");
}

/**
 * What a worker answered, as a CheckedNote. The server's worker sends bytes; a worker module that
 * returns a plain result object (a stand-in in tests) is serialized here, the way the server always did.
 */
function toChecked(out: unknown, task: ServerTask): CheckedNote {
  if (out !== null && typeof out === "object" && (out as CheckedNote).json instanceof Uint8Array) return out as CheckedNote;
  return checkToJson(task, () => out as CheckResult);
}

export interface PoolOptions {
  /** Worker threads (default: the number of CPUs). */
  threads?: number;
  /** Most tasks allowed to wait for a thread before new ones get 503 (default 2000). */
  maxQueue?: number;
  /** Worker module (default: dist/server/check-worker.js); its default export gets a ServerTask. */
  filename?: string;
  /**
   * Most milliseconds a note may take, counted from when it is queued (default 30 s; 0: no limit).
   * Past it the task is cancelled: taken off the queue, or its worker thread terminated and replaced.
   */
  timeoutMs?: number;
  /**
   * Nice levels the worker threads run below the event loop (default DEFAULT_WORKER_NICE; 0: the same
   * priority). Linux only; elsewhere the threads keep the process's priority.
   */
  workerNice?: number;
}

export function createPoolChecker(options: PoolOptions = {}): Checker {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const maxQueue = Math.max(1, options.maxQueue ?? 2000);
  const timeoutMs = Math.max(0, options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
  const pool = new Piscina<ServerTask, unknown>({
    filename: options.filename ?? workerFile(),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    workerData: { cdicheckWorkerNice: Math.max(0, options.workerNice ?? DEFAULT_WORKER_NICE) },
  });
  return {
    maxQueue,
    queued: () => pool.queueSize,
    run(task) {
      if (pool.queueSize >= maxQueue) return Promise.reject(new OverloadedError());
      if (timeoutMs === 0) return pool.run(task).then((out) => toChecked(out, task));
      const budget = new AbortController();
      const timer = setTimeout(() => budget.abort(), timeoutMs);
      return pool
        .run(task, { signal: budget.signal })
        .then((out) => toChecked(out, task))
        .catch((err: unknown) => {
          throw budget.signal.aborted ? new CheckTimeoutError(timeoutMs) : err;
        })
        .finally(() => clearTimeout(timer));
    },
    async warmUp() {
      await Promise.all(Array.from({ length: threads }, () => pool.run({ text: WARM_UP_NOTE }).catch(() => undefined)));
    },
    close: () => pool.destroy(),
  };
}

/** Runs check() on the calling thread, with no time budget (it cannot be interrupted). For tests that do not need the pool. */
export function createInlineChecker(run?: (task: WorkerTask) => CheckResult): Checker {
  return {
    maxQueue: Infinity,
    queued: () => 0,
    run: async (task) => (run === undefined ? checkToJson(task) : checkToJson(task, run)),
    warmUp: async () => {},
    close: async () => {},
  };
}
