/**
 * Where the server runs check(): a piscina pool of worker threads (dist/worker.js), so the event loop
 * stays free for /healthz and for parsing while notes are checked, or in-process (tests only).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { CheckResult } from "../schema.js";
import checkTask, { type WorkerTask } from "../worker.js";

export interface Checker {
  run(task: WorkerTask): Promise<CheckResult>;
  /** Tasks waiting for a thread; the server answers 503 when this reaches `maxQueue`. */
  queued(): number;
  readonly maxQueue: number;
  /** Runs one small check per thread so that the first real note does not pay for loading. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

const WARM_UP_NOTE = "IMAGING: CT shows bony bridging across C1-C2.\nASSESSMENT: Acquired ankylosis of C1-C2 due to rheumatoid arthritis.";

export class OverloadedError extends Error {
  constructor() {
    super("server busy: too many notes waiting to be checked, retry shortly");
    this.name = "OverloadedError";
  }
}

/** The compiled worker entry: dist/worker.js next to this module once built, found from src/ in tests. */
export function workerFile(): string {
  const candidates = [new URL("../worker.js", import.meta.url), new URL("../../dist/worker.js", import.meta.url)];
  for (const url of candidates) {
    const file = fileURLToPath(url);
    if (existsSync(file)) return file;
  }
  throw new Error("cdicheck serve: dist/worker.js not found; run `npm run build` first");
}

export interface PoolOptions {
  /** Worker threads (default: the number of CPUs). */
  threads?: number;
  /** Most tasks allowed to wait for a thread before new ones get 503 (default 2000). */
  maxQueue?: number;
  /** Worker module (default: dist/worker.js). */
  filename?: string;
}

export function createPoolChecker(options: PoolOptions = {}): Checker {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const maxQueue = Math.max(1, options.maxQueue ?? 2000);
  const pool = new Piscina<WorkerTask, CheckResult>({
    filename: options.filename ?? workerFile(),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  return {
    maxQueue,
    queued: () => pool.queueSize,
    run(task) {
      if (pool.queueSize >= maxQueue) return Promise.reject(new OverloadedError());
      return pool.run(task);
    },
    async warmUp() {
      await Promise.all(Array.from({ length: threads }, () => pool.run({ text: WARM_UP_NOTE }).catch(() => undefined)));
    },
    close: () => pool.destroy(),
  };
}

/** Runs check() on the calling thread. For tests that do not need the pool. */
export function createInlineChecker(run: (task: WorkerTask) => CheckResult = checkTask): Checker {
  return {
    maxQueue: Infinity,
    queued: () => 0,
    run: async (task) => run(task),
    warmUp: async () => {},
    close: async () => {},
  };
}
