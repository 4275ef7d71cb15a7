/**
 * `cdicheck worker`: takes jobs (batches of notes) from a BullMQ queue on Redis, checks them in the scan's
 * worker-thread pool (the same code, time budget and crash handling as `scan`, and the main thread stays free
 * to renew the jobs' locks), and stores each note's output line, the line `scan` writes, in the run's result
 * hash (store.ts). Job data (note text) is removed from Redis when the job completes or finally fails.
 *
 * Stalled jobs: a worker holds a lock on each job it runs and renews it; a worker that dies (SIGKILL, a lost
 * machine) stops renewing, and another worker's stalled-job check puts the job back in the queue after
 * `--lock-ms`. A job can so run twice; the result store keeps the first result of each note.
 *
 * SIGTERM or SIGINT: no new jobs are taken, the jobs in flight finish and are stored, then the process exits 0.
 * A second signal exits at once (130); the jobs it held are picked up by another worker once their locks expire.
 * Nothing here logs note text: only job ids, counts and error names.
 */
import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { DEFAULT_MAX_NOTE_CHARS, SUPPORTED_CODES } from "../contract.js";
import { DEFAULT_TIMEOUT_MS, startPool } from "../scan/pool.js";
import { failedRow, readyError, readyResult, rowHead, tooLargeRow } from "../scan/run.js";
import type { ErrorRow, NoteRecord } from "../scan/types.js";
import { connect, redactUrl } from "./connection.js";
import { JOB_NAME, jobDataSchema, type JobData } from "./job.js";
import { DEFAULT_PREFIX, flagOf, runKeys, storeRows } from "./store.js";

export interface WorkerOptions {
  url: string;
  queue: string;
  prefix?: string;
  /** Jobs run at once (BullMQ concurrency). */
  concurrency: number;
  /** Worker threads that check notes. */
  threads: number;
  /** Lock duration and stalled-job check interval, ms. */
  lockMs: number;
  timeoutMs?: number;
  /** Longest note checked (default DEFAULT_MAX_NOTE_CHARS); a longer one is a note_too_large row. */
  maxNoteChars?: number;
  ttlSeconds: number;
}

export const DEFAULT_CONCURRENCY = 2;
export const DEFAULT_LOCK_MS = 30_000;
export const EXIT_STOPPED = 0;
export const EXIT_REDIS = 1;
export const EXIT_SIGNAL_AGAIN = 130;

/**
 * TEST ONLY: CDICHECK_TEST_FAULT="queue-hold:N" makes the worker, from its (N+1)-th job on, store the job's
 * results and then never finish the job, as if it died between the two; the test kills it there to show a job
 * that runs twice is stored once. It writes the job id (never note text) to stderr. Never set it otherwise.
 */
const HOLD = /^queue-hold:([0-9]{1,6})$/.exec(process.env.CDICHECK_TEST_FAULT ?? "");

function noteRecord(n: JobData["notes"][number]): NoteRecord {
  return { kind: "note", id: n.id, text: n.text, source: n.source, ...(n.textSource ? { textSource: n.textSource } : {}), progressBytes: 0 };
}

export async function runWorker(opts: WorkerOptions, log: (line: string) => void = (l) => process.stderr.write(l + "\n")): Promise<number> {
  const redis: Redis = connect(opts.url, { retry: true });
  // Reconnects are ioredis' business; a failed command surfaces where it is awaited. The first error is kept
  // to say why a first connection failed (a refused certificate, a wrong password).
  let cause: Error | null = null;
  redis.on("error", (err: Error) => (cause ??= err));
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("no answer within 10 s")), 10_000).unref()),
    ]);
    await redis.ping();
  } catch (err) {
    log(`cdicheck worker: cannot reach Redis at ${redactUrl(opts.url)} (${(cause ?? (err as Error)).message.slice(0, 200)})`);
    redis.disconnect();
    return EXIT_REDIS;
  }

  const pool = startPool(opts.threads, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const prefix = opts.prefix ?? DEFAULT_PREFIX;
  const maxNoteChars = opts.maxNoteChars ?? DEFAULT_MAX_NOTE_CHARS;
  let jobs = 0;
  let notes = 0;
  let duplicates = 0;
  let dropped = 0;

  const processor = async (job: Job): Promise<{ notes: number }> => {
    const parsed = jobDataSchema.safeParse(job.data);
    if (!parsed.success || job.name !== JOB_NAME) throw new UnrecoverableError("invalid job data");
    // The validated data, with its keys in the order they were written (a row's `source` is echoed as it is).
    const data = job.data as JobData;
    if (!(SUPPORTED_CODES as readonly string[]).includes(data.code)) throw new UnrecoverableError("unsupported code");
    // enqueue refused notes over its --max-note-chars already; the worker's own limit guards it against a job
    // written by anything else (the row is the one scan writes for such a note).
    const fits = data.notes.map((n) => n.text.length <= maxNoteChars);
    const checked = data.notes.filter((_, k) => fits[k]);
    const outcomes = await pool.checkBatch({ code: data.code, texts: checked.map((n) => n.text), heads: checked.map((n) => rowHead(noteRecord(n))) });
    let next = 0;
    const rows = data.notes.map((n, k) => {
      const rec = noteRecord(n);
      if (!fits[k]) return { index: data.first + k, value: "e" + readyError(tooLargeRow(rec, maxNoteChars), "jsonl").line };
      const o = outcomes[next++] ?? { ok: false as const, error: "no result" };
      const ready = o.ok ? readyResult(rec, o.row, "jsonl") : readyError(failedRow(rec, o.error, o.code), "jsonl");
      return { index: data.first + k, value: flagOf(o.ok ? o.row.digest.verdict : null) + lineText(ready.line) };
    });
    const dup = await storeRows(redis, runKeys(opts.queue, data.run, prefix), rows, opts.ttlSeconds);
    if (dup < 0) dropped += rows.length;
    else duplicates += dup;
    jobs++;
    notes += rows.length;
    if (HOLD && jobs > Number(HOLD[1])) {
      log(`cdicheck worker: test fault: job ${job.id} stored, holding it`);
      await new Promise(() => {});
    }
    return { notes: rows.length };
  };

  const storeFailure = async (data: JobData, err: Error): Promise<void> => {
    const stalled = /stalled more than allowable limit/.test(err.message);
    const why = stalled ? "the workers running it stopped three times" : `${err.name}: ${err.message.slice(0, 120)}`;
    const rows = data.notes.map((n, k) => {
      const where = `${n.source.file} line ${n.source.line}`;
      const row: ErrorRow = {
        id: n.id,
        source: n.source,
        error: { code: stalled ? "worker_crashed" : "check_failed", message: `${where}: the queue job holding this note failed (${why})`, file: n.source.file, line: n.source.line },
      };
      return { index: data.first + k, value: "e" + readyError(row, "jsonl").line };
    });
    await storeRows(redis, runKeys(opts.queue, data.run, prefix), rows, opts.ttlSeconds);
  };

  const worker = new Worker(opts.queue, processor, {
    connection: redis,
    prefix,
    concurrency: opts.concurrency,
    lockDuration: opts.lockMs,
    stalledInterval: opts.lockMs,
    // A job whose workers died three times (stalled past twice) is failed, its data removed, rather than handed on forever.
    maxStalledCount: 2,
    removeOnComplete: { count: 0 },
    removeOnFail: { count: 0 },
    autorun: false,
  });
  worker.on("error", (err) => log(`cdicheck worker: queue error (${err.name}: ${err.message.slice(0, 200)})`));
  worker.on("failed", (job, err) => {
    log(`cdicheck worker: job ${job?.id ?? "?"} failed (${err.name}: ${err.message.slice(0, 200)})`);
    // Finally failed (finishedOn set; not a failure that will be retried): its notes get error rows, so that
    // collect does not wait for them. A result stored by an earlier run of the job stays (HSETNX).
    if (job?.finishedOn && jobDataSchema.safeParse(job.data).success) {
      storeFailure(job.data as JobData, err).catch((e: Error) => log(`cdicheck worker: could not store the failure of job ${job.id} (${e.name})`));
    }
  });

  let signals = 0;
  let stopping: Promise<void> | null = null;
  const onSignal = (sig: string): void => {
    signals++;
    if (signals > 1) {
      log(`cdicheck worker: ${sig} again: exiting now; the jobs in flight go to another worker when their locks expire`);
      process.exit(EXIT_SIGNAL_AGAIN);
    }
    log(`cdicheck worker: ${sig}: finishing the jobs in flight, taking no new ones`);
    stopping ??= worker.close();
  };
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));

  log(
    `cdicheck worker: taking jobs from queue ${opts.queue} on ${redactUrl(opts.url)} (concurrency ${opts.concurrency}, ${opts.threads} thread${opts.threads === 1 ? "" : "s"}, lock ${opts.lockMs} ms)`,
  );
  const running = worker.run();
  await running;
  if (stopping) await stopping;
  await pool.close();
  await redis.quit().catch(() => redis.disconnect());
  const extra = [duplicates ? `${duplicates} results already stored (a job ran again; kept once)` : "", dropped ? `${dropped} results dropped (their run was collected, discarded or expired)` : ""].filter(Boolean);
  log(`cdicheck worker: stopped: ${jobs} jobs, ${notes} notes${extra.length ? ", " + extra.join(", ") : ""}`);
  return EXIT_STOPPED;
}

const utf8 = new TextDecoder();

/** A row's output line as text (scan workers hand JSONL lines back as UTF-8 bytes). */
function lineText(line: string | Uint8Array): string {
  return typeof line === "string" ? line : utf8.decode(line);
}
