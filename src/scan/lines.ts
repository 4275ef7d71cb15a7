/**
 * Reading a file line by line as raw bytes, streaming (never the whole file in memory). Lines stay bytes
 * so each one can be checked for UTF-8 on its own and a bad line named by its number.
 */
import { openInput } from "./open.js";

export interface RawLine {
  bytes: Buffer;
  /** 1-based line number. */
  line: number;
  /** Byte offset just after this line (and its line break) in the file. */
  endByte: number;
}

/** Longest line kept; a longer line is reported (as `tooLong`) without holding it all. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export interface RawLineOrTooLong extends RawLine {
  tooLong?: boolean;
}

export async function* readRawLines(path: string, highWaterMark = 256 * 1024): AsyncGenerator<RawLineOrTooLong> {
  const stream = openInput(path, highWaterMark);
  let parts: Buffer[] = [];
  let partBytes = 0;
  let tooLong = false;
  let line = 0;
  let consumed = 0;
  for await (const chunk of stream) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      if (nl < 0) break;
      line++;
      const piece = chunk.subarray(from, nl);
      consumed += nl + 1 - from;
      let bytes: Buffer;
      if (tooLong) bytes = Buffer.alloc(0);
      else if (partBytes === 0) bytes = piece;
      else bytes = Buffer.concat([...parts, piece]);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
      yield { bytes, line, endByte: consumed, ...(tooLong || partBytes + piece.length > MAX_LINE_BYTES ? { tooLong: true } : {}) };
      parts = [];
      partBytes = 0;
      tooLong = false;
      from = nl + 1;
    }
    if (from < chunk.length) {
      const rest = chunk.subarray(from);
      consumed += rest.length;
      if (!tooLong) {
        partBytes += rest.length;
        if (partBytes > MAX_LINE_BYTES) {
          tooLong = true;
          parts = [];
        } else parts.push(Buffer.from(rest)); // copy: the stream may reuse its chunk
      }
    }
  }
  if (partBytes > 0 || tooLong) {
    line++;
    let bytes = tooLong ? Buffer.alloc(0) : Buffer.concat(parts);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    yield { bytes, line, endByte: consumed, ...(tooLong ? { tooLong: true } : {}) };
  }
}
