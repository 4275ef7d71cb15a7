/**
 * Worker-thread entry for scan and serve (run through piscina): checks one note off the main thread.
 * Receives and returns plain data only.
 */
import { check } from "./check.js";
import type { CheckResult } from "./schema.js";

export interface WorkerTask {
  text: string;
  code?: string;
  id?: string;
}

export default function checkTask(task: WorkerTask): CheckResult {
  // The server enforces its own --max-note-chars before a task is queued.
  return check(task.text, {
    maxNoteChars: Infinity,
    ...(task.code !== undefined ? { code: task.code } : {}),
    ...(task.id !== undefined ? { id: task.id } : {}),
  });
}
