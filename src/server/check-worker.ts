/**
 * The server's worker-thread entry (run through piscina): checks one note and serializes the answer
 * in the worker, so the event loop neither rebuilds the result object from a structured clone nor
 * serializes it. The JSON comes back as UTF-8 bytes whose buffer is transferred, not copied.
 *
 * The bytes are exactly what the event loop used to send: `JSON.stringify` of the result, or of
 * `{ ...result, ...extra }` for a FHIR request (`extra`: its source and text source).
 */
import { move, transferableSymbol, valueSymbol } from "piscina";
import checkTask, { type WorkerTask } from "../worker.js";

export interface ServerTask extends WorkerTask {
  /** Fields added after the result's own (a FHIR request's `source`, `textSource`), in this order. */
  extra?: Record<string, unknown>;
}

/** One checked note: its verdict (for the request log) and the answer's JSON as UTF-8. */
export interface CheckedNote {
  verdict: string;
  json: Uint8Array;
}

const encoder = new TextEncoder();

/** The result of checkTask() with what the server adds, as the server sends it. */
export function checkToJson(task: ServerTask, run: (task: WorkerTask) => { verdict: string } = checkTask): CheckedNote {
  const result = run(task);
  const body = task.extra === undefined ? result : { ...result, ...task.extra };
  // TextEncoder gives the bytes a buffer of their own (Buffer.from may use a shared pool), so it can be transferred.
  return { verdict: result.verdict, json: encoder.encode(JSON.stringify(body)) };
}

export default function checkNoteToJson(task: ServerTask): unknown {
  const note = checkToJson(task);
  // Hand the bytes' buffer to the event loop instead of copying them (piscina's transferable protocol).
  return move({
    get [transferableSymbol]() {
      return note.json.buffer;
    },
    get [valueSymbol]() {
      return note;
    },
  });
}
