/**
 * The text reporter, for people at a terminal: verdict and score, the five elements with their
 * evidence quoted (and offsets, so a tester can slice), suggestions, provider queries, and the
 * assertions that set mentions aside. A pure function of the result and the note.
 */
import pc from "picocolors";
import { indicatorPlace } from "../pipeline/query-place.js";
import type { CheckResult } from "../schema.js";

export interface TextOptions {
  color: boolean;
}

type Style = "bold" | "dim" | "underline" | "red" | "green" | "yellow" | "cyan";

/** A styling function; with colour off it returns the string unchanged. */
export function paint(on: boolean): (style: Style, s: string) => string {
  const colors = pc.createColors(on);
  return (style, s) => colors[style](s);
}

const VERDICT_STYLE: Record<CheckResult["verdict"], Style> = {
  supported: "green",
  incomplete: "yellow",
  redirect: "cyan",
  not_documented: "red",
};

const STATUS_MARK: Record<string, string> = { present: "✔", partial: "◐", missing: "✘" };
const STATUS_STYLE: Record<string, Style> = { present: "green", partial: "yellow", missing: "red" };

function oneLine(s: string, max = 90): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function wrap(s: string, indent: string, width = 100): string {
  const words = s.split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && line.length + 1 + w.length > width - indent.length) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join("\n");
}

export function renderText(result: CheckResult, _text: string, opts: TextOptions): string {
  const c = paint(opts.color);
  const out: string[] = [];
  out.push(`${c("bold", `cdicheck ${result.code}`)}  ${c(VERDICT_STYLE[result.verdict], c("bold", result.verdict.toUpperCase().replace("_", " ")))}  score ${result.score}/100${result.id ? `  id ${result.id}` : ""}`);
  out.push(wrap(result.summary, "  "));
  out.push("");
  out.push(c("bold", "Documentation elements"));
  for (const e of result.elements) {
    const mark = c(STATUS_STYLE[e.status]!, `${STATUS_MARK[e.status]} ${e.status.padEnd(7)}`);
    out.push(`  ${mark} ${e.id.padEnd(24)}${e.required ? "required" : c("dim", "optional")}`);
    out.push(wrap(e.message, "      "));
    for (const ev of e.evidence.slice(0, 4)) out.push(c("dim", `      "${oneLine(ev.text)}"  [${ev.start}-${ev.end}]`));
    if (e.evidence.length > 4) out.push(c("dim", `      … ${e.evidence.length - 4} more`));
  }
  if (result.family) {
    out.push("");
    out.push(c("bold", "The M43.2 family"));
    for (const f of result.family) {
      out.push(`  ${c("bold", f.code)} ${c(VERDICT_STYLE[f.verdict], f.verdict.replace("_", " ").padEnd(14))} score ${f.score}${f.code === result.code ? c("dim", "  (this report)") : ""}`);
    }
  }
  if (result.suggestions.length) {
    out.push("");
    out.push(c("bold", "Code suggestions"));
    for (const s of result.suggestions) {
      out.push(`  ${c("bold", s.code)} ${s.relation.padEnd(10)} ${s.title}`);
      out.push(wrap(s.reason, "      "));
      for (const ev of s.evidence.slice(0, 3)) out.push(c("dim", `      "${oneLine(ev.text)}"  [${ev.start}-${ev.end}]`));
    }
  }
  if (result.queries.length) {
    out.push("");
    out.push(c("bold", "Provider queries"));
    result.queries.forEach((q, i) => {
      out.push(`  ${i + 1}. `.padEnd(6) + wrap(q, "      ").trimStart());
      // The same query as a CDI platform loads it: what it closes, each indicator with its section, the options.
      const d = (result.queryDetails ?? [])[i];
      if (!d || d.text !== q) return;
      out.push(c("dim", `      closes ${d.closes}; indicators:`));
      for (const ind of d.indicators) {
        const place = indicatorPlace(ind);
        out.push(c("dim", `        "${oneLine(ind.text, 70)}"${place ? `  ${place}` : ""}  [${ind.start}-${ind.end}]`));
      }
      out.push(c("dim", "      options:"));
      for (const o of d.options) out.push(c("dim", `        ○ ${oneLine(o.label, 90)}`));
    });
  }
  const setAside = result.mentions.filter((m) => (m.type === "fusion" || m.type === "pseudarthrosis") && (m.assertion.negated || m.assertion.hypothetical || m.assertion.experiencer === "other"));
  if (setAside.length) {
    out.push("");
    out.push(c("bold", "Set aside (not the patient's current finding)"));
    for (const m of setAside) {
      const why = [m.assertion.negated && "negated", m.assertion.hypothetical && "hypothetical", m.assertion.experiencer === "other" && "someone else's"].filter(Boolean).join(", ");
      const cue = m.cues.find((k) => k.text)?.text;
      out.push(`  "${oneLine(m.text)}" [${m.start}-${m.end}] ${why}${cue ? ` (cue "${oneLine(cue, 30)}")` : ""}`);
    }
  }
  return out.join("\n") + "\n";
}

/** The heading above one note's report when several notes are checked (ESLint prints the path the same way). */
export function renderFileHeading(file: string, opts: TextOptions): string {
  return paint(opts.color)("underline", file) + "\n";
}

/** In place of a report, for a note that could not be checked. */
export function renderFileError(message: string, opts: TextOptions): string {
  return `  ${paint(opts.color)("red", "✘ error")}  ${message}\n`;
}

/** The closing line after several notes: how many, by verdict, and the input errors. */
export function renderSummary(verdicts: readonly CheckResult["verdict"][], errors: number, opts: TextOptions): string {
  const c = paint(opts.color);
  const total = verdicts.length + errors;
  const parts: string[] = [];
  for (const v of ["supported", "incomplete", "redirect", "not_documented"] as const) {
    const n = verdicts.filter((x) => x === v).length;
    if (n) parts.push(`${n} ${v.replace("_", " ")}`);
  }
  if (errors) parts.push(`${errors} input error${errors === 1 ? "" : "s"}`);
  const ok = errors === 0 && verdicts.every((v) => v === "supported");
  const line = `${ok ? "✔" : "✖"} ${total} note${total === 1 ? "" : "s"}: ${parts.join(", ")}`;
  return c("bold", c(ok ? "green" : errors ? "red" : "yellow", line)) + "\n";
}
