/** All input files, one after the other, as one stream of records (notes, errors, skipped resources). */
import { readBundle } from "./readers/bundle.js";
import { readCsv, type CsvOptions } from "./readers/csv.js";
import { readJsonl } from "./readers/jsonl.js";
import { loadTxt } from "./readers/txt.js";
import type { InputFile, InputFormat, ScanRecord } from "./types.js";

export interface ReadOptions extends CsvOptions {
  idField: string;
  textField: string;
  /** The format was given with --input-format (not guessed from extensions). */
  forced: boolean;
}

export type Item = (ScanRecord | { kind: "skip"; progressBytes: number }) & { base: number };

/**
 * .txt notes are read this many files (and at most this many bytes) ahead of the one being handed on:
 * one at a time, a folder of small notes kept the workers waiting on file-system round trips.
 */
const TXT_AHEAD_FILES = 32;
const TXT_AHEAD_BYTES = 8 * 1024 * 1024;

/** The reader of a streamed format (.txt files are read whole, with read-ahead, in readAll). */
function reader(file: InputFile, format: Exclude<InputFormat, "txt">, opts: ReadOptions): AsyncGenerator<ScanRecord | { kind: "skip"; progressBytes: number }> {
  switch (format) {
    case "csv":
      return readCsv(file, opts);
    case "jsonl":
      return readJsonl(file, { idField: opts.idField, textField: opts.textField, mode: opts.forced ? "jsonl" : "auto" });
    case "fhir":
      return file.path.toLowerCase().endsWith(".json")
        ? readBundle(file)
        : readJsonl(file, { idField: opts.idField, textField: opts.textField, mode: "fhir" });
  }
}

export async function* readAll(files: InputFile[], opts: ReadOptions): AsyncGenerator<Item> {
  let base = 0;
  const ahead = new Map<number, Promise<ScanRecord>>();
  let aheadBytes = 0;
  let next = 0; // the next file to start reading ahead
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    if (file.format === "txt") {
      next = Math.max(next, i);
      while (next < files.length && files[next]!.format === "txt" && next - i < TXT_AHEAD_FILES && (next === i || aheadBytes + files[next]!.bytes <= TXT_AHEAD_BYTES)) {
        ahead.set(next, loadTxt(files[next]!));
        aheadBytes += files[next]!.bytes;
        next++;
      }
      const rec = await ahead.get(i)!;
      ahead.delete(i);
      aheadBytes -= file.bytes;
      yield Object.assign(rec, { base });
    } else {
      for await (const rec of reader(file, file.format, opts)) yield Object.assign(rec, { base });
    }
    base += file.bytes;
  }
}
