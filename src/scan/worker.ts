/**
 * Worker-thread entry for scan: checks one note and returns the row already serialized (the result as
 * JSON, without its id) plus the small digest the CSV output and the report need. Handing back one
 * string instead of a large object tree keeps the main thread's share of the work (structured-clone
 * decoding, JSON.stringify) small, so it does not hold the workers back.
 */
import { check } from "../check.js";
import type { WorkerTask } from "../worker.js";
import { digestRow, type RowDigest } from "./digest.js";

export interface SerializedRow {
  /** JSON of the result without `id` ("{...}"): the caller prefixes id and source. */
  json: string;
  digest: Omit<RowDigest, "id" | "file" | "line">;
}

// Warm up while the main thread opens the inputs: lexicons compiled, the clause parser loaded, the hot
// paths compiled, before the first real note arrives.
for (let i = 0; i < 30; i++) {
  check("IMPRESSION: Acquired C1-C2 ankylosis secondary to rheumatoid arthritis, and C5-C6 fusion; CT shows bony bridging across C1-C2. Rotation limited.");
}

export default function checkRow(task: WorkerTask): SerializedRow {
  const { id: _id, ...rest } = check(task.text, task.code !== undefined ? { code: task.code } : {});
  const { id: _i, file: _f, line: _l, ...digest } = digestRow({ ...rest, id: "", source: { file: "", line: 0 } });
  return { json: JSON.stringify(rest), digest };
}
