/**
 * The csv reporter for scan output: one row per note (id, verdict, score, missing, suggested codes, the
 * source file and line, and the error for a record that could not be checked). RFC 4180 quoting, LF rows,
 * one line per row (line breaks inside values become spaces, so a resumed scan can find the last whole row).
 */
import type { RowDigest } from "../scan/digest.js";

export const CSV_COLUMNS = ["id", "verdict", "score", "missing", "suggested_codes", "file", "line", "error_code", "error"] as const;

/** Line breaks inside a value become spaces, so that every output row is exactly one line. */
export function oneLine(s: string): string {
  return s.replace(/\r\n|[\r\n\u2028\u2029]/g, " ");
}

/** Quotes a field when it holds a comma, a quote or leading/trailing space. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = oneLine(String(value));
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(",") + "\n";
}

export function csvRow(d: RowDigest): string {
  const fields = [
    d.id,
    d.verdict,
    d.score,
    d.missing.join(";"),
    d.suggestions.map((s) => `${s.code} ${s.relation}`).join(";"),
    d.file,
    d.line,
    d.errorCode,
    d.errorMessage,
  ];
  return fields.map(csvField).join(",") + "\n";
}
