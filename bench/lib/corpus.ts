/**
 * The evaluation corpus: loading corpus/notes/<id>.{txt,json}, the expected-result format (a strict zod
 * schema), and the scoring shared by `npm run eval` (bench/eval-corpus.ts) and the tests
 * (tests/corpus-eval.test.ts, tests/golden.test.ts). Pure functions except the loaders; nothing here
 * prints note text.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { decodeNote } from "../../src/input.js";
import { check } from "../../src/index.js";
import { ELEMENT_IDS, ResultSchema, VERDICTS, type CheckResult, type ElementId, type Verdict } from "../../src/schema.js";
import { ICD10CM_DIR, REPO_ROOT } from "./external.js";
import { prf, type Prf } from "./metrics.js";

export { REPO_ROOT, ICD10CM_DIR };
export const CORPUS_DIR = join(REPO_ROOT, "corpus");
export const NOTES_DIR = join(CORPUS_DIR, "notes");

// ---------------------------------------------------------------------------------------------------
// The expected-result format

const Status = z.enum(["present", "partial", "missing"]);
const Relation = z.enum(["instead", "additional", "consider"]);

/** Tags a note may carry (README.md explains each; a typo in a tag is an error, not a new tag). */
export const TAGS = {
  // note shape
  "hp": "history and physical",
  "consult": "consultation note",
  "radiology": "radiology report",
  "progress": "progress / clinic follow-up note",
  "discharge": "discharge summary",
  "op-note": "operative note",
  "one-liner": "a single line or assessment fragment",
  "no-headers": "running text without section headers",
  "headers-no-colon": "section headers written without colons",
  "all-caps": "written (mostly) in capitals",
  "long": "about 2 KB or more",
  // bytes and characters
  "crlf": "saved with CRLF line endings",
  "tabs": "contains tab characters",
  "unicode-punct": "en/em dashes, curly quotes or non-breaking spaces",
  // segment spellings
  "seg-c0-c2": "C0-C2 / O-C1 / Oc-C2 / occiput to C2 style",
  "seg-slash": "C1/2",
  "seg-short-range": "C1-2",
  "seg-dash-variant": "en dash, em dash or spaced hyphen between levels",
  "seg-words": "atlas/axis, first and second cervical vertebrae, C1 and C2",
  "seg-joint-name": "atlanto-occipital, atlantoaxial, atlanto-axial, occipitocervical",
  "seg-dens": "dens / odontoid / lateral masses",
  "vague-region": "craniocervical / craniovertebral / upper cervical without levels",
  "no-site": "fusion of the spine with no site",
  // context
  "negation": "a negated fusion",
  "templated-ros": "templated ROS full of denials",
  "family-history": "a relative's fusion or spine disease",
  "rule-out": "rule out / evaluate for",
  "hypothetical": "planned or conditional surgery or finding",
  "uncertain": "possible / probable / suspected fusion",
  "historical": "history of / s/p wording",
  "ra-pmh-only": "RA named in PMH but not tied to the fusion",
  "hedged-etiology": "cause stated with a hedge",
  "imaging-missing": "no imaging recorded",
  "imaging-pending": "imaging only ordered or pending",
  "imaging-other-level": "imaging finding only at other levels or non-diagnostic",
  // other senses of the words
  "ecg-fusion": "ECG fusion beats / axis deviation",
  "pet-fusion": "PET/CT or image fusion",
  "complement-c2": "C2 the complement protein (or a drug schedule)",
  "atlas-book": "an atlas of radiographs",
  "fusion-elsewhere": "fusion outside the spine",
  "surgical-elsewhere": "surgical fusion only at other spinal levels",
  // causes and routes
  "surgical": "surgical fusion of the region",
  "pseudarthrosis": "failed / incomplete fusion",
  "congenital": "congenital fusion / occipitalization",
  "klippel-feil": "Klippel-Feil syndrome",
  "ankylosing-spondylitis": "ankylosing spondylitis",
  "ra": "rheumatoid arthritis",
  "jia": "juvenile RA / JIA",
  "seronegative": "seronegative RA",
  "dish": "DISH / Forestier",
  "psoriatic": "psoriatic arthritis",
  "infection": "infection / osteomyelitis / TB",
  "trauma": "post-traumatic / healed fracture",
  "degenerative": "degenerative / osteoarthritis",
  "other-region": "acquired fusion also at another spinal region",
  "cervical-only": "fusion only below C2",
  "cervicothoracic": "fusion at C7-T1",
  "hard": "hard or borderline: the rationale says why",
} as const;
export type Tag = keyof typeof TAGS;
const TAG_NAMES = Object.keys(TAGS) as [Tag, ...Tag[]];

export const ExpectedSuggestionSchema = z.strictObject({
  code: z.string().regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, "an ICD-10-CM code such as M43.21"),
  relation: Relation,
});

/** The codes an expected file may be written for (the family without the category); absent means M43.21. */
export const EXPECTED_CODES = ["M43.20", "M43.21", "M43.22", "M43.23", "M43.24", "M43.25", "M43.26", "M43.27", "M43.28"] as const;
export const codeOf = (e: { code?: string | undefined }): string => e.code ?? "M43.21";

export const ExpectedSchema = z
  .strictObject({
    /** The code the note is checked for (default M43.21). */
    code: z.enum(EXPECTED_CODES).optional(),
    verdict: z.enum(VERDICTS),
    elements: z.strictObject({
      segments: Status,
      etiology: Status,
      imaging: Status,
      underlying_condition: Status,
      functional_limitations: Status,
    }),
    missing: z.array(z.enum(ELEMENT_IDS)),
    suggestions: z.array(ExpectedSuggestionSchema),
    tags: z.array(z.enum(TAG_NAMES)).min(1),
    rationale: z.string().min(10),
  })
  .superRefine((e, ctx) => {
    const want = ELEMENT_IDS.filter((id) => e.elements[id] !== "present");
    if (JSON.stringify(want) !== JSON.stringify(e.missing)) {
      ctx.addIssue({ code: "custom", path: ["missing"], message: `missing must be ${JSON.stringify(want)} (the non-present elements, in element order)` });
    }
    if (e.elements.functional_limitations === "partial") {
      ctx.addIssue({ code: "custom", path: ["elements", "functional_limitations"], message: "functional_limitations is never partial" });
    }
    const required: ElementId[] = ["segments", "etiology", "imaging"];
    if (e.verdict === "supported" && required.some((id) => e.elements[id] !== "present")) {
      ctx.addIssue({ code: "custom", path: ["verdict"], message: "a supported note has segments, etiology and imaging present" });
    }
    if (e.verdict === "incomplete" && required.every((id) => e.elements[id] === "present") && !e.tags.includes("uncertain")) {
      ctx.addIssue({ code: "custom", path: ["verdict"], message: "an incomplete note lacks a required element or has an uncertain fusion (tag it)" });
    }
    const insteads = e.suggestions.filter((s) => s.relation === "instead");
    if (e.verdict === "redirect" && insteads.length !== 1) {
      ctx.addIssue({ code: "custom", path: ["suggestions"], message: "a redirect has exactly one 'instead' suggestion" });
    }
    if (e.verdict !== "redirect" && insteads.length > 0) {
      ctx.addIssue({ code: "custom", path: ["suggestions"], message: "only a redirect has an 'instead' suggestion" });
    }
    if (e.verdict === "not_documented" && e.suggestions.length > 0) {
      ctx.addIssue({ code: "custom", path: ["suggestions"], message: "a not_documented note has no suggestions" });
    }
    // Guideline invariants (GUIDELINES.md): they catch annotation slips, not checker behaviour.
    const instead = (code: string) => e.suggestions.some((s) => s.code === code && s.relation === "instead");
    // For M43.21 a redirect to the cervical codes below C2; for another code, a redirect to any other code of the family.
    const code = codeOf(e);
    const otherRegion = code === "M43.21" ? instead("M43.22") || instead("M43.23") : e.suggestions.some((s) => s.relation === "instead" && /^M43\.2[0-8]$/.test(s.code) && s.code !== code);
    const targetless = e.verdict === "not_documented" || otherRegion;
    const first4: ElementId[] = ["segments", "etiology", "imaging", "underlying_condition"];
    if (targetless && first4.some((id) => e.elements[id] !== "missing")) {
      ctx.addIssue({ code: "custom", path: ["elements"], message: "with no target fusion (not_documented, cervical-only redirect) segments..underlying_condition are missing" });
    }
    if (["Z98.1", "Q76.1", "Q76.49"].some(instead) && e.elements.etiology !== "missing") {
      ctx.addIssue({ code: "custom", path: ["elements", "etiology"], message: "a surgical or congenital redirect has etiology missing" });
    }
    if (e.elements.segments === "partial" && e.verdict !== "incomplete") {
      ctx.addIssue({ code: "custom", path: ["verdict"], message: "a vague-region fusion (segments partial) is incomplete" });
    }
    if (e.verdict === "incomplete" && e.elements.segments === "missing" && e.suggestions.length > 0) {
      ctx.addIssue({ code: "custom", path: ["suggestions"], message: "a fusion of the spine with no site carries no suggestion" });
    }
    const keys = e.suggestions.map((s) => `${s.code}/${s.relation}`);
    if (new Set(keys).size !== keys.length) {
      ctx.addIssue({ code: "custom", path: ["suggestions"], message: "duplicate suggestion" });
    }
  });
export type Expected = z.infer<typeof ExpectedSchema>;

export interface CorpusNote {
  id: string;
  /** The note exactly as decoded from its bytes (CRLF kept). */
  text: string;
  bytes: number;
  expected: Expected;
}

export class CorpusError extends Error {}

/** Loads every <id>.txt with its <id>.json. Throws CorpusError naming the file on any problem. */
export function loadCorpus(dir = NOTES_DIR): CorpusNote[] {
  const files = readdirSync(dir);
  const ids = files.filter((f) => f.endsWith(".txt")).map((f) => f.slice(0, -4)).sort();
  const orphans = files.filter((f) => f.endsWith(".json") && !ids.includes(f.slice(0, -5)));
  if (orphans.length > 0) throw new CorpusError(`expected results without a note: ${orphans.join(", ")}`);
  return ids.map((id) => {
    const buf = readFileSync(join(dir, `${id}.txt`));
    const text = decodeNote(buf, `${id}.txt`);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, `${id}.json`), "utf8"));
    } catch (err) {
      throw new CorpusError(`${id}.json: ${(err as Error).message}`);
    }
    const parsed = ExpectedSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
      throw new CorpusError(`${id}.json: ${issues}`);
    }
    return { id, text, bytes: buf.length, expected: parsed.data };
  });
}

/** Every code named in the official tabular extract in data/icd10cm/ (<name>...</name> of each <diag>). */
export function officialCodes(dir = ICD10CM_DIR): Set<string> {
  const xml = readFileSync(join(dir, "icd10cm-tabular-fy2026-extract.xml"), "utf8");
  return new Set([...xml.matchAll(/<name>([A-Z][0-9A-Z.]+)<\/name>/g)].map((m) => m[1]!));
}

// ---------------------------------------------------------------------------------------------------
// Routing rows (SPEC section 5), derived from an expected or actual result

export const ROUTING_ROWS = [
  "Z98.1 instead",
  "Z98.1 instead + M96.0 additional",
  "M96.0 additional (with acquired ankylosis)",
  "Q76.1 instead (Klippel-Feil)",
  "Q76.49 instead (congenital)",
  "M45.1 instead (AS, this region)",
  "M45.0 instead (AS, several regions)",
  "M43.22 instead (cervical below C2)",
  "M43.23 instead (C7-T1)",
  "other-region M43.2x additional",
  "Z98.1 instead + other-region M43.2x additional",
  "spine fusion, no site (incomplete, segments missing)",
  "M48.11 consider (DISH)",
  "M45.1 consider (RA)",
  "M45.1 consider + M06.08/M08.08 additional",
  "fusion outside the spine / surgical fusion elsewhere",
] as const;
export type RoutingRow = (typeof ROUTING_ROWS)[number];

/** The routing rows one expected result exercises (a note may exercise several). */
export function routingRowsOf(e: Expected): RoutingRow[] {
  const has = (code: string | RegExp, relation: string) =>
    e.suggestions.some((s) => s.relation === relation && (typeof code === "string" ? s.code === code : code.test(s.code)));
  const otherRegion = /^M43\.2[2-8]$/;
  const rows: RoutingRow[] = [];
  if (has("Z98.1", "instead")) {
    if (has("M96.0", "additional")) rows.push("Z98.1 instead + M96.0 additional");
    else if (has(otherRegion, "additional")) rows.push("Z98.1 instead + other-region M43.2x additional");
    else rows.push("Z98.1 instead");
  } else if (has("M96.0", "additional")) rows.push("M96.0 additional (with acquired ankylosis)");
  if (has("Q76.1", "instead")) rows.push("Q76.1 instead (Klippel-Feil)");
  if (has("Q76.49", "instead")) rows.push("Q76.49 instead (congenital)");
  if (has("M45.1", "instead")) rows.push("M45.1 instead (AS, this region)");
  if (has("M45.0", "instead")) rows.push("M45.0 instead (AS, several regions)");
  if (has("M43.22", "instead")) rows.push("M43.22 instead (cervical below C2)");
  if (has("M43.23", "instead")) rows.push("M43.23 instead (C7-T1)");
  if (!has("Z98.1", "instead") && has(otherRegion, "additional")) rows.push("other-region M43.2x additional");
  if (e.verdict === "incomplete" && e.elements.segments === "missing") rows.push("spine fusion, no site (incomplete, segments missing)");
  if (has("M48.11", "consider")) rows.push("M48.11 consider (DISH)");
  if (has("M45.1", "consider")) {
    rows.push(has("M06.08", "additional") || has("M08.08", "additional") ? "M45.1 consider + M06.08/M08.08 additional" : "M45.1 consider (RA)");
  }
  if (e.verdict === "not_documented" && (e.tags.includes("fusion-elsewhere") || e.tags.includes("surgical-elsewhere"))) {
    rows.push("fusion outside the spine / surgical fusion elsewhere");
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// Checking one result

/** Problems with a result's shape and spans: schema errors and spans that do not slice the note. */
export function resultViolations(text: string, result: unknown): string[] {
  const out: string[] = [];
  const parsed = ResultSchema.safeParse(result);
  if (!parsed.success) {
    for (const i of parsed.error.issues) out.push(`schema: ${i.path.join(".") || "(root)"}: ${i.message}`);
    return out;
  }
  const r = parsed.data;
  const span = (where: string, s: { start: number; end: number; text: string }) => {
    if (!(s.start <= s.end && s.end <= text.length)) out.push(`${where}: span [${s.start},${s.end}) outside the note (length ${text.length})`);
    else if (text.slice(s.start, s.end) !== s.text) out.push(`${where}: text does not equal note.slice(${s.start}, ${s.end})`);
  };
  r.elements.forEach((el) => el.evidence.forEach((ev, k) => span(`elements.${el.id}.evidence[${k}]`, ev)));
  r.suggestions.forEach((sg, j) => sg.evidence.forEach((ev, k) => span(`suggestions[${j}](${sg.code}).evidence[${k}]`, ev)));
  r.mentions.forEach((m, j) => {
    span(`mentions[${j}](${m.type})`, m);
    m.cues.forEach((c, k) => span(`mentions[${j}].cues[${k}]`, c));
  });
  r.queryDetails.forEach((q, j) => {
    q.indicators.forEach((ind, k) => {
      span(`queryDetails[${j}](${q.closes}).indicators[${k}]`, ind);
      if (ind.date) span(`queryDetails[${j}](${q.closes}).indicators[${k}].date`, ind.date);
    });
    q.options.forEach((o, k) => o.evidence.forEach((ev, l) => span(`queryDetails[${j}](${q.closes}).options[${k}].evidence[${l}]`, ev)));
  });
  if (JSON.stringify(r.queryDetails.map((q) => q.text)) !== JSON.stringify(r.queries)) out.push("queryDetails[].text does not list the strings of queries in order");
  const ids = r.elements.map((e) => e.id);
  if (JSON.stringify(ids) !== JSON.stringify(ELEMENT_IDS)) out.push(`elements: expected ${ELEMENT_IDS.join(",")} in order, got ${ids.join(",")}`);
  const want = r.elements.filter((e) => e.status !== "present").map((e) => e.id);
  if (JSON.stringify(want) !== JSON.stringify(r.missing)) out.push(`missing ${JSON.stringify(r.missing)} does not match element statuses ${JSON.stringify(want)}`);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Scoring

export interface NoteOutcome {
  note: CorpusNote;
  result: CheckResult;
  violations: string[];
}


function missingPrf(outcomes: NoteOutcome[], ids: readonly ElementId[]): Prf {
  let tp = 0, fp = 0, fn = 0;
  for (const o of outcomes) {
    for (const id of ids) {
      const want = o.note.expected.missing.includes(id);
      const got = o.result.missing.includes(id);
      if (want && got) tp++;
      else if (got) fp++;
      else if (want) fn++;
    }
  }
  return prf(tp, fp, fn);
}

export function suggestionKey(s: { code: string; relation: string }): string {
  return `${s.code} ${s.relation}`;
}

function sameRouting(o: NoteOutcome): boolean {
  const want = [...new Set(o.note.expected.suggestions.map(suggestionKey))].sort();
  const got = [...new Set(o.result.suggestions.map(suggestionKey))].sort();
  return JSON.stringify(want) === JSON.stringify(got);
}

/** Runs check() on every corpus note (in id order) and checks each result's shape and spans. */
export function runCorpus(notes = loadCorpus()): NoteOutcome[] {
  return notes.map((note) => {
    const result = check(note.text, { id: note.id, code: codeOf(note.expected) });
    return { note, result, violations: resultViolations(note.text, result) };
  });
}

export interface Disagreement {
  id: string;
  kind: "verdict" | "element" | "routing" | "violation";
  detail: string;
}

export interface Report {
  notes: number;
  /** confusion[expected][got] */
  confusion: Record<Verdict, Record<Verdict, number>>;
  verdictAccuracy: number;
  perElementMissing: Record<ElementId, Prf>;
  microMissing: Prf;
  microMissingExcludingNotDocumented: Prf;
  elementStatusAccuracy: number;
  routingAccuracy: number;
  violations: { id: string; problem: string }[];
  disagreements: Disagreement[];
}

/** Figures per code, for a set whose notes are written for several codes (corpus/family). */
export interface CodeFigures {
  code: string;
  notes: number;
  verdictAccuracy: number;
  routingAccuracy: number;
  elementStatusAccuracy: number;
  missingF1: number;
}

export function scoreByCode(outcomes: NoteOutcome[]): CodeFigures[] {
  const codes = [...new Set(outcomes.map((o) => codeOf(o.note.expected)))].sort();
  return codes.map((code) => {
    const r = score(outcomes.filter((o) => codeOf(o.note.expected) === code));
    return { code, notes: r.notes, verdictAccuracy: r.verdictAccuracy, routingAccuracy: r.routingAccuracy, elementStatusAccuracy: r.elementStatusAccuracy, missingF1: r.microMissing.f1 };
  });
}

export function score(outcomes: NoteOutcome[]): Report {
  const confusion = Object.fromEntries(VERDICTS.map((e) => [e, Object.fromEntries(VERDICTS.map((g) => [g, 0]))])) as Report["confusion"];
  let verdictRight = 0, statusRight = 0, routingRight = 0;
  const disagreements: Disagreement[] = [];
  const violations: Report["violations"] = [];
  for (const o of outcomes) {
    const e = o.note.expected;
    const got = o.result;
    confusion[e.verdict][got.verdict]++;
    if (e.verdict === got.verdict) verdictRight++;
    else disagreements.push({ id: o.note.id, kind: "verdict", detail: `verdict expected ${e.verdict}, got ${got.verdict}` });
    const wrongEls: string[] = [];
    for (const id of ELEMENT_IDS) {
      const g = got.elements.find((el) => el.id === id)?.status ?? "(absent)";
      if (g === e.elements[id]) statusRight++;
      else wrongEls.push(`${id} ${e.elements[id]}->${g}`);
    }
    if (wrongEls.length > 0) disagreements.push({ id: o.note.id, kind: "element", detail: `elements expected->got: ${wrongEls.join(", ")}` });
    if (sameRouting(o)) routingRight++;
    else {
      const fmt = (xs: { code: string; relation: string }[]) => (xs.length === 0 ? "(none)" : xs.map(suggestionKey).sort().join(" + "));
      disagreements.push({ id: o.note.id, kind: "routing", detail: `routing expected ${fmt(e.suggestions)}, got ${fmt(got.suggestions)}` });
    }
    for (const v of o.violations) {
      violations.push({ id: o.note.id, problem: v });
      disagreements.push({ id: o.note.id, kind: "violation", detail: v });
    }
  }
  const n = outcomes.length || 1;
  const perElementMissing = Object.fromEntries(ELEMENT_IDS.map((id) => [id, missingPrf(outcomes, [id])])) as Record<ElementId, Prf>;
  return {
    notes: outcomes.length,
    confusion,
    verdictAccuracy: verdictRight / n,
    perElementMissing,
    microMissing: missingPrf(outcomes, ELEMENT_IDS),
    microMissingExcludingNotDocumented: missingPrf(outcomes.filter((o) => o.note.expected.verdict !== "not_documented"), ELEMENT_IDS),
    elementStatusAccuracy: statusRight / (n * ELEMENT_IDS.length),
    routingAccuracy: routingRight / n,
    violations,
    disagreements,
  };
}

// ---------------------------------------------------------------------------------------------------
// Corpus statistics (the README's tables are generated from these)

export interface CorpusStats {
  notes: number;
  crlfFiles: number;
  perVerdict: Record<Verdict, number>;
  perRoutingRow: Record<RoutingRow, number>;
  perTag: Record<Tag, number>;
  bytes: { min: number; median: number; max: number };
}

export function corpusStats(notes: CorpusNote[]): CorpusStats {
  const perVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const perRoutingRow = Object.fromEntries(ROUTING_ROWS.map((r) => [r, 0])) as Record<RoutingRow, number>;
  const perTag = Object.fromEntries(TAG_NAMES.map((t) => [t, 0])) as Record<Tag, number>;
  for (const n of notes) {
    perVerdict[n.expected.verdict]++;
    for (const r of routingRowsOf(n.expected)) perRoutingRow[r]++;
    for (const t of n.expected.tags) perTag[t]++;
  }
  const sizes = notes.map((n) => n.bytes).sort((a, b) => a - b);
  return {
    notes: notes.length,
    crlfFiles: notes.filter((n) => n.text.includes("\r\n")).length,
    perVerdict,
    perRoutingRow,
    perTag,
    bytes: { min: sizes[0] ?? 0, median: sizes[Math.floor(sizes.length / 2)] ?? 0, max: sizes[sizes.length - 1] ?? 0 },
  };
}

export const README_BEGIN = "<!-- BEGIN GENERATED: npm run eval -- --write-readme -->";
export const README_END = "<!-- END GENERATED -->";

/** The generated part of corpus/README.md: counts per verdict, per routing row and per tag. */
export function readmeTables(stats: CorpusStats): string {
  const lines: string[] = [];
  lines.push(`${stats.notes} notes; ${stats.crlfFiles} saved with CRLF line endings; sizes ${stats.bytes.min}-${stats.bytes.max} bytes (median ${stats.bytes.median}).`, "");
  lines.push("| verdict | notes |", "| --- | ---: |");
  for (const v of VERDICTS) lines.push(`| \`${v}\` | ${stats.perVerdict[v]} |`);
  lines.push("", "| routing row (SPEC section 5) | notes |", "| --- | ---: |");
  for (const r of ROUTING_ROWS) lines.push(`| ${r} | ${stats.perRoutingRow[r]} |`);
  lines.push("", "| tag | meaning | notes |", "| --- | --- | ---: |");
  for (const t of TAG_NAMES) lines.push(`| \`${t}\` | ${TAGS[t]} | ${stats.perTag[t]} |`);
  return lines.join("\n");
}

/** Replaces the generated block of a README text; throws when the markers are missing. */
export function withReadmeTables(readme: string, tables: string): string {
  const a = readme.indexOf(README_BEGIN);
  const b = readme.indexOf(README_END);
  if (a < 0 || b < a) throw new CorpusError("corpus/README.md: generated-block markers not found");
  return `${readme.slice(0, a + README_BEGIN.length)}\n${tables}\n${readme.slice(b)}`;
}

export type { Prf };
