/** A .txt file is one note; its id is its path relative to the folder it was found under. */
import { MAX_NOTE_BYTES } from "../../input.js";
import { decodeRecord, emptyNote } from "../decode.js";
import { inputSize, readWhole } from "../open.js";
import { errorRecord, type InputFile, type ScanRecord } from "../types.js";

/** Line (1-based) holding a byte offset, for error messages. */
function lineAt(buf: Uint8Array, byteOffset: number): number {
  let line = 1;
  for (let i = 0; i < byteOffset && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

/**
 * The record of one .txt: its note, or an error row. Never rejects, so the scan can start reading files
 * ahead of the one it is on (records.ts) and drop those reads if it stops early.
 */
export async function loadTxt(file: InputFile): Promise<ScanRecord> {
  const id = file.relativeId ?? file.display;
  const source = { file: file.display, line: 1 };
  try {
    const size = await inputSize(file.path);
    // One .txt is one note, bounded by MAX_NOTE_BYTES: reading it whole is reading one record.
    const buf = size === null || size <= MAX_NOTE_BYTES ? await readWhole(file.path, MAX_NOTE_BYTES) : null;
    if (buf === null) {
      return errorRecord(id, source, "too_large", `${file.display}: ${size ?? "more than " + MAX_NOTE_BYTES} bytes, over the ${MAX_NOTE_BYTES}-byte limit`, file.bytes);
    }
    const decoded = decodeRecord(buf, file.display);
    if (!decoded.ok) {
      const m = /byte offset (\d+)/.exec(decoded.message);
      const line = m ? lineAt(buf, Number(m[1])) : 1;
      return errorRecord(id, { file: file.display, line }, decoded.code, `${decoded.message}, line ${line}`, file.bytes);
    }
    const empty = emptyNote(decoded.text, file.display);
    if (empty && !empty.ok) return errorRecord(id, source, empty.code, empty.message, file.bytes);
    return { kind: "note", id, text: decoded.text, source, progressBytes: file.bytes };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return errorRecord(id, source, "unreadable", `${file.display}: cannot read (${e.code ?? e.message})`, file.bytes);
  }
}
