/**
 * Turning bytes into note text, with errors that name the problem and where. Shared by `check`,
 * `scan` and the server so a bad note reads the same everywhere.
 */
import { isUtf8 } from "node:buffer";

export const MAX_NOTE_BYTES = 64 * 1024 * 1024;

/** What is wrong with a note, by name (the same names as the API's and the scan's error codes). */
export type InputErrorCode = "empty_note" | "binary" | "invalid_utf8" | "too_large" | "invalid_input";

export class InputError extends Error {
  constructor(
    message: string,
    /** Byte offset of the problem in the input, when there is one. */
    readonly byteOffset?: number,
    readonly code: InputErrorCode = "invalid_input",
  ) {
    super(message);
    this.name = "InputError";
  }
}

/**
 * A note with nothing to check (empty or only white space). The CLI exits 2, the HTTP API answers 400
 * `empty_note` and the scan writes an `empty_note` error row; the library throws this.
 */
export class EmptyNoteError extends InputError {
  constructor(source = "note") {
    super(`${source}: empty note (no text to check)`, undefined, "empty_note");
    this.name = "EmptyNoteError";
  }
}

/** Byte offset of the first invalid UTF-8 sequence, or -1 when the buffer is valid UTF-8. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  if (isUtf8(buf)) return -1; // native and fast; the walk below only runs to name the bad byte
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Offset of the first NUL byte (the mark of a binary file), or -1. */
export function firstNul(buf: Uint8Array): number {
  return buf.indexOf(0);
}

/**
 * Decodes one note's bytes. Throws InputError for binary data or invalid UTF-8, naming the byte offset.
 * A UTF-8 byte-order mark is dropped (it is not part of the note).
 */
export function decodeNote(buf: Uint8Array, source = "input"): string {
  if (buf.length > MAX_NOTE_BYTES) {
    throw new InputError(`${source}: note is ${buf.length} bytes, over the ${MAX_NOTE_BYTES}-byte limit`, undefined, "too_large");
  }
  const utf16 = detectUtf16(buf);
  if (utf16) return decodeUtf16(buf, utf16, source);
  const nul = firstNul(buf);
  if (nul >= 0) throw new InputError(`${source}: binary data (NUL byte at byte offset ${nul}), not a text note`, nul, "binary");
  const bad = firstInvalidUtf8(buf);
  if (bad >= 0) {
    const byte = buf[bad]!.toString(16).padStart(2, "0");
    throw new InputError(`${source}: invalid UTF-8 at byte offset ${bad} (byte 0x${byte})`, bad, "invalid_utf8");
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  return Buffer.from(buf.buffer, buf.byteOffset + start, buf.length - start).toString("utf8");
}

/** True when the note has nothing to check (empty or only white space). */
export function isBlank(text: string): boolean {
  return !/\S/u.test(text);
}

export interface Utf16 {
  encoding: "utf-16le" | "utf-16be";
  /** Length of the byte-order mark (2), or 0 when the encoding was recognised from the bytes. */
  bom: number;
}

/**
 * UTF-16, by its byte-order mark (FF FE little-endian, FE FF big-endian), or without one by its zero
 * bytes: text that is mostly ASCII has a zero in every other byte, on the same side (at least 60% of the
 * first 4 KB's pairs, and no zero on the other side). Neither can be valid UTF-8 text.
 */
export function detectUtf16(buf: Uint8Array): Utf16 | null {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { encoding: "utf-16le", bom: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: "utf-16be", bom: 2 };
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZeros++;
    if (buf[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (evenZeros === 0 && oddZeros >= pairs * 0.6) return { encoding: "utf-16le", bom: 0 };
  if (oddZeros === 0 && evenZeros >= pairs * 0.6) return { encoding: "utf-16be", bom: 0 };
  return null;
}

/** A whole UTF-16 note to text; a broken one (odd length, lone surrogate) is named as UTF-16, not as binary data. */
function decodeUtf16(buf: Uint8Array, utf16: Utf16, source: string): string {
  const name = utf16.encoding.toUpperCase();
  const body = buf.subarray(utf16.bom);
  if (body.length % 2 !== 0) throw new InputError(`${source}: ${name} text with an odd number of bytes (truncated?)`, undefined, "invalid_utf8");
  let text: string;
  try {
    text = new TextDecoder(utf16.encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new InputError(`${source}: invalid ${name} (a lone surrogate)`, undefined, "invalid_utf8");
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) throw new InputError(`${source}: binary data (a NUL character in ${name} text), not a text note`, undefined, "binary");
  return text;
}
