/** One line of the `check --jsonl` stream: a request in, a result or an error object out. */
import { z } from "zod";
import { check, DEFAULT_MAX_NOTE_CHARS, SUPPORTED_CODES } from "../check.js";
import { parseJsonExact } from "../json-exact.js";
import { isBlank } from "../input.js";
import type { CheckResult } from "../schema.js";

const RequestSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string(),
  code: z.string().optional(),
});

export interface JsonlError {
  id: string | null;
  error: { code: string; message: string; line: number };
}

export function checkJsonlLine(line: string, lineNo: number, defaultCode?: string, maxNoteChars = DEFAULT_MAX_NOTE_CHARS): CheckResult | JsonlError {
  let raw: unknown;
  try {
    raw = parseJsonExact(line); // ids beyond Number.MAX_SAFE_INTEGER stay exactly as written
  } catch (err) {
    // V8's message quotes the input ("... is not valid JSON"); keep only where it failed, never the text (PHI).
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    return { id: null, error: { code: "invalid_json", message: `line ${lineNo}: not valid JSON${at ? ` (at character ${at})` : ""}`, line: lineNo } };
  }
  const idOf = (v: unknown): string | null => {
    const id = v && typeof v === "object" ? (v as { id?: unknown }).id : undefined;
    return typeof id === "string" || typeof id === "number" ? String(id) : null;
  };
  const parsed = RequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `field "${issue.path.join(".")}"` : "request";
    return { id: idOf(raw), error: { code: "invalid_request", message: `line ${lineNo}: ${where}: ${issue.message}`, line: lineNo } };
  }
  const req = parsed.data;
  const id = req.id === undefined ? undefined : String(req.id);
  const code = req.code ?? defaultCode ?? "M43.21";
  if (!(SUPPORTED_CODES as readonly string[]).includes(code)) {
    return { id: id ?? null, error: { code: "unsupported_code", message: `line ${lineNo}: unsupported code "${code}"; supported: ${SUPPORTED_CODES.join(", ")}`, line: lineNo } };
  }
  if (isBlank(req.text)) {
    return { id: id ?? null, error: { code: "empty_note", message: `line ${lineNo}: empty note (no text to check)`, line: lineNo } };
  }
  if (req.text.length > maxNoteChars) {
    const message = `line ${lineNo}: note is ${req.text.length} characters, over the ${maxNoteChars}-character limit (--max-note-chars)`;
    return { id: id ?? null, error: { code: "note_too_large", message, line: lineNo } };
  }
  try {
    return check(req.text, { code, maxNoteChars, ...(id !== undefined ? { id } : {}) });
  } catch (err) {
    // Never the note text or a stack: the error's name is enough to report.
    return { id: id ?? null, error: { code: "check_failed", message: `line ${lineNo}: the checker failed (${(err as Error).name})`, line: lineNo } };
  }
}
