/**
 * `cdicheck check [FILE|-] [--code M43.21] [--format text|json|html]` and `cdicheck check --jsonl`.
 * Exit 0 when supported, 1 for any other verdict, 2 for a usage or input error (message on stderr).
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { check, DEFAULT_MAX_NOTE_CHARS, NoteTooLargeError, SUPPORTED_CODES, UnsupportedCodeError } from "../check.js";
import { decodeNote, InputError, isBlank } from "../input.js";
import { renderText } from "../reporters/text.js";
import { renderHtml } from "../reporters/html.js";
import { renderJson } from "../reporters/json.js";
import { checkJsonlLine } from "./jsonl.js";

type Format = "text" | "json" | "html";

function fail(message: string): never {
  process.stderr.write(`cdicheck check: ${message}\n`);
  process.exit(2);
}

function readInput(file: string | undefined): { text: string; source: string } {
  const source = file === undefined || file === "-" ? "stdin" : file;
  let buf: Buffer;
  try {
    buf = readFileSync(source === "stdin" ? 0 : source);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "ENOENT") fail(`${source}: no such file`);
    if (e.code === "EISDIR") fail(`${source}: is a directory (use 'cdicheck scan' for folders)`);
    fail(`${source}: cannot read (${e.code ?? e.message})`);
  }
  try {
    return { text: decodeNote(buf, source), source };
  } catch (err) {
    if (err instanceof InputError) fail(err.message);
    throw err;
  }
}

/** A positive whole number option (`--max-note-chars`); anything else is a usage error. */
export function parseLimit(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^[1-9][0-9]{0,15}$/.test(value.trim())) fail(`${flag} "${value}": expected a whole number of at least 1`);
  return Number(value.trim());
}

async function runJsonl(code: string | undefined, maxNoteChars: number): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === "") continue;
    process.stdout.write(JSON.stringify(checkJsonlLine(line, lineNo, code, maxNoteChars)) + "\n");
  }
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("check one note (a file, or standard input with - or no FILE)")
    .argument("[file]", "note file; - or nothing for standard input")
    .option("--code <code>", `ICD-10-CM code to check (supported: ${SUPPORTED_CODES.join(", ")})`, "M43.21")
    .option("--format <format>", "text | json | html (default: text on a terminal, json otherwise)")
    .option("--jsonl", "stream: one JSON request per stdin line, one result per stdout line")
    .option("--max-note-chars <n>", `longest note checked, in UTF-16 code units (default ${DEFAULT_MAX_NOTE_CHARS}); a longer one is an input error`)
    .action(async (file: string | undefined, opts: { code: string; format?: string; jsonl?: boolean; maxNoteChars?: string }) => {
      const maxNoteChars = parseLimit("--max-note-chars", opts.maxNoteChars, DEFAULT_MAX_NOTE_CHARS);
      if (!(SUPPORTED_CODES as readonly string[]).includes(opts.code)) {
        fail(`unsupported code "${opts.code}"; supported codes: ${SUPPORTED_CODES.join(", ")}`);
      }
      if (opts.jsonl) {
        if (file !== undefined && file !== "-") fail("--jsonl reads standard input; do not give a FILE");
        await runJsonl(opts.code, maxNoteChars);
        return;
      }
      const format = (opts.format ?? (process.stdout.isTTY ? "text" : "json")) as Format;
      if (!["text", "json", "html"].includes(format)) fail(`unknown --format "${format}" (text, json or html)`);
      const { text, source } = readInput(file);
      if (isBlank(text)) fail(`${source}: empty note (no text to check)`);
      let result;
      try {
        result = check(text, { code: opts.code, maxNoteChars });
      } catch (err) {
        if (err instanceof UnsupportedCodeError) fail(err.message);
        if (err instanceof NoteTooLargeError) fail(`${source}: note is ${err.chars} characters, over the ${err.limit}-character limit (--max-note-chars)`);
        // One line, never a stack trace or the note text.
        fail(`${source}: the checker failed (${(err as Error).name})`);
      }
      const out =
        format === "json" ? renderJson(result) : format === "html" ? renderHtml(result, text) : renderText(result, text, { color: Boolean(process.stdout.isTTY) });
      process.stdout.write(out);
      process.exitCode = result.verdict === "supported" ? 0 : 1;
    });
}
