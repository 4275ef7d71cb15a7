/**
 * Verb pass: what the verb that governs an operation says about it, when no ConText cue does. The verb is the
 * one nearest the operation in its clause (before it if there is one), read by compromise for its lemma, its
 * tense and its modal; lexicons/verbs.json says what each lemma and each modal means for an operation.
 * "Neurosurgery favours an occiput-C2 fusion" (proposed), "fusion would stabilise the joint" (conditional),
 * "her fusion was complicated by dysphagia" (done: past tense of a verb of doing).
 *
 * compromise parses about 0.3 MB/s, so it is asked only about the sentences of operations no cue decides,
 * and only ever sees one bounded sentence.
 */
import { createRequire } from "node:module";
import type nlpType from "compromise";
import type { VerbClass } from "../domain.js";
import { loadLexicon } from "../lexicon/load.js";
import type { Span } from "../types.js";
import { quickClauses } from "./clauses.js";
import { fold } from "./text.js";
import { termTokens } from "./tokens.js";

let nlp: typeof nlpType | undefined;
function parser(): typeof nlpType {
  nlp ??= createRequire(import.meta.url)("compromise") as typeof nlpType;
  return nlp;
}

interface VerbTables {
  byLemma: Map<string, VerbClass>;
  byModal: Map<string, VerbClass>;
  attributiveAfter: ReadonlySet<string>;
  relativeSubjects: ReadonlySet<string>;
  prepositions: ReadonlySet<string>;
}
let tables: VerbTables | undefined;
function verbTables(): VerbTables {
  if (tables) return tables;
  const lex = loadLexicon("verbs.json");
  const byLemma = new Map<string, VerbClass>();
  for (const c of lex.classes) for (const l of c.lemmas) byLemma.set(l, c.class);
  const byModal = new Map<string, VerbClass>();
  for (const m of lex.modals) for (const w of m.words) byModal.set(w, m.class);
  return (tables = { byLemma, byModal, attributiveAfter: new Set(lex.attributiveAfter), relativeSubjects: new Set(lex.relativeSubjects), prepositions: new Set(lex.prepositions) });
}

/** One verb group of a sentence as compromise reads it, with offsets into the note. */
export interface VerbGroup extends Span {
  text: string;
  lemma: string;
  /** First word of the auxiliary ("will", "would", "has"), lowercase, or "". */
  auxiliary: string;
  past: boolean;
  /** Simple present with no auxiliary ("has", "wants"), as opposed to an infinitive or a modal form. */
  presentSimple: boolean;
  negative: boolean;
}

interface VerbJson {
  text: string;
  offset: { start: number; length: number };
  verb?: { infinitive?: string; auxiliary?: string; negative?: boolean; grammar?: { tense?: string; form?: string } };
}

/**
 * Words that may be a verb the pass gives a class to: a modal, a word that starts like a lemma of a class
 * ("scheduled", "recommends") or an irregular past of one ("underwent"). A sentence with none of them is not
 * handed to compromise: only a past verb of no class could still speak (it says "done", what the defaults
 * mostly say anyway), and parsing every such sentence doubled the time of a MTSamples run.
 */
function mayHoldClassedVerb(sentence: string): boolean {
  const { byLemma, byModal } = verbTables();
  forms ??= new Set([...byLemma.keys()].flatMap(inflections));
  return hasWordOf(sentence, (w) => byModal.has(w) || IRREGULAR_PAST.has(w) || forms!.has(w));
}
let forms: Set<string> | undefined;
const WORD = /[a-z]+/g;

/**
 * Whether the sentence has a word that may be a verb of doing (lexicons/verbs.json class "done", or an irregular
 * past of one): without one no verb can say an operation was done, and the sentence need not be parsed for it.
 */
export function mayHoldDoneVerb(sentence: string): boolean {
  doneForms ??= new Set([...[...verbTables().byLemma].filter(([, c]) => c === "done").flatMap(([l]) => inflections(l)), ...IRREGULAR_PAST]);
  return hasWordOf(sentence, (w) => doneForms!.has(w));
}

/** Whether a word of the sentence (lowercase letters) passes `test`. */
function hasWordOf(sentence: string, test: (word: string) => boolean): boolean {
  for (const w of sentence.toLowerCase().match(WORD) ?? []) if (test(w)) return true;
  return false;
}
let doneForms: Set<string> | undefined;

/** The regular forms of a lemma: recommend(s|ed|ing), schedul(e|es|ed|ing), plan(ned|ning), defer(red|ring), apply(ies|ied). */
export function inflections(lemma: string): string[] {
  const out = [lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"];
  if (lemma.endsWith("e")) out.push(lemma.slice(0, -1) + "ing");
  if (lemma.endsWith("y")) out.push(lemma.slice(0, -1) + "ies", lemma.slice(0, -1) + "ied");
  const last = lemma[lemma.length - 1]!;
  // A final consonant after one vowel may double: plan -> planned, opt stays opted, defer -> deferred.
  if (/[bdfgklmnprstvz]/.test(last) && /[aeiou]/.test(lemma[lemma.length - 2] ?? "") && !/[aeiou]/.test(lemma[lemma.length - 3] ?? "a")) {
    out.push(lemma + last + "ed", lemma + last + "ing");
  }
  return out;
}

/** Irregular past forms of the lemmas of a class that do not start like the lemma ("underwent", "did"). */
const IRREGULAR_PAST = new Set(["underwent", "undergone", "undergoes", "did", "does", "done", "had", "has", "chose", "chosen", "sought", "told", "taught", "withdrew", "withdrawn", "forwent", "forgone", "foregone", "healed", "got", "gotten", "went"]);

/** The verb groups of the sentence `span` of `text` (none when no word could be one of a class: see mayHoldClassedVerb). */
export function verbGroups(text: string, span: Span): VerbGroup[] {
  const sentence = text.slice(span.start, span.end);
  if (!mayHoldClassedVerb(sentence)) return [];
  const json = parser()(sentence).verbs().json({ offset: true }) as VerbJson[];
  return json.map((v) => {
    const aux = (v.verb?.auxiliary ?? "").toLowerCase().split(/\s+/)[0] ?? "";
    const form = v.verb?.grammar?.form ?? "";
    const start = span.start + v.offset.start;
    // compromise's span may take in the punctuation after the verb ("proceed."): the evidence is the words only.
    let end = Math.min(span.end, start + v.offset.length);
    while (end > start && !/[\p{L}\p{N}]/u.test(text[end - 1]!)) end--;
    return {
      start,
      end,
      text: text.slice(start, end),
      lemma: (v.verb?.infinitive ?? "").toLowerCase(),
      auxiliary: aux,
      past: v.verb?.grammar?.tense === "PastTense" && !form.startsWith("passive-present"),
      presentSimple: form === "simple-present" && aux === "",
      negative: v.verb?.negative === true,
    };
  });
}

/** What one verb group says: its lemma's class, else its modal's; a verb of doing counts only in the past (or "has"). */
export function classOfVerb(v: VerbGroup, subject = false): VerbClass | null {
  const { byLemma, byModal } = verbTables();
  const lemma = byLemma.get(v.lemma);
  const modal = byModal.get(v.auxiliary);
  if (lemma !== undefined && lemma !== "done") return lemma;
  if (modal !== undefined) return modal;
  // "He has an O-C2 fusion": possession now, of an operation done; not "would like to have the fusion".
  if (lemma === "done") return v.past || (v.lemma === "have" && v.presentSimple) ? "done" : null;
  // A verb of no class in the past tense places the operation in the past only when the operation is its
  // subject ("the fusion was complicated by dysphagia"), not its object ("continued collar, halo or fusion").
  return v.past && subject ? "done" : null;
}

export interface VerbFact {
  verbClass: VerbClass;
  cue: Span & { text: string };
  /**
   * How the verb takes the operation: "object", before it with no preposition between ("underwent the C1-C2
   * fusion", not "testing completed for the C1-C2 fusion"); "passive", after it with an auxiliary and a verb of doing
   * from the lexicon ("the fusion was carried out", not "fusing ... because the ligaments have been loosened"); null
   * otherwise.
   */
  role?: "object" | "passive" | null;
}

/** The clause of `sentence` whose verbs may govern `target` (clauses.ts quickClauses, a label's colon included). */
export function verbClauseOf(text: string, sentence: Span, target: Span): Span {
  return quickClauses(text, sentence, true).find((c) => c.start <= target.start && target.start < c.end) ?? sentence;
}

/**
 * What the verbs of `target`'s clause say about it: the nearest verb group before it that has a class, else
 * the nearest after it; null when no verb of the clause has one. Negated verbs are left to ConText.
 */
export function verbFactOf(text: string, sentence: Span, target: Span, groups: readonly VerbGroup[] = verbGroups(text, verbClauseOf(text, sentence, target))): VerbFact | null {
  const clause = verbClauseOf(text, sentence, target);
  const inClause = groups.filter((g) => g.start >= clause.start && g.end <= clause.end && !g.negative && (g.end <= target.start || g.start >= target.end));
  // Before the operation the verb governs it as its object ("we favour fusion"); after it, the operation is
  // the subject, and only what happened to it or may happen counts ("fusion was complicated by", "fusion would
  // help"), not what it needs ("the fusion requires no further imaging" is said of one that exists).
  const before = inClause.filter((g) => g.end <= target.start).reverse();
  const after = inClause.filter((g) => g.start >= target.end);
  const { attributiveAfter, relativeSubjects, prepositions } = verbTables();
  for (const g of before) {
    // "the previously recommended C1-C2 fusion": a participle after a determiner is an adjective of the operation.
    if (g.past && g.auxiliary === "" && attributiveAfter.has(wordBefore(text, g.start, sentence.start))) continue;
    const verbClass = classOfVerb(g);
    if (verbClass !== null) {
      const role = termTokens(fold(text.slice(g.end, target.start))).some((w) => prepositions.has(w)) || wordBefore(text, g.start, sentence.start) === "to" ? null : "object";
      return { verbClass, cue: { start: g.start, end: g.end, text: g.text }, role };
    }
  }
  for (const g of after) {
    // "the C1-C2 fusion we discussed last year was performed": the relative clause's verb is someone's doing.
    if (g.auxiliary === "" && relativeSubjects.has(wordBefore(text, g.start, sentence.start))) continue;
    const verbClass = classOfVerb(g, true);
    const modal = verbClass === "conditional" || (verbClass === "planned" && g.auxiliary !== "" && verbTables().byModal.has(g.auxiliary));
    if (verbClass === "done" || modal) return { verbClass, cue: { start: g.start, end: g.end, text: g.text }, role: g.auxiliary !== "" && verbTables().byLemma.get(g.lemma.split(" ")[0]!) === "done" ? "passive" : null };
    if (verbClass !== null) return null;
  }
  return null;
}

/** The word just before `at` (letters only, lowercase), not looking back past `from`; "" when there is none. */
function wordBefore(text: string, at: number, from: number): string {
  let end = at;
  while (end > from && !isLetter(text.charCodeAt(end - 1))) {
    const c = text.charCodeAt(end - 1);
    if (c !== 32 && c !== 9) return "";
    end--;
  }
  let start = end;
  while (start > from && isLetter(text.charCodeAt(start - 1))) start--;
  return text.slice(start, end).toLowerCase();
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

