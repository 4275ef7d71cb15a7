/**
 * Worker-thread entry for scan: checks a batch of notes and returns each row already serialized (the
 * result as JSON, without its id) plus the small digest the CSV output and the report need. Handing back
 * strings instead of large object trees, several notes to a message, keeps the main thread's share of
 * the work (messages, structured-clone decoding, JSON.stringify) small, so it does not hold the workers back.
 */
import { check, SUPPORTED_CODES, UnsupportedCodeError } from "../check.js";
import { digestResult, type RowDigest } from "./digest.js";

export interface SerializedRow {
  /** JSON of the result without `id` ("{...}"): the caller prefixes id and source. */
  json: string;
  digest: Omit<RowDigest, "id" | "file" | "line">;
}

export interface BatchTask {
  code: string;
  texts: string[];
}

/** Why a note has no result: the checker threw, it ran over the time budget, or its worker died. */
export type FailureCode = "check_failed" | "check_timeout" | "worker_crashed";

/** One note's outcome: its row, or the name of the error the checker threw on it (never the note text). */
export type RowOutcome = { ok: true; row: SerializedRow } | { ok: false; error: string; code?: FailureCode };

/**
 * TEST ONLY: CDICHECK_TEST_FAULT="hang:MARKER" makes the worker loop forever on a note containing MARKER,
 * "crash:MARKER" makes its thread exit, so tests can drive the
 * time budget and the worker replacement. Never set it in production.
 */
const FAULT = /^(hang|crash):(.+)$/s.exec(process.env.CDICHECK_TEST_FAULT ?? "");

function injectFault(text: string): void {
  if (!FAULT || !text.includes(FAULT[2]!)) return;
  if (FAULT[1] === "crash") process.exit(70); // in a worker thread this ends the thread only
  for (;;); // hang
}

// Load and compile the lexicons while the main thread opens the inputs. One note is enough: the worker,
// not the reader, is the slower side from the first batch on, so more warm-up notes only delay real ones.
check("IMPRESSION: Acquired C1-C2 ankylosis secondary to rheumatoid arthritis; CT shows bony bridging across C1-C2.");

function checkRow(text: string, code: string): SerializedRow {
  // The scan's main thread already refused notes over --max-note-chars; the limit is its business.
  const result = check(text, { code, maxNoteChars: Infinity }); // no id given, so the result has none: the caller writes it
  return { json: JSON.stringify(result), digest: digestResult(result) };
}

/** Throws UnsupportedCodeError for a code the checker does not know (the whole batch is wrong then). */
export default function checkBatch(task: BatchTask, onNote?: (index: number) => void): RowOutcome[] {
  if (!(SUPPORTED_CODES as readonly string[]).includes(task.code)) throw new UnsupportedCodeError(task.code);
  return task.texts.map((text, i): RowOutcome => {
    onNote?.(i);
    if (FAULT) injectFault(text);
    try {
      return { ok: true, row: checkRow(text, task.code) };
    } catch (err) {
      return { ok: false, error: (err as NodeJS.ErrnoException).code ?? (err as Error).name };
    }
  });
}
