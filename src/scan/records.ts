/** All input files, one after the other, as one stream of records (notes, errors, skipped resources). */
import { readBundle } from "./readers/bundle.js";
import { readCsv, type CsvOptions } from "./readers/csv.js";
import { readJsonl } from "./readers/jsonl.js";
import { readTxt } from "./readers/txt.js";
import type { InputFile, ScanRecord } from "./types.js";

export interface ReadOptions extends CsvOptions {
  idField: string;
  textField: string;
  /** The format was given with --input-format (not guessed from extensions). */
  forced: boolean;
}

export type Item = (ScanRecord | { kind: "skip"; progressBytes: number }) & { base: number };

function reader(file: InputFile, opts: ReadOptions): AsyncGenerator<ScanRecord | { kind: "skip"; progressBytes: number }> {
  switch (file.format) {
    case "txt":
      return readTxt(file);
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
  for (const file of files) {
    for await (const rec of reader(file, opts)) yield Object.assign(rec, { base });
    base += file.bytes;
  }
}
