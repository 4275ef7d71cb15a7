/**
 * `cdicheck check [FILE...|-] [--code M43.21] [--format text|json|html] [--color|--no-color]` and
 * `cdicheck check --jsonl`. One note gives one report; several (two or more FILEs, or a glob pattern) give
 * one report per note and a summary. Exit 0 when every note is supported, 1 when any is not, 2 for a usage
 * error or when any note could not be read (message on stderr).
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { check, DEFAULT_MAX_NOTE_CHARS, NoteTooLargeError, SUPPORTED_CODES } from "../check.js";
import { decodeNote, EmptyNoteError, InputError, isBlank } from "../input.js";
import type { CheckResult } from "../schema.js";
import { renderFileError, renderFileHeading, renderSummary, renderText } from "../reporters/text.js";
import { renderHtml } from "../reporters/html.js";
import { VERSION } from "../version.js";
import { renderJson } from "../reporters/json.js";
import { COLOR_RULE, useColor } from "./color.js";
import { expandArgs, STDIN } from "./files.js";
import { stopQuietlyOnClosedPipe } from "./stdout.js";

const FORMATS = ["text", "json", "html"] as const;
type Format = (typeof FORMATS)[number];

export const EXIT_CODES_HELP = `Exit codes:
  0  every note checked is supported
  1  at least one note is not supported (incomplete, redirect or not_documented)
  2  a usage error (unknown option or --format, unknown --code), or any note that could not be
     checked: empty, binary, invalid UTF-8, too large, a missing file, a pattern matching no file;
     the message is on standard error`;

const CHECK_HELP = `
Format: --format decides; without it the output is text, always (on a terminal, a pipe or a file).
  Ask for --format json in scripts.

One note (one FILE, or standard input) gives one report: the text report, exactly one JSON result
object, or one HTML page.
Several notes (two or more FILEs, or any glob pattern) give:
  text  each note's report under its file name, then a summary line ("✖ 3 notes: 1 supported, ...")
  json  one JSON array, one element per note in the order given: the result object with a "file" field
        first, or {"file", "error": {"code", "message"}} for a note that could not be checked
  html  not available (one page per note); use 'cdicheck scan PATH... --report report.html'
Glob patterns in quotes ('notes/**/*.txt') are expanded by cdicheck: files only, no dot files, sorted.
An argument naming an existing file is read as it is, whatever its characters.

Colour (text only): ${COLOR_RULE}.

${EXIT_CODES_HELP}

Examples:
  cdicheck check note.txt
  cdicheck check note.txt --format json | jq .verdict
  cdicheck check a.txt b.txt 'notes/*.txt'
  cat note.txt | cdicheck check -`;

interface Problem {
  code: string;
  message: string;
}

type Read = { ok: true; text: string } | ({ ok: false } & Problem);

/** One note's text, or what is wrong with it; `-` is standard input. */
function readNote(file: string): Read {
  const source = file === STDIN ? "stdin" : file;
  let buf: Buffer;
  try {
    buf = readFileSync(file === STDIN ? 0 : file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "ENOENT") return { ok: false, code: "not_found", message: `${source}: no such file` };
    if (e.code === "EISDIR") return { ok: false, code: "is_directory", message: `${source}: is a directory (use 'cdicheck scan' for folders)` };
    return { ok: false, code: "unreadable", message: `${source}: cannot read (${e.code ?? e.message})` };
  }
  let text: string;
  try {
    text = decodeNote(buf, source);
  } catch (err) {
    if (err instanceof InputError) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
  if (isBlank(text)) {
    const e = new EmptyNoteError(source);
    return { ok: false, code: e.code, message: e.message };
  }
  return { ok: true, text };
}

function fail(message: string): never {
  process.stderr.write(`cdicheck check: ${message}\n`);
  process.exit(2);
}

function warn(message: string): void {
  process.stderr.write(`cdicheck check: ${message}\n`);
}

/** A positive whole number option (`--max-note-chars`); anything else is a usage error. */
export function parseLimit(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^[1-9][0-9]{0,15}$/.test(value.trim())) fail(`${flag} "${value}": expected a whole number of at least 1`);
  return Number(value.trim());
}

async function runJsonl(code: string | undefined, maxNoteChars: number): Promise<void> {
  // Imported here: its request schema loads zod, which checking a file does not need.
  const { checkJsonlLine } = await import("./jsonl.js");
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === "") continue;
    process.stdout.write(JSON.stringify(checkJsonlLine(line, lineNo, code, maxNoteChars)) + "\n");
  }
}

/**
 * check() on one note read from `source`: the result, or the problem as the CLI names it (a note over the
 * limit; any other failure of the checker as one line, never a stack trace or the note's text).
 */
function checkNote(text: string, source: string, code: string, maxNoteChars: number): CheckResult | { error: Problem } {
  try {
    return check(text, { code, maxNoteChars });
  } catch (err) {
    if (err instanceof NoteTooLargeError) {
      return { error: { code: "too_large", message: `${source}: note is ${err.chars} characters, over the ${err.limit}-character limit (--max-note-chars)` } };
    }
    return { error: { code: "unreadable", message: `${source}: the checker failed (${(err as Error).name})` } };
  }
}

/** The array element for one note: `file` first, then the result or the error. */
function jsonItem(file: string, outcome: CheckResult | { error: Problem }): string {
  const body = JSON.stringify({ file, ...outcome }, null, 2);
  return body.replace(/^/gm, "  ");
}

interface CheckOpts {
  code: string;
  format?: string;
  jsonl?: boolean;
  color?: boolean;
  maxNoteChars?: string;
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("check notes: a FILE, several FILEs or glob patterns, or standard input (- or no FILE)")
    .argument("[files...]", "note files or glob patterns; - or nothing for standard input")
    .option("--code <code>", `ICD-10-CM code to check (supported: ${SUPPORTED_CODES.join(", ")})`, "M43.21")
    .option("--format <format>", "text | json | html (default: text, whatever standard output is)")
    .option("--color", "colour the text report even when standard output is not a terminal")
    .option("--no-color", "never colour the text report")
    .option("--jsonl", "stream: one JSON request per stdin line, one result per stdout line")
    .option("--max-note-chars <n>", `longest note checked, in UTF-16 code units (default ${DEFAULT_MAX_NOTE_CHARS}); a longer one is an input error`)
    .addHelpText("after", CHECK_HELP)
    .action(async (files: string[], opts: CheckOpts) => {
      stopQuietlyOnClosedPipe();
      const maxNoteChars = parseLimit("--max-note-chars", opts.maxNoteChars, DEFAULT_MAX_NOTE_CHARS);
      if (!(SUPPORTED_CODES as readonly string[]).includes(opts.code)) {
        fail(`unsupported code "${opts.code}"; supported codes: ${SUPPORTED_CODES.join(", ")}`);
      }
      if (opts.jsonl) {
        if (files.length > 1 || (files.length === 1 && files[0] !== STDIN)) fail("--jsonl reads standard input; do not give a FILE");
        await runJsonl(opts.code, maxNoteChars);
        return;
      }
      const format = (opts.format ?? "text") as Format;
      if (!FORMATS.includes(format)) fail(`unknown --format "${format}" (text, json or html)`);
      if (files.filter((f) => f === STDIN).length > 1) fail("standard input (-) can be given once");
      const { targets, many } = expandArgs(files);
      if (many && format === "html") {
        fail("--format html writes one page for one note; for several use 'cdicheck scan PATH... --report report.html'");
      }
      const color = useColor(opts.color);

      if (!many) {
        const file = targets[0]!.file;
        const read = readNote(file);
        if (!read.ok) fail(read.message);
        const result = checkNote(read.text, file === STDIN ? "standard input" : file, opts.code, maxNoteChars);
        if ("error" in result) fail(result.error.message);
        process.stdout.write(
          format === "json" ? renderJson(result) : format === "html"
              ? renderHtml(result, read.text, { version: VERSION, source: file === STDIN ? "standard input" : "file " + file, checkedAt: new Date().toISOString() })
              : renderText(result, read.text, { color }),
        );
        process.exitCode = result.verdict === "supported" ? 0 : 1;
        return;
      }

      const verdicts: CheckResult["verdict"][] = [];
      let errors = 0;
      if (format === "json") process.stdout.write("[");
      targets.forEach((target, i) => {
        const name = target.file;
        const display = name === STDIN ? "standard input" : name;
        let outcome: CheckResult | { error: Problem };
        let text = "";
        if ("error" in target) outcome = { error: target.error };
        else {
          const read = readNote(name);
          if (read.ok) {
            text = read.text;
            outcome = checkNote(text, display, opts.code, maxNoteChars);
          } else outcome = { error: { code: read.code, message: read.message } };
        }
        if ("error" in outcome) {
          errors++;
          warn(outcome.error.message);
        } else verdicts.push(outcome.verdict);
        if (format === "json") {
          process.stdout.write(`${i ? "," : ""}\n${jsonItem(name, outcome)}`);
        } else {
          process.stdout.write(`${i ? "\n" : ""}${renderFileHeading(display, { color })}`);
          process.stdout.write("error" in outcome ? renderFileError(outcome.error.message, { color }) : renderText(outcome, text, { color }));
        }
      });
      if (format === "json") process.stdout.write("\n]\n");
      else process.stdout.write(`\n${renderSummary(verdicts, errors, { color })}`);
      process.exitCode = errors ? 2 : verdicts.every((v) => v === "supported") ? 0 : 1;
    });
}
