/** Bytes of one record to note text, or the error row that says why not (shared by every reader). */
import { decodeNote, InputError, isBlank, MAX_NOTE_BYTES } from "../input.js";
import type { ErrorCode } from "./types.js";

export type Decoded = { ok: true; text: string } | { ok: false; code: ErrorCode; message: string };

/** Decodes bytes as UTF-8 note text; `where` names the place ("notes.jsonl line 4") in error messages. */
export function decodeRecord(bytes: Uint8Array, where: string): Decoded {
  if (bytes.length > MAX_NOTE_BYTES) {
    return { ok: false, code: "too_large", message: `${where}: ${bytes.length} bytes, over the ${MAX_NOTE_BYTES}-byte limit` };
  }
  try {
    return { ok: true, text: decodeNote(bytes, where) };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { ok: false, code: err.code === "binary" ? "binary" : "invalid_utf8", message: err.message };
  }
}

/** The empty-note check every reader applies last. */
export function emptyNote(text: string, where: string): Decoded | null {
  return isBlank(text) ? { ok: false, code: "empty_note", message: `${where}: empty note (no text to check)` } : null;
}

/**
 * A JSON.parse failure without the input: V8 messages quote part of the line, which may be note text (PHI).
 */
export function jsonErrorMessage(err: unknown, where: string): string {
  const m = /position (\d+)/.exec((err as Error).message);
  const unexpectedEnd = /Unexpected end|Unterminated string/.test((err as Error).message);
  return `${where}: not valid JSON${m ? ` (at character ${m[1]})` : unexpectedEnd ? " (ends too early)" : ""}`;
}

/** An id value taken from a record field: strings as they are, numbers as written; anything else is no id. */
export function idValue(v: unknown): string | null {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}
