/**
 * Opening an input: a file, or standard input when the path is "-" (`zcat notes.jsonl.gz | cdicheck scan -`).
 * Standard input has no size, so it is read to the end as it comes; a whole-record read stops at a limit.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";

/** The path that names standard input. */
export const STDIN_PATH = "-";
/** How standard input is named in output rows and messages. */
export const STDIN_DISPLAY = "stdin";

/** The bytes of `path` (or of standard input), in chunks of about `highWaterMark`. */
export function openInput(path: string, highWaterMark = 256 * 1024): AsyncIterable<Buffer> {
  return path === STDIN_PATH ? (process.stdin as AsyncIterable<Buffer>) : (createReadStream(path, { highWaterMark }) as AsyncIterable<Buffer>);
}

/** The input's size, or null when there is none to know (standard input). */
export async function inputSize(path: string): Promise<number | null> {
  return path === STDIN_PATH ? null : (await stat(path)).size;
}

/** The whole input when it is at most `limit` bytes; null when it is longer (it is not all read then). */
export async function readWhole(path: string, limit: number): Promise<Buffer | null> {
  if (path !== STDIN_PATH) return readFile(path);
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of openInput(path)) {
    n += chunk.length;
    if (n > limit) return null;
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
