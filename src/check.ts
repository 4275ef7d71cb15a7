/**
 * check(): one note in, one result out. Reading this file top to bottom follows a note through the
 * pipeline: text -> sections -> sentences -> scan -> focus (cue words near findings) -> mentions (with assertions) -> findings ->
 * elements -> routing and verdict -> score -> queries -> result.
 */
import { buildFacts, sentenceMentions } from "./pipeline/findings.js";
import { ORDINARY_DOCUMENT, readDocument } from "./pipeline/document.js";
import { assignStatuses } from "./pipeline/status.js";
import { operationKindsIn } from "./pipeline/context.js";

/** Longest sentence, in characters, read as a bare yes or no to the operation before it ("He declined at this time."). */
const OUTCOME_SENTENCE_MAX = 60;
import { mayHoldDoneVerb, verbClauseOf, verbFactOf, verbGroups, type VerbGroup } from "./pipeline/verbs.js";
import { judgeElements } from "./pipeline/elements.js";
import { buildMentions, namesOperation, type Mention } from "./pipeline/mentions.js";
import type { Section, Sentence } from "./types.js";
import { buildQueries } from "./pipeline/queries.js";
import { buildResult } from "./pipeline/result.js";
import { route } from "./pipeline/routing.js";
import { focus, keepInFocus } from "./pipeline/focus.js";
import { scanCues, scanNote } from "./pipeline/scan.js";
import { score } from "./pipeline/score.js";
import { findSections } from "./pipeline/sections.js";
import { splitSentences } from "./pipeline/sentences.js";
import { fold, layoutView } from "./pipeline/text.js";
import { DEFAULT_CODE, DEFAULT_MAX_NOTE_CHARS, FAMILY_CODE, NoteTooLargeError, SUPPORTED_CODES, UnsupportedCodeError } from "./contract.js";
import { defaultTarget, familyCodes, targetOf, type TargetRegion } from "./pipeline/facts/target.js";
import { EmptyNoteError, isBlank } from "./input.js";

export { DEFAULT_CODE, DEFAULT_MAX_NOTE_CHARS, FAMILY_CODE, NoteTooLargeError, SUPPORTED_CODES, UnsupportedCodeError };
import type { CheckResult, FamilyEntry } from "./schema.js";

export interface CheckOptions {
  /**
   * The ICD-10-CM code to check the note against: M43.21 (the default) or any code of M43.20 to M43.28; the
   * category M43.2 checks every one and returns the result for the code the note best supports, with `family`.
   */
  code?: string;
  /** An id to echo in the result. */
  id?: string;
  /**
   * Longest note accepted, in UTF-16 code units (default DEFAULT_MAX_NOTE_CHARS, 2,000,000); a longer
   * note throws NoteTooLargeError. `Infinity` lifts the limit.
   */
  maxNoteChars?: number;
}

export function check(text: string, options: CheckOptions = {}): CheckResult {
  const code = options.code ?? DEFAULT_CODE;
  if (!(SUPPORTED_CODES as readonly string[]).includes(code)) throw new UnsupportedCodeError(code);
  if (typeof text !== "string") throw new TypeError("check(text): text must be a string");
  const limit = options.maxNoteChars ?? DEFAULT_MAX_NOTE_CHARS;
  if (text.length > limit) throw new NoteTooLargeError(text.length, limit);
  if (isBlank(text)) throw new EmptyNoteError("check(text)");

  const id = options.id !== undefined ? { id: options.id } : {};
  const stages = readNote(text);
  if (code === FAMILY_CODE) return checkFamily(stages, id);
  return resultFor(stages, targetOf(code)!, id);
}

function resultFor(stages: NoteStages, target: TargetRegion, id: { id?: string }): CheckResult {
  const { facts, elements, routing } = judgeNote(stages, target);
  const scoreValue = score(elements, routing.verdict, routing.uncertainOnly);
  const queries = buildQueries(facts, elements, routing);
  return buildResult(facts, elements, routing, scoreValue, queries, { code: target.code, ...id });
}

/** How strongly a verdict speaks for its code when the family is checked: supported first, not documented last. */
const VERDICT_RANK: Record<CheckResult["verdict"], number> = { supported: 3, incomplete: 2, redirect: 1, not_documented: 0 };

/**
 * The category M43.2: every code of the family judged on one reading of the note; the result is the one for
 * the code the note best supports (the best verdict, then the highest score; on a tie M43.20, whose tie with
 * a region code means the note leaves the region open, then code order), with every code's verdict and score.
 */
function checkFamily(stages: NoteStages, id: { id?: string }): CheckResult {
  const results = familyCodes().map((c) => resultFor(stages, targetOf(c)!, id));
  const family: FamilyEntry[] = results.map((r) => ({ code: r.code, verdict: r.verdict, score: r.score }));
  let best = results[0]!;
  for (const r of results.slice(1)) {
    const d = VERDICT_RANK[r.verdict] - VERDICT_RANK[best.verdict] || r.score - best.score;
    if (d > 0) best = r;
  }
  return { ...best, family };
}

/**
 * The document and status stages: what kind of document the note is (read only when a mention names an
 * operation or a failed fusion) and each operation's status, written onto the mentions. Returns the document
 * and the mentions by sentence, which the findings stage reuses.
 */
/** Mention types that name a fusion (or a failed or congenital one). */
const FUSION_TYPES: ReadonlySet<string> = new Set(["fusion", "pseudarthrosis", "congenital"]);

/** A fusion word, or a word in a sentence with levels or within focus's window of a fusion (two before, one after). */
function nearFusion(m: Mention, bySentence: ReadonlyMap<number, readonly Mention[]>): boolean {
  if (FUSION_TYPES.has(m.type)) return true;
  if ((bySentence.get(m.sentence) ?? []).some((x) => x.type === "segment")) return true;
  for (let k = m.sentence - 2; k <= m.sentence + 1; k++) if ((bySentence.get(k) ?? []).some((x) => FUSION_TYPES.has(x.type))) return true;
  return false;
}

export function statusStage(text: string, sections: Section[], sentences: Sentence[], mentions: Mention[]) {
  const bySentence = sentenceMentions(mentions);
  const document = mentions.some((m) => m.type === "pseudarthrosis" || namesOperation(m)) ? readDocument(text, sections, sentences) : ORDINARY_DOCUMENT;
  // The verbs of a sentence are parsed once, and only for an operation no cue decides (see verbs.ts), and only
  // where its status can bear on the verdict: a fusion word itself, or an operation word near a fusion (the focus
  // window, see focus.ts) or named with levels. Elsewhere an operation takes its status from cues, headers and
  // the document alone: parsing every operation sentence of a surgical note made a pass over MTSamples about
  // five times slower.
  // Only the clause of the operation is parsed (verbFactOf reads no verb outside it), once per clause: a clause of
  // an operative report's long sentence parses in a fraction of the sentence's time.
  const groups = new Map<number, VerbGroup[]>();
  const verbOf = (m: Mention, doneOnly = false) => {
    if (!nearFusion(m, bySentence)) return null;
    const s = sentences[m.sentence]!;
    const clause = verbClauseOf(text, s, m);
    let g = groups.get(clause.start);
    if (!g && doneOnly && !mayHoldDoneVerb(text.slice(clause.start, clause.end))) return null;
    if (!g) groups.set(clause.start, (g = verbGroups(text, clause)));
    return verbFactOf(text, s, m, g);
  };
  // A short sentence with no operation of its own that says yes or no ("She declined."), for the one before it.
  const outcomeOf = (i: number) => {
    const s = sentences[i];
    if (!s || s.end - s.start > OUTCOME_SENTENCE_MAX) return null;
    const k = operationKindsIn(text, s)[0];
    return k ? { ...k, text: text.slice(k.start, k.end) } : null;
  };
  assignStatuses(mentions, document, (m) => sentences[m.sentence]!.section, bySentence, verbOf, outcomeOf);
  return { document, bySentence };
}

/** The stages up to the verdict, in order; check() and the trace tool (bench/trace.ts) both run them here. */
export function analyseNote(text: string, target: TargetRegion = defaultTarget()) {
  const stages = readNote(text);
  return { ...stages, ...judgeNote(stages, target) };
}

export type NoteStages = ReturnType<typeof readNote>;

/** The stages that do not depend on the code checked: text to mentions with their assertions and statuses. */
export function readNote(text: string) {
  const folded = fold(text);
  const layout = layoutView(text);
  const sections = findSections(layout);
  const sentences = splitSentences(layout, sections);
  const hits = scanNote(text, folded, sentences);
  const near = focus(sentences, hits);
  const focused = [...keepInFocus(hits, sentences, near), ...scanCues(folded, near.spans)];
  const mentions = buildMentions(text, sections, sentences, focused);
  const { document, bySentence } = statusStage(text, sections, sentences, mentions);
  return { text, sections, sentences, document, mentions, bySentence };
}

/** The stages that judge the note against one code's region: findings, elements, routing. */
export function judgeNote(stages: NoteStages, target: TargetRegion) {
  const { text, sections, sentences, mentions, bySentence } = stages;
  const facts = buildFacts(text, sections, sentences, mentions, bySentence, target);
  const elements = judgeElements(facts);
  const routing = route(facts, elements);
  return { facts, elements, routing };
}
