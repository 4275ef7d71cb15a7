/**
 * The server's worker-thread entry (run through piscina): checks one note and serializes the answer
 * in the worker, so the event loop neither rebuilds the result object from a structured clone nor
 * serializes it. The JSON comes back as UTF-8 bytes whose buffer is transferred, not copied.
 *
 * The bytes are exactly what the event loop used to send: `JSON.stringify` of the result, or of
 * `{ ...result, ...extra }` for a FHIR request (`extra`: its source and text source).
 */
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import { isMainThread, workerData } from "node:worker_threads";
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

/**
 * How much lower than the event loop's the worker threads' CPU priority is, by default (Linux nice
 * levels; `cdicheck serve --worker-nice`). When the cores are all busy, the kernel then runs the
 * event loop first: /healthz and the parsing of new requests do not wait behind checks, and the
 * workers still take every cycle the event loop leaves.
 */
export const DEFAULT_WORKER_NICE = 10;

/**
 * Lowers the calling thread's CPU priority by `nice` levels (at most to 19). Linux only (a thread's id
 * is read from /proc/thread-self); elsewhere, or when refused, it does nothing and returns false.
 */
export function lowerThreadPriority(nice: number): boolean {
  if (!(nice > 0)) return false;
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, Math.min(19, getPriority(tid) + nice));
    return true;
  } catch {
    return false;
  }
}

// In a worker thread of the pool: piscina passes the pool's workerData to every thread it starts.
if (!isMainThread) {
  const nice = (workerData as { cdicheckWorkerNice?: unknown } | undefined)?.cdicheckWorkerNice;
  if (typeof nice === "number") lowerThreadPriority(nice);
}
