/**
 * Worker-thread entry for scan: checks a batch of notes and returns each row already serialized (the whole
 * JSONL line as UTF-8 bytes, in one buffer per batch that is transferred, not copied) plus the small digest
 * the CSV output and the report need. The main thread then only writes bytes: no result objects to decode,
 * no JSON.stringify, no UTF-8 encoding of the output, so its share of the work stays small beside the
 * workers' (on two cores it shares a core with them).
 */
import { check, SUPPORTED_CODES, UnsupportedCodeError } from "../check.js";
import { digestResult, type RowDigest } from "./digest.js";

export interface SerializedRow {
  /**
   * The whole JSONL output line, UTF-8, newline included: the task's head for the note (`{"id":...,"source":...,`)
   * followed by the result's JSON without its opening brace. A view into one buffer per batch, which is
   * transferred to the main thread, not copied; absent when the task has no heads (CSV output needs the digest only).
   */
  line?: Uint8Array;
  digest: Omit<RowDigest, "id" | "file" | "line">;
}

export interface BatchTask {
  code: string;
  texts: string[];
  /** Per note, the start of its JSONL row up to and including the comma after the fields the scan adds; none for CSV. */
  heads?: string[];
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

const encoder = new TextEncoder();

/**
 * Throws UnsupportedCodeError for a code the checker does not know (the whole batch is wrong then). With
 * heads, every row's output line is encoded into one fresh buffer (`rowBuffers` returns it for transfer).
 */
export default function checkBatch(task: BatchTask, onNote?: (index: number) => void): RowOutcome[] {
  if (!(SUPPORTED_CODES as readonly string[]).includes(task.code)) throw new UnsupportedCodeError(task.code);
  const lines: (string | null)[] = [];
  const outcomes = task.texts.map((text, i): RowOutcome => {
    onNote?.(i);
    if (FAULT) injectFault(text);
    try {
      // The scan's main thread already refused notes over --max-note-chars; the limit is its business.
      const result = check(text, { code: task.code, maxNoteChars: Infinity }); // no id given, so the result has none: the head holds it
      const line = task.heads ? task.heads[i]! + JSON.stringify(result).slice(1) + "\n" : null;
      const digest = digestResult(result);
      lines[i] = line;
      return { ok: true, row: { digest } };
    } catch (err) {
      lines[i] = null;
      return { ok: false, error: (err as NodeJS.ErrnoException).code ?? (err as Error).name };
    }
  });
  if (task.heads) {
    let total = 0;
    for (const l of lines) if (l) total += Buffer.byteLength(l, "utf8");
    const bytes = new Uint8Array(total); // its own ArrayBuffer (never Buffer's shared pool): it is transferred
    let at = 0;
    lines.forEach((l, i) => {
      const o = outcomes[i]!;
      if (!l || !o.ok) return;
      const { written } = encoder.encodeInto(l, bytes.subarray(at));
      o.row.line = bytes.subarray(at, at + written);
      at += written;
    });
  }
  return outcomes;
}

/** The buffers behind a batch's lines, to transfer with the message that carries them. */
export function rowBuffers(outcomes: RowOutcome[]): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const o of outcomes) if (o.ok && o.row.line) set.add(o.row.line.buffer as ArrayBuffer);
  return [...set];
}
