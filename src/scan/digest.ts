/**
 * A row reduced to what the CSV output and the report need: id, verdict, score, what is missing, the
 * suggested codes, one top finding in the checker's own words (no note text), and apart from it one
 * short snippet of evidence, which the report shows only when asked (`scan --report-snippets`).
 */
import type { CheckResult, ElementId, Verdict } from "../schema.js";
import { isErrorRow, type OutputRow } from "./types.js";

export interface RowDigest {
  id: string | null;
  file: string;
  line: number;
  verdict: Verdict | "error";
  score: number | null;
  missing: ElementId[];
  /** Elements found partial (known only from full JSONL rows). */
  partial: ElementId[];
  suggestions: { code: string; relation: string }[];
  /** The top finding in the checker's words: codes, element names, a verdict sentence; never note text. */
  finding: string;
  /** A snippet of the note (at most SNIPPET_MAX characters) behind the finding, "" when none. */
  snippet: string;
  errorCode?: string;
  errorMessage?: string;
  /** Only for a scan of the category M43.2: the code the result is for, and every code's verdict and score. */
  code?: string;
  family?: { code: string; verdict: string; score: number }[];
}

export const SNIPPET_MAX = 60;

/** A short snippet of evidence: white space collapsed, cut to SNIPPET_MAX characters. */
export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > SNIPPET_MAX ? `${flat.slice(0, SNIPPET_MAX - 1)}\u2026` : flat;
}

export function digestRow(row: OutputRow): RowDigest {
  if (isErrorRow(row)) {
    return {
      id: row.id,
      file: row.source.file,
      line: row.source.line,
      verdict: "error",
      score: null,
      missing: [],
      partial: [],
      suggestions: [],
      finding: `${row.error.code}: ${row.error.message}`,
      snippet: "",
      errorCode: row.error.code,
      errorMessage: row.error.message,
    };
  }
  return { id: row.id, file: row.source.file, line: row.source.line, ...digestResult(row) };
}

/** The digest fields that come from the check result alone (the scan worker sends these back). */
export function digestResult(result: CheckResult): Omit<RowDigest, "id" | "file" | "line"> {
  const suggestions = result.suggestions.map((s) => ({ code: s.code, relation: s.relation }));
  const partial = result.elements.filter((e) => e.status === "partial").map((e) => e.id);
  let finding = result.summary;
  let quote = "";
  const instead = result.suggestions.find((s) => s.relation === "instead");
  const first = (ev: { text: string }[] | undefined): string => (ev && ev[0] ? snippet(ev[0].text) : "");
  if (result.verdict === "redirect" && instead) {
    finding = `${instead.code} instead`;
    quote = first(instead.evidence);
  } else if (result.verdict === "incomplete") {
    const req = result.elements.filter((e) => e.required && e.status !== "present").map((e) => `${e.id} ${e.status}`);
    finding = `${req.join(", ") || "required element not present"}`;
  } else if (result.verdict === "supported") {
    finding = "supported";
    quote = first(result.elements.find((e) => e.id === "segments")?.evidence);
  }
  const family = result.family ? { code: result.code, family: result.family.map((f) => ({ code: f.code, verdict: f.verdict, score: f.score })) } : {};
  return { verdict: result.verdict, score: result.score, missing: result.missing, partial, suggestions, finding, snippet: quote, ...family };
}
