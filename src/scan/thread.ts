/**
 * Worker-thread entry for scan's own pool (pool.ts): batches of notes in, serialized rows out. Before each
 * note it writes the time and the note's index into a buffer shared with the main thread, which is how
 * the main thread sees a note run over its time budget (--timeout-ms) and knows which note it was.
 */
import { parentPort, workerData } from "node:worker_threads";
import { UnsupportedCodeError } from "../contract.js";
import checkBatch, { rowBuffers, type BatchTask } from "./worker.js";

/** [0]: Date.now() when the current note started (0 between notes); [1]: its index in the batch. */
const heartbeat = new Float64Array((workerData as { heartbeat: SharedArrayBuffer }).heartbeat);

parentPort!.on("message", (msg: { id: number; task: BatchTask }) => {
  try {
    const outcomes = checkBatch(msg.task, (i) => {
      heartbeat[1] = i;
      heartbeat[0] = Date.now();
    });
    heartbeat[0] = 0;
    parentPort!.postMessage({ id: msg.id, outcomes }, rowBuffers(outcomes));
  } catch (err) {
    heartbeat[0] = 0;
    parentPort!.postMessage({ id: msg.id, error: err instanceof UnsupportedCodeError ? err.message : (err as Error).name, unsupported: err instanceof UnsupportedCodeError });
  }
});
