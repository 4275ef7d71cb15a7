/**
 * `cdicheck collect RUN` (and `enqueue --wait`): writes a run's results as JSONL in input order, the
 * same lines `scan` writes for the same input, each record exactly once (indices 0..total-1 of the result
 * hash), as they arrive. When every result is written the run's keys are deleted (unless --keep), so no
 * result stays in Redis after it was collected. `--discard` instead deletes the run: the jobs still waiting
 * (with their note text) and whatever results there are.
 */
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { UsageError } from "../scan/inputs.js";
import { jobId } from "./job.js";
import { DEFAULT_PREFIX, runKeys } from "./store.js";

export const EXIT_OK = 0;
/** Redis could not be reached, or --timeout passed with results missing. */
export const EXIT_INCOMPLETE = 1;
export const EXIT_USAGE = 2;
export const EXIT_RECORD_ERRORS = 3;

export interface CollectOptions {
  queue: string;
  prefix?: string;
  run: string;
  out?: string;
  /** Give up after this many seconds without every result (0: wait as long as it takes). */
  timeoutSeconds: number;
  keep: boolean;
  /** How often to look for new results when the next one is not there yet, ms. */
  pollMs?: number;
}

/** Indices read from Redis at a time. */
const CHUNK = 512;

async function write(sink: Writable, text: string): Promise<void> {
  if (!sink.write(text)) await new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    sink.once("error", onError);
    sink.once("drain", () => {
      sink.off("error", onError);
      resolve();
    });
  });
}

export async function collectRun(redis: Redis, opts: CollectOptions, log: (line: string) => void): Promise<number> {
  const started = Date.now();
  const keys = runKeys(opts.queue, opts.run, opts.prefix ?? DEFAULT_PREFIX);
  if (!(await redis.exists(keys.meta))) {
    throw new UsageError(`run ${opts.run} is not in queue ${opts.queue}: never enqueued, already collected, discarded, or expired (--ttl)`);
  }
  const sink: Writable = opts.out ? createWriteStream(opts.out) : process.stdout;
  let sinkError: Error | null = null;
  sink.on("error", (err) => (sinkError = err));
  const counts = { s: 0, i: 0, r: 0, n: 0, e: 0 };
  let next = 0;
  let total: number | null = null;
  let pollMs = opts.pollMs ?? 50;
  let lastProgress = Date.now();
  let timedOut = false;
  let gone = false;
  let stop = false;
  const onSigint = (): void => {
    stop = true;
  };
  process.on("SIGINT", onSigint);
  try {
    while (!stop && !sinkError) {
      if (total === null) {
        const t = await redis.hget(keys.meta, "total");
        if (t !== null) total = Number(t);
        else if (!(await redis.exists(keys.meta))) {
          gone = true;
          break;
        }
      }
      if (total !== null && next >= total) break;
      const want = total === null ? CHUNK : Math.min(CHUNK, total - next);
      const fields = Array.from({ length: want }, (_, k) => String(next + k));
      const values = await redis.hmget(keys.results, ...fields);
      let got = 0;
      let text = "";
      for (const v of values) {
        if (v === null) break;
        counts[v[0] as keyof typeof counts]++;
        text += v.slice(1);
        got++;
      }
      if (got > 0) {
        await write(sink, text);
        next += got;
        lastProgress = Date.now();
        pollMs = opts.pollMs ?? 50;
        continue;
      }
      if (opts.timeoutSeconds > 0 && Date.now() - lastProgress > opts.timeoutSeconds * 1000) {
        timedOut = true;
        break;
      }
      if (total === null && !(await redis.exists(keys.meta))) {
        gone = true;
        break;
      }
      await new Promise((r) => setTimeout(r, pollMs));
      pollMs = Math.min(pollMs * 2, 1000);
    }
  } finally {
    process.off("SIGINT", onSigint);
  }
  const duplicates = Number((await redis.hget(keys.meta, "duplicates")) ?? 0);
  const complete = total !== null && next >= total && !sinkError;
  if (complete && !opts.keep) await redis.del(keys.meta, keys.results);
  if (opts.out) await new Promise<void>((resolve) => (sink as NodeJS.WritableStream).end(() => resolve()));

  const checked = counts.s + counts.i + counts.r + counts.n;
  const secs = (Date.now() - started) / 1000;
  const parts = [
    `${next} notes`,
    `${checked} checked (supported ${counts.s}, incomplete ${counts.i}, redirect ${counts.r}, not_documented ${counts.n})`,
    `${counts.e} errors`,
    `run ${opts.run}`,
  ];
  if (duplicates) parts.push(`${duplicates} results stored twice (a job ran again; each kept once)`);
  parts.push(`${secs.toFixed(1)} s`);
  const status = sinkError
    ? "output failed"
    : complete
      ? opts.keep
        ? "done (results kept in Redis: --keep)"
        : "done (results deleted from Redis)"
      : timedOut
        ? `timed out after ${opts.timeoutSeconds} s without a new result, ${total === null ? "the enqueue not finished" : `${total - next} of ${total} missing`} (results kept; collect again)`
        : gone
          ? "the run was discarded or expired while waiting"
          : "interrupted (results kept; collect again)";
  log(`cdicheck collect: ${status}: ${parts.join(", ")}`);
  if (sinkError) return EXIT_USAGE;
  if (!complete) return stop ? 130 : EXIT_INCOMPLETE;
  return counts.e > 0 ? EXIT_RECORD_ERRORS : EXIT_OK;
}

/** Deletes a run: its waiting jobs (note text) and its results. Jobs being checked finish; their results are dropped. */
export async function discardRun(redis: Redis, opts: { queue: string; prefix?: string; run: string }, log: (line: string) => void): Promise<number> {
  const keys = runKeys(opts.queue, opts.run, opts.prefix ?? DEFAULT_PREFIX);
  const jobs = Number((await redis.hget(keys.meta, "jobs")) ?? (await redis.hget(keys.meta, "jobsAdded")) ?? 0);
  // The run's key goes first, so a worker finishing one of its jobs now stores nothing.
  await redis.del(keys.meta, keys.results);
  const queue = new Queue(opts.queue, { connection: redis, prefix: opts.prefix ?? DEFAULT_PREFIX });
  let removed = 0;
  let busy = 0;
  try {
    for (let n = 0; n < jobs; n++) {
      const id = jobId(opts.run, n);
      const job = await queue.getJob(id);
      if (!job) continue;
      if ((await queue.remove(id)) === 1) removed++;
      else busy++;
    }
  } finally {
    await queue.close();
  }
  log(`cdicheck collect: discarded run ${opts.run}: ${removed} waiting jobs removed${busy ? `, ${busy} being checked (their results will be dropped)` : ""}, results deleted`);
  return EXIT_OK;
}
