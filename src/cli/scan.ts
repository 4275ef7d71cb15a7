/**
 * `cdicheck scan PATH... [--out FILE] [--format jsonl|csv] [--report FILE.html]`: batch checking of folders
 * of .txt notes, JSONL, CSV and FHIR exports. Exit 0 when every record was checked, 3 when some could
 * not be (error rows), 2 when the command itself is wrong, 130 when interrupted.
 *
 * This file and src/scan/ never import the checker itself: only the worker threads load the pipeline,
 * which keeps it (start-up time and memory) out of the main thread. --code is checked against the
 * contract's list before any worker starts.
 */
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { UsageError } from "../scan/inputs.js";
import { BYTES_FOR_LAST_CORE, EXIT_USAGE, MIN_BYTES_PER_WORKER, runScan } from "../scan/run.js";
import { parseShard } from "../scan/shard.js";
import { DEFAULT_TIMEOUT_MS } from "../scan/pool.js";
import { DEFAULT_MAX_NOTE_CHARS } from "../contract.js";
import { INPUT_FORMATS, type InputFormat } from "../scan/types.js";

interface RawOptions {
  out?: string;
  format?: string;
  report?: string;
  reportSnippets?: boolean;
  jobs?: string;
  quiet?: boolean;
  resume?: boolean;
  shard?: string;
  inputFormat?: string;
  idField: string;
  textField: string;
  idColumn?: string;
  textColumn?: string;
  code: string;
  maxNoteChars?: string;
  timeoutMs?: string;
}

function usage(message: string): never {
  throw new UsageError(message);
}

function outputFormat(opts: RawOptions): "jsonl" | "csv" {
  const f = opts.format ?? (opts.out?.toLowerCase().endsWith(".csv") ? "csv" : "jsonl");
  if (f !== "jsonl" && f !== "csv") usage(`unknown --format "${f}" (jsonl or csv)`);
  return f;
}

export function registerScan(program: Command): void {
  program
    .command("scan")
    .description("check many notes: folders of .txt, JSONL/NDJSON, CSV, FHIR R4 (bulk NDJSON or Bundle JSON)")
    .argument("<paths...>", "files and folders (folders are read recursively)")
    .option("--out <file>", "write results here (default: standard output)")
    .option("--format <format>", "jsonl | csv (default: from the --out extension, else jsonl)")
    .option("--report <file.html>", "also write a one-page HTML report (no note text in it)")
    .option("--report-snippets", "put evidence snippets (note text, at most 60 characters each) in the report")
    .option(
      "--jobs <n>",
      `worker threads (default: the cores, ${availableParallelism()} here; fewer for small inputs: one per ${MIN_BYTES_PER_WORKER / 2 ** 20} MB, the last core from ${BYTES_FOR_LAST_CORE / 2 ** 20} MB)`,
    )
    .option("--quiet", "no progress bar (the summary line is still printed)")
    .option("--resume", "continue an interrupted scan into the same --out, skipping what is already there")
    .option("--shard <I/N>", "check only share I of N (0 <= I < N), chosen by a hash of the note id")
    .option("--input-format <format>", `read every input as ${INPUT_FORMATS.join(" | ")} (default: by extension)`)
    .option("--id-field <name>", "JSONL: the id field", "id")
    .option("--text-field <name>", "JSONL: the text field", "text")
    .option("--id-column <name|n>", "CSV: the id column (a header name or a 1-based number)")
    .option("--text-column <name|n>", "CSV: the text column (a header name or a 1-based number)")
    .option("--code <code>", "ICD-10-CM code to check", "M43.21")
    .option("--max-note-chars <n>", `longest note checked, in UTF-16 code units (default ${DEFAULT_MAX_NOTE_CHARS}); longer notes are note_too_large error rows`)
    .option("--timeout-ms <n>", `time budget per note in ms (default ${DEFAULT_TIMEOUT_MS}); a note over it is a check_timeout error row and its worker is replaced`)
    // Usage errors (unknown option, missing argument) exit 2 per the contract; commander's default is 1.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (paths: string[], opts: RawOptions) => {
      try {
        let jobs: number | undefined;
        if (opts.jobs !== undefined) {
          if (!/^[1-9][0-9]*$/.test(opts.jobs)) usage(`--jobs "${opts.jobs}": expected a whole number of at least 1`);
          jobs = Number(opts.jobs);
        }
        const whole = (flag: string, v: string | undefined): number | undefined => {
          if (v === undefined) return undefined;
          if (!/^[1-9][0-9]{0,15}$/.test(v.trim())) usage(`${flag} "${v}": expected a whole number of at least 1`);
          return Number(v.trim());
        };
        const maxNoteChars = whole("--max-note-chars", opts.maxNoteChars);
        const timeoutMs = whole("--timeout-ms", opts.timeoutMs);
        if (opts.inputFormat !== undefined && !(INPUT_FORMATS as readonly string[]).includes(opts.inputFormat)) {
          usage(`unknown --input-format "${opts.inputFormat}" (${INPUT_FORMATS.join(", ")})`);
        }
        if (opts.report !== undefined && opts.out !== undefined && opts.report === opts.out) usage("--report and --out name the same file");
        if (opts.reportSnippets && opts.report === undefined) usage("--report-snippets needs --report FILE.html");
        process.exitCode = await runScan({
          paths,
          format: outputFormat(opts),
          ...(jobs !== undefined ? { jobs } : {}),
          quiet: Boolean(opts.quiet),
          resume: Boolean(opts.resume),
          idField: opts.idField,
          textField: opts.textField,
          code: opts.code,
          ...(maxNoteChars !== undefined ? { maxNoteChars } : {}),
          ...(timeoutMs !== undefined ? { timeoutMs } : {}),
          ...(opts.out !== undefined ? { out: opts.out } : {}),
          ...(opts.report !== undefined ? { report: opts.report } : {}),
          ...(opts.reportSnippets ? { reportSnippets: true } : {}),
          ...(opts.shard !== undefined ? { shard: parseShard(opts.shard) } : {}),
          ...(opts.inputFormat !== undefined ? { inputFormat: opts.inputFormat as InputFormat } : {}),
          ...(opts.idColumn !== undefined ? { idColumn: opts.idColumn } : {}),
          ...(opts.textColumn !== undefined ? { textColumn: opts.textColumn } : {}),
        });
      } catch (err) {
        if (err instanceof UsageError) {
          process.stderr.write(`cdicheck scan: ${err.message}\n`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        throw err;
      }
    });
}
