/**
 * Opening an input: a file, or standard input when the path is "-" (`zcat notes.jsonl.gz | cdicheck scan -`).
 * Standard input has no size, so it is read to the end as it comes; a whole-record read stops at a limit.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { detectUtf16 } from "../input.js";

/** The path that names standard input. */
export const STDIN_PATH = "-";
/** How standard input is named in output rows and messages. */
export const STDIN_DISPLAY = "stdin";

/**
 * The bytes of `path` (or of standard input), in chunks of about `highWaterMark`, as UTF-8: a UTF-16
 * input (a byte-order mark, or recognised from its first chunk, see detectUtf16) is decoded as it streams
 * and handed on as UTF-8, so the line and CSV readers see the text and not a "binary" stream of zeros.
 */
export function openInput(path: string, highWaterMark = 256 * 1024): AsyncIterable<Buffer> {
  const raw = path === STDIN_PATH ? (process.stdin as AsyncIterable<Buffer>) : (createReadStream(path, { highWaterMark }) as AsyncIterable<Buffer>);
  return asUtf8(raw);
}

async function* asUtf8(raw: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let first = true;
  for await (let chunk of raw) {
    if (first) {
      first = false;
      const utf16 = detectUtf16(chunk);
      if (utf16) {
        decoder = new TextDecoder(utf16.encoding, { ignoreBOM: true });
        chunk = chunk.subarray(utf16.bom);
      }
    }
    if (!decoder) {
      yield chunk;
      continue;
    }
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield Buffer.from(text, "utf8");
  }
  const rest = decoder?.decode();
  if (rest) yield Buffer.from(rest, "utf8");
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
