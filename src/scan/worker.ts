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

/** One note's outcome: its row, or the name of the error the checker threw on it (never the note text). */
export type RowOutcome = { ok: true; row: SerializedRow } | { ok: false; error: string };

// Load and compile the lexicons while the main thread opens the inputs. One note is enough: the worker,
// not the reader, is the slower side from the first batch on, so more warm-up notes only delay real ones.
check("IMPRESSION: Acquired C1-C2 ankylosis secondary to rheumatoid arthritis; CT shows bony bridging across C1-C2.");

function checkRow(text: string, code: string): SerializedRow {
  const result = check(text, { code }); // no id given, so the result has none: the caller writes it
  return { json: JSON.stringify(result), digest: digestResult(result) };
}

/** Throws UnsupportedCodeError for a code the checker does not know (the whole batch is wrong then). */
export default function checkBatch(task: BatchTask): RowOutcome[] {
  if (!(SUPPORTED_CODES as readonly string[]).includes(task.code)) throw new UnsupportedCodeError(task.code);
  return task.texts.map((text): RowOutcome => {
    try {
      return { ok: true, row: checkRow(text, task.code) };
    } catch (err) {
      return { ok: false, error: (err as NodeJS.ErrnoException).code ?? (err as Error).name };
    }
  });
}
