/**
 * One scan, start to end: read records from every input in order, check notes in worker threads with a
 * bounded number in flight, write rows in input order (waiting on the output when it is slow), then the
 * summary line and the report. SIGINT stops reading, lets the notes in flight finish, writes them, exits 130.
 */
import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import type { Writable } from "node:stream";
import { FAMILY_CODE, SUPPORTED_CODES, UnsupportedCodeError } from "../contract.js";
import { cellText, csvHeader, csvRow } from "../reporters/csv.js";
import { renderScanReport } from "../reporters/report-html.js";
import { VERSION } from "../version.js";
import { digestRow, type RowDigest } from "./digest.js";
import { expandInputs, UsageError } from "./inputs.js";
import { BATCHES_AHEAD, DEFAULT_TIMEOUT_MS, startPool, type CheckPool } from "./pool.js";
import { DEFAULT_MAX_NOTE_CHARS } from "../contract.js";
import { startProgress } from "./progress.js";
import { readAll } from "./records.js";
import { prepareResume, type ResumeState } from "./resume.js";
import { shardKey, shardOf, type Shard } from "./shard.js";
import { Tally } from "./tally.js";
import type { ErrorRecord, ErrorRow, InputFormat, NoteRecord, ScanRecord } from "./types.js";
import type { FailureCode, RowOutcome, SerializedRow } from "./worker.js";

export interface ScanOptions {
  paths: string[];
  out?: string;
  format: "jsonl" | "csv";
  report?: string;
  /** Put evidence snippets (note text, at most SNIPPET_MAX characters each) in the report. */
  reportSnippets?: boolean;
  /** Worker threads; when left out, sized to the input (defaultJobs). */
  jobs?: number;
  quiet: boolean;
  resume: boolean;
  shard?: Shard;
  inputFormat?: InputFormat;
  idField: string;
  textField: string;
  idColumn?: string;
  textColumn?: string;
  code: string;
  /** Notes in flight at most (read, being checked, or waiting for their turn to be written). */
  maxInFlight?: number;
  /** Longest note checked, in UTF-16 code units (default DEFAULT_MAX_NOTE_CHARS); longer ones are note_too_large rows. */
  maxNoteChars?: number;
  /** Time budget per note in ms (default DEFAULT_TIMEOUT_MS); a note over it is a check_timeout row. */
  timeoutMs?: number;
}

/** Notes sent to a worker in one message: at most this many, or this many characters of note text. */
const BATCH_NOTES = 16;
const BATCH_CHARS = 256 * 1024;
/** Note text read but not yet written, at most (a few very large notes still go one at a time). */
const MAX_IN_FLIGHT_CHARS = 64 * 1024 * 1024;

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
export const EXIT_RECORD_ERRORS = 3;
export const EXIT_INTERRUPTED = 130;

/**
 * The default worker count: the cores, fewer for small inputs. A worker spends a fraction of a second
 * loading the checker and runs its first few thousand notes at half speed while V8 optimizes it; on a
 * core of its own that is repaid after a few MB of notes. The main thread (reading, writing) needs part
 * of a core too, so the worker that takes the last core slows the others until the input is large: on
 * the 2-core project machine a second worker lost 10% on 30 MB of notes, tied at 59 MiB and won from
 * about 100 MB on (docs/scan.md, Figures).
 */
export const MIN_BYTES_PER_WORKER = 4 * 1024 * 1024;
export const BYTES_FOR_LAST_CORE = 64 * 1024 * 1024;

/** Workers for an input of `bytes` when --jobs is not given (see MIN_BYTES_PER_WORKER). */
export function defaultJobs(bytes: number, cores = availableParallelism()): number {
  const beside = Math.max(1, Math.min(cores - 1, Math.floor(bytes / MIN_BYTES_PER_WORKER)));
  return cores > 1 && beside === cores - 1 && bytes >= BYTES_FOR_LAST_CORE ? cores : beside;
}

export function errorRow(rec: ErrorRecord): ErrorRow {
  return { id: rec.id, source: rec.source, error: { ...rec.error, file: rec.source.file, line: rec.source.line } };
}

/** A row ready to write: its output line (text, or UTF-8 bytes from a worker) and its digest (for the CSV line, the tally and the report). */
export interface ReadyRow {
  line: string | Uint8Array;
  digest: RowDigest;
}

export function readyError(row: ErrorRow, format: "jsonl" | "csv", family = false): ReadyRow {
  const digest = digestRow(row);
  return { line: format === "jsonl" ? JSON.stringify(row) + "\n" : csvRow(digest, family), digest };
}

/** The error row of a note the checker failed on (`error`: the error's code or name, never note text). */
export function failedRow(rec: NoteRecord, error: string, code: FailureCode = "check_failed"): ErrorRow {
  const where = `${rec.source.file} line ${rec.source.line}`;
  const message =
    code === "check_timeout"
      ? `${where}: checking this note ran ${error}; its worker was replaced and the scan went on`
      : code === "worker_crashed"
        ? `${where}: the worker checking this note stopped (${error}), also when it was checked alone; the worker was replaced and the scan went on`
        : `${where}: the checker failed (${error})`;
  return { id: rec.id, source: rec.source, error: { code, message, file: rec.source.file, line: rec.source.line } };
}

/** The error row of a note over --max-note-chars (it is never sent to a worker). */
export function tooLargeRow(rec: NoteRecord, limit: number): ErrorRow {
  const message = `${rec.source.file} line ${rec.source.line}: note is ${rec.text.length} characters, over the ${limit}-character limit (--max-note-chars)`;
  return { id: rec.id, source: rec.source, error: { code: "note_too_large", message, file: rec.source.file, line: rec.source.line } };
}

/** The start of a checked note's JSONL row, `{"id":...,"source":...,"textSource":...,`: the worker appends the result. */
export function rowHead(rec: NoteRecord): string {
  return `{"id":${JSON.stringify(rec.id)},"source":${JSON.stringify(rec.source)}${rec.textSource ? `,"textSource":${JSON.stringify(rec.textSource)}` : ""},`;
}

/** The row of a checked note from the worker's serialized result: `{id, source, textSource?, ...result}`. */
export function readyResult(rec: NoteRecord, done: SerializedRow, format: "jsonl" | "csv", family = false): ReadyRow {
  const digest: RowDigest = { id: rec.id, file: rec.source.file, line: rec.source.line, ...done.digest };
  if (format === "csv") return { line: csvRow(digest, family), digest };
  if (!done.line) throw new Error("scan: a worker returned no output line for a JSONL row");
  return { line: done.line, digest };
}

export async function runScan(opts: ScanOptions, log: (line: string) => void = (l) => process.stderr.write(l + "\n")): Promise<number> {
  const started = Date.now();
  const { files, ignored, outside } = await expandInputs(opts.paths, opts.inputFormat, log);
  if (opts.resume && !opts.out) throw new UsageError("--resume needs --out FILE (the output to continue)");
  for (const [flag, target] of [["--out", opts.out], ["--report", opts.report]] as const) {
    if (target === undefined) continue;
    const clash = files.find((f) => resolve(f.path) === resolve(target));
    if (clash) throw new UsageError(`${flag} ${target} is also an input; writing it would destroy the notes`);
  }

  // The code is checked before any worker starts or any output is opened (the workers check it again).
  if (!(SUPPORTED_CODES as readonly string[]).includes(opts.code)) throw new UsageError(new UnsupportedCodeError(opts.code).message);

  // Standard input has no size: the total (for the ETA and the default worker count) is then unknown.
  const totalBytes = files.some((f) => f.stream) ? null : files.reduce((n, f) => n + f.bytes, 0);
  const jobs = opts.jobs ?? defaultJobs(totalBytes ?? Infinity);
  // Workers load the checker while the main thread opens the inputs and reads the first records.
  const maxNoteChars = opts.maxNoteChars ?? DEFAULT_MAX_NOTE_CHARS;
  const pool: CheckPool = startPool(jobs, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);

  let resume: ResumeState | null = null;
  if (opts.resume && opts.out) {
    try {
      resume = await prepareResume(opts.out, opts.format);
    } catch (err) {
      await pool.close();
      throw err;
    }
  }
  const tally = new Tally();

  let sink: Writable;
  let sinkFailed: Error | null = null;
  if (opts.out) {
    sink = createWriteStream(opts.out, { flags: resume ? "a" : "w" });
  } else sink = process.stdout;
  sink.on("error", (err) => {
    sinkFailed = err;
    wake();
  });
  // A scan of the category M43.2 writes two more CSV columns: the code each result is for and the family.
  const familyCsv = opts.code === FAMILY_CODE;
  if (opts.format === "csv" && !resume?.hasContent) sink.write(csvHeader(familyCsv));

  const progress = startProgress(totalBytes, !opts.quiet && Boolean(process.stderr.isTTY));
  // Enough notes in flight for every worker's batches ahead, plus the batch being filled.
  const maxInFlight = opts.maxInFlight ?? jobs * BATCH_NOTES * (BATCHES_AHEAD + 2);
  let inFlightChars = 0;

  // Ordered completion: rows wait in `pending` until every earlier row has been written.
  const pending = new Map<number, { row: ReadyRow; doneBytes: number }>();
  let nextSeq = 0;
  let seq = 0;
  let sinkBlocked = false;
  let waiter: (() => void) | null = null;
  function wake(): void {
    const w = waiter;
    waiter = null;
    w?.();
  }
  const until = async (ready: () => boolean): Promise<void> => {
    while (!ready()) await new Promise<void>((r) => (waiter = r));
  };
  let doneBytes = 0;
  function complete(n: number, row: ReadyRow, bytes: number, chars = 0): void {
    inFlightChars -= chars;
    pending.set(n, { row, doneBytes: bytes });
    while (pending.has(nextSeq)) {
      const item = pending.get(nextSeq)!;
      pending.delete(nextSeq);
      nextSeq++;
      if (sinkFailed) continue; // only rows actually written are counted
      const ok = sink.write(item.row.line);
      if (!ok && !sinkBlocked) {
        sinkBlocked = true;
        sink.once("drain", () => {
          sinkBlocked = false;
          wake();
        });
      }
      tally.add(item.row.digest);
      doneBytes = item.doneBytes;
      progress.update(doneBytes, tally.rows, tally.errors);
    }
    wake();
  }

  // Notes read but not yet sent: sent when the batch is full, when reading pauses (setImmediate runs once
  // the records of the current input chunk are taken), and before the loop waits for room.
  let batch: { n: number; rec: NoteRecord; bytes: number }[] = [];
  let batchChars = 0;
  let flushQueued = false;
  function flush(): void {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    batchChars = 0;
    const settle = (outcome: (k: number) => RowOutcome): void =>
      items.forEach((it, k) => {
        const o = outcome(k);
        complete(it.n, o.ok ? readyResult(it.rec, o.row, opts.format, familyCsv) : readyError(failedRow(it.rec, o.error, o.code), opts.format, familyCsv), it.bytes, it.rec.text.length);
      });
    const task = { code: opts.code, texts: items.map((it) => it.rec.text), ...(opts.format === "jsonl" ? { heads: items.map((it) => rowHead(it.rec)) } : {}) };
    pool.checkBatch(task).then(
      (outcomes) => settle((k) => outcomes[k] ?? { ok: false, error: "no result" }),
      (err: Error) => settle(() => ({ ok: false, error: (err as NodeJS.ErrnoException).code ?? err.name })),
    );
  }
  function enqueue(n: number, rec: NoteRecord, bytes: number): void {
    batch.push({ n, rec, bytes });
    batchChars += rec.text.length;
    inFlightChars += rec.text.length;
    if (batch.length >= BATCH_NOTES || batchChars >= BATCH_CHARS) flush();
    else if (!flushQueued) {
      flushQueued = true;
      setImmediate(() => {
        flushQueued = false;
        flush();
      });
    }
  }

  let interrupted = false;
  const onSigint = (): void => {
    if (interrupted) {
      log("cdicheck scan: interrupted again; exiting now (use --resume to continue)");
      process.exit(EXIT_INTERRUPTED);
    }
    interrupted = true;
    wake();
  };
  process.on("SIGINT", onSigint);

  let skipped = 0; // resources that hold no note (a Patient in a Bundle...)
  let otherShards = 0;
  let resumed = 0;
  let resumeDone = resume === null || !resume.hasContent;
  try {
    for await (const item of readAll(files, { idField: opts.idField, textField: opts.textField, forced: opts.inputFormat !== undefined, ...(opts.idColumn ? { idColumn: opts.idColumn } : {}), ...(opts.textColumn ? { textColumn: opts.textColumn } : {}) })) {
      if (interrupted || sinkFailed) break;
      if (item.kind === "skip") {
        skipped++;
        continue;
      }
      const rec = item as ScanRecord & { base: number };
      if (opts.shard && shardOf(shardKey(rec.id, rec.source.file, rec.source.line), opts.shard.count) !== opts.shard.index) {
        otherShards++;
        continue;
      }
      if (!resumeDone && resume) {
        const prev = await resume.rows.next();
        if (!prev.done) {
          const want = prev.value.id;
          const have = rec.id === null ? null : opts.format === "csv" ? cellText(rec.id) : rec.id;
          if (want !== have) {
            throw new UsageError(
              `--resume: row ${resumed + 1} of ${opts.out} is for id ${JSON.stringify(want)} but input record ${resumed + 1} is ${JSON.stringify(have)}; the inputs or options changed since that scan`,
            );
          }
          tally.add(prev.value);
          resumed++;
          continue;
        }
        resumeDone = true;
      }
      const room = (): boolean =>
        (seq - nextSeq < maxInFlight && (inFlightChars < MAX_IN_FLIGHT_CHARS || seq === nextSeq) && !sinkBlocked) || interrupted || sinkFailed !== null;
      if (!room()) {
        flush();
        await until(room);
      }
      if (interrupted || sinkFailed) break;
      const n = seq++;
      const bytes = rec.base + rec.progressBytes;
      if (rec.kind === "error") complete(n, readyError(errorRow(rec), opts.format, familyCsv), bytes);
      else if (rec.text.length > maxNoteChars) complete(n, readyError(tooLargeRow(rec, maxNoteChars), opts.format, familyCsv), bytes);
      else enqueue(n, rec, bytes);
    }
    if (!resumeDone && resume) {
      const more = await resume.rows.next();
      if (!more.done) {
        throw new UsageError(`--resume: ${opts.out} has more rows than the inputs give (${resumed} matched); the inputs or options changed since that scan`);
      }
    }
    flush();
    await until(() => nextSeq === seq); // the notes in flight finish (bounded, quick) before the pool closes
  } finally {
    process.off("SIGINT", onSigint);
    progress.stop();
    await pool.close();
  }

  if (opts.out) {
    await new Promise<void>((resolve) => (sink as NodeJS.WritableStream).end(() => resolve()));
  } else if (sinkBlocked && !sinkFailed) {
    await new Promise<void>((resolve) => sink.once("drain", resolve));
  }

  let reportFailed: string | null = null;
  if (opts.report) {
    const meta = {
      generatedAt: new Date().toISOString(),
      inputs: opts.paths,
      interrupted,
      code: opts.code,
      shard: opts.shard ? `${opts.shard.index}/${opts.shard.count}` : undefined,
      version: VERSION,
      snippets: opts.reportSnippets === true,
    };
    try {
      await writeFile(opts.report, renderScanReport(tally, meta));
    } catch (err) {
      reportFailed = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    }
  }

  const secs = (Date.now() - started) / 1000;
  const v = tally.verdicts;
  const checkedNow = tally.rows - resumed;
  const parts = [
    `${tally.rows} notes`,
    `${tally.checked} checked (supported ${v.get("supported")}, incomplete ${v.get("incomplete")}, redirect ${v.get("redirect")}, not_documented ${v.get("not_documented")})`,
    `${tally.errors} errors`,
  ];
  if (resumed) parts.push(`${resumed} already in ${opts.out}${resume && resume.cutBytes ? ` (cut a partial last line of ${resume.cutBytes} bytes)` : ""}`);
  if (skipped) parts.push(`${skipped} resources without notes skipped`);
  if (otherShards) parts.push(`${otherShards} in other shards`);
  if (ignored) parts.push(`${ignored} files with other extensions ignored`);
  if (outside) parts.push(`${outside} symlinks outside the paths scanned skipped`);
  parts.push(`${jobs} worker${jobs === 1 ? "" : "s"}`);
  parts.push(`${secs.toFixed(1)} s, ${Math.round(checkedNow / Math.max(secs, 0.001))} notes/s`);
  const epipe = (sinkFailed as NodeJS.ErrnoException | null)?.code === "EPIPE";
  const status = epipe ? "output closed by its reader" : sinkFailed ? "output failed" : interrupted ? "interrupted (finished results written; continue with --resume)" : "done";
  log(`cdicheck scan: ${status}: ${parts.join(", ")}`);
  if (sinkFailed) {
    const code = (sinkFailed as NodeJS.ErrnoException).code;
    if (code !== "EPIPE") log(`cdicheck scan: cannot write the output (${code ?? (sinkFailed as Error).message})`);
    return code === "EPIPE" ? EXIT_OK : EXIT_USAGE;
  }
  if (reportFailed) {
    log(`cdicheck scan: cannot write the report ${opts.report} (${reportFailed})`);
    return EXIT_USAGE;
  }
  if (interrupted) return EXIT_INTERRUPTED;
  return tally.errors > 0 ? EXIT_RECORD_ERRORS : EXIT_OK;
}
