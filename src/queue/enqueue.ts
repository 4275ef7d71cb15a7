/**
 * `cdicheck enqueue PATH...`: reads notes with the scan's readers (folders of .txt, JSONL, CSV, FHIR; the
 * same ids, sources and error rows) and adds them to a BullMQ queue as jobs of up to --batch notes, each
 * note with its index in input order. Records that are not notes to check (a broken line, an empty note, a
 * note over --max-note-chars) get their error row at once, the row `scan` writes, stored like a worker's
 * result. The run's hash (store.ts) is written first and gets `total` last, so `collect` knows when the count
 * is final. Job ids are `RUN-n`: enqueueing the same input again with the same --run adds no job that is
 * still waiting, and a job that runs again stores nothing new.
 */
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { DEFAULT_MAX_NOTE_CHARS, SUPPORTED_CODES, UnsupportedCodeError } from "../contract.js";
import { expandInputs, UsageError } from "../scan/inputs.js";
import { readAll } from "../scan/records.js";
import { errorRow, readyError, tooLargeRow } from "../scan/run.js";
import type { InputFormat, NoteRecord, ScanRecord } from "../scan/types.js";
import { JOB_NAME, JOB_VERSION, jobId, type JobData, type JobNote } from "./job.js";
import { DEFAULT_PREFIX, runKeys, storeRows } from "./store.js";

export interface EnqueueOptions {
  paths: string[];
  queue: string;
  prefix?: string;
  run: string;
  code: string;
  /** Notes per job at most (and at most BATCH_CHARS characters of note text, unless one note is longer). */
  batch: number;
  ttlSeconds: number;
  maxNoteChars?: number;
  inputFormat?: InputFormat;
  idField: string;
  textField: string;
  idColumn?: string;
  textColumn?: string;
}

export const DEFAULT_BATCH = 16;
const BATCH_CHARS = 256 * 1024;
/** Jobs added to Redis in one round trip. */
const ADD_AT_ONCE = 64;
/** Attempts of a job whose processing threw (a Redis error while storing; a check's failure is a row, not a throw). */
export const JOB_ATTEMPTS = 3;

export interface EnqueueSummary {
  records: number;
  notes: number;
  errors: number;
  jobs: number;
  skipped: number;
}

export async function enqueueRun(redis: Redis, opts: EnqueueOptions, log: (line: string) => void): Promise<EnqueueSummary> {
  if (!(SUPPORTED_CODES as readonly string[]).includes(opts.code)) throw new UsageError(new UnsupportedCodeError(opts.code).message);
  const { files } = await expandInputs(opts.paths, opts.inputFormat, log);
  const prefix = opts.prefix ?? DEFAULT_PREFIX;
  const keys = runKeys(opts.queue, opts.run, prefix);
  const maxNoteChars = opts.maxNoteChars ?? DEFAULT_MAX_NOTE_CHARS;

  const had = await redis.hgetall(keys.meta);
  if (had.code !== undefined && had.code !== opts.code) {
    throw new UsageError(`run ${opts.run} was enqueued with --code ${had.code}; give another --run for --code ${opts.code}`);
  }
  await redis.multi().hset(keys.meta, { code: opts.code, created: had.created ?? new Date().toISOString() }).expire(keys.meta, opts.ttlSeconds).exec();

  const queue = new Queue(opts.queue, {
    connection: redis,
    prefix,
    // The events stream holds job ids and counts only; keep it short all the same.
    streams: { events: { maxLen: 1000 } },
    defaultJobOptions: {
      attempts: JOB_ATTEMPTS,
      backoff: { type: "exponential", delay: 1000 },
      // The job's data is note text: gone as soon as its results are stored, or once it has finally failed.
      removeOnComplete: true,
      removeOnFail: true,
    },
  });
  const summary: EnqueueSummary = { records: 0, notes: 0, errors: 0, jobs: 0, skipped: 0 };
  let pendingJobs: { name: string; data: JobData; opts: { jobId: string } }[] = [];
  let pendingRows: { index: number; value: string }[] = [];
  let batch: JobNote[] = [];
  let batchFirst = 0;
  let batchChars = 0;

  const flushJobs = async (): Promise<void> => {
    if (pendingRows.length) {
      await storeRows(redis, keys, pendingRows, opts.ttlSeconds);
      pendingRows = [];
    }
    if (pendingJobs.length) {
      await queue.addBulk(pendingJobs);
      await redis.hset(keys.meta, "jobsAdded", String(summary.jobs));
      pendingJobs = [];
    }
  };
  const closeBatch = async (): Promise<void> => {
    if (batch.length === 0) return;
    pendingJobs.push({ name: JOB_NAME, data: { v: JOB_VERSION, run: opts.run, code: opts.code, first: batchFirst, notes: batch }, opts: { jobId: jobId(opts.run, summary.jobs) } });
    summary.jobs++;
    batch = [];
    batchChars = 0;
    if (pendingJobs.length >= ADD_AT_ONCE) await flushJobs();
  };

  try {
    const read = readAll(files, {
      idField: opts.idField,
      textField: opts.textField,
      forced: opts.inputFormat !== undefined,
      ...(opts.idColumn ? { idColumn: opts.idColumn } : {}),
      ...(opts.textColumn ? { textColumn: opts.textColumn } : {}),
    });
    for await (const item of read) {
      if (item.kind === "skip") {
        summary.skipped++;
        continue;
      }
      const rec = item as ScanRecord;
      const index = summary.records++;
      if (rec.kind === "error" || rec.text.length > maxNoteChars) {
        const row = rec.kind === "error" ? errorRow(rec) : tooLargeRow(rec as NoteRecord, maxNoteChars);
        pendingRows.push({ index, value: "e" + readyError(row, "jsonl").line });
        summary.errors++;
        continue;
      }
      // A note joins the open batch only when it directly follows it (error rows in between are fine: the
      // job carries each note's index as first + position, so the batch closes at any gap).
      if (batch.length > 0 && (batchFirst + batch.length !== index || batch.length >= opts.batch || batchChars + rec.text.length > BATCH_CHARS)) await closeBatch();
      if (batch.length === 0) batchFirst = index;
      batch.push({ id: rec.id, text: rec.text, source: rec.source, ...(rec.textSource ? { textSource: rec.textSource } : {}) });
      batchChars += rec.text.length;
      summary.notes++;
    }
    await closeBatch();
    await flushJobs();
    await redis.multi().hset(keys.meta, { total: String(summary.records), jobs: String(summary.jobs) }).expire(keys.meta, opts.ttlSeconds).exec();
  } finally {
    await queue.close();
  }
  return summary;
}
