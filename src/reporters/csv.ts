/**
 * The csv reporter for scan output: one row per note (id, verdict, score, missing, suggested codes, the
 * source file and line, and the error for a record that could not be checked). RFC 4180 quoting, LF rows,
 * one line per row (line breaks inside values become spaces, so a resumed scan can find the last whole row),
 * and no cell a spreadsheet would evaluate as a formula. The quoting is csv-stringify's (the writer of the
 * csv-parse project the scan reads CSV with); the two rules it does not have are here: one line per
 * value, and the formula guard that leaves plain numbers such as an id "-12" alone (its own
 * `escape_formulas` would write "'-12").
 */
import { stringify } from "csv-stringify/sync";
import type { RowDigest } from "../scan/digest.js";

export const CSV_COLUMNS = ["id", "verdict", "score", "missing", "suggested_codes", "file", "line", "error_code", "error"] as const;
/**
 * A scan of the category M43.2 adds two columns: the code the row's result is for (the one the note best
 * supports) and every code of the family as "code verdict score" separated by semicolons.
 */
export const FAMILY_CSV_COLUMNS = [...CSV_COLUMNS, "code", "family"] as const;

/** Line breaks inside a value become spaces, so that every output row is exactly one line. */
function oneLine(s: string): string {
  return s.replace(/\r\n|[\r\n\u2028\u2029]/g, " ");
}

/** A cell a spreadsheet would run as a formula: it starts with = + - @ or a tab (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t]/;
/** A plain number ("-12", "+3.5") is no formula and keeps its sign. */
const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * The text written in a cell: on one line and, when a spreadsheet would read it as a formula, with a
 * leading apostrophe (shown as text, never evaluated). Ids and file names come from the exported notes,
 * so an id such as `=HYPERLINK(...)` must not run when a coder opens the results in Excel.
 */
export function cellText(value: string): string {
  const s = oneLine(value);
  return FORMULA_START.test(s) && !NUMBER.test(s) ? `'${s}` : s;
}

/** RFC 4180 quoting, plus quotes around a value with leading or trailing white space; LF row ends. */
const STRINGIFY = { quoted_match: /^\s|\s$/, record_delimiter: "unix" } as const;

type Cell = string | number | null | undefined;

/** The fields of one row as written: strings through cellText, numbers as they are. */
const cells = (values: readonly Cell[]): (string | number | null)[] => values.map((v) => (v === undefined ? null : typeof v === "string" ? cellText(v) : v));

/** One row, newline included. */
function csvLine(values: readonly Cell[]): string {
  return stringify([cells(values)], STRINGIFY);
}

/** One field as written: quoted when it holds a comma, a quote or leading/trailing space. */
export function csvField(value: Cell): string {
  return csvLine([value]).slice(0, -1);
}

export function csvHeader(family = false): string {
  return csvLine(family ? FAMILY_CSV_COLUMNS : CSV_COLUMNS);
}

export function csvRow(d: RowDigest, family = false): string {
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
    ...(family ? [d.code, d.family?.map((f) => `${f.code} ${f.verdict} ${f.score}`).join(";")] : []),
  ];
  return csvLine(fields);
}
