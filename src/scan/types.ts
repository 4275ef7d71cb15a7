/**
 * The data that flows through a scan: input files, the records read from them (a note or an error),
 * and the rows written out. Plain data only, so records can cross into worker threads.
 */
import type { CheckResult } from "../schema.js";

export const INPUT_FORMATS = ["txt", "jsonl", "csv", "fhir"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** One file to read, with the format it will be read as. */
export interface InputFile {
  /** Path to open. */
  path: string;
  /** Path as shown in output rows (as the user gave it, joined with the part found under a folder). */
  display: string;
  /** For a .txt found under a folder: the id (path relative to that folder, "/" separators). */
  relativeId?: string;
  format: InputFormat;
  /** Size in bytes when the scan started (drives the progress bar and ETA); 0 for standard input. */
  bytes: number;
  /** Standard input: read once, as it comes, size unknown. */
  stream?: boolean;
}

/** Where a record came from: the file, the 1-based line where it starts, and for CSV the row number. */
export interface SourceRef {
  file: string;
  line: number;
  /** CSV: 1-based data row (the header is not counted). */
  row?: number;
  /** FHIR: the resource and the attachment the text was taken from. */
  resource?: string;
  attachment?: string;
}

/** How the text was obtained, when it is not the input bytes as they are (FHIR text/html). */
export interface TextSource {
  contentType: string;
  note: string;
}

export interface NoteRecord {
  kind: "note";
  id: string;
  text: string;
  source: SourceRef;
  textSource?: TextSource;
  /** Bytes of the input consumed once this record is done (progress). */
  progressBytes: number;
}

export const ERROR_CODES = [
  "invalid_json",
  "invalid_request",
  "invalid_csv",
  "missing_column",
  "invalid_utf8",
  "binary",
  "empty_note",
  "no_text",
  "unreadable",
  "too_large",
  "check_failed",
  "note_too_large",
  "check_timeout",
  "worker_crashed",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorRecord {
  kind: "error";
  id: string | null;
  source: SourceRef;
  error: { code: ErrorCode; message: string };
  progressBytes: number;
}

export type ScanRecord = NoteRecord | ErrorRecord;

/** One line of the output: a result with its id and source, or an error naming the file and line. */
export type ResultRow = CheckResult & { id: string; source: SourceRef; textSource?: TextSource };
export interface ErrorRow {
  id: string | null;
  source: SourceRef;
  error: { code: ErrorCode; message: string; file: string; line: number };
}
export type OutputRow = ResultRow | ErrorRow;

export function isErrorRow(row: OutputRow): row is ErrorRow {
  return (row as ErrorRow).error !== undefined;
}

export function errorRecord(
  id: string | null,
  source: SourceRef,
  code: ErrorCode,
  message: string,
  progressBytes: number,
): ErrorRecord {
  return { kind: "error", id, source, error: { code, message }, progressBytes };
}
