/**
 * Stage 6b: procedure status. Every operation a note names (a fusion or arthrodesis, instrumentation,
 * fixation, "the surgery") gets what happened to it: performed before this note, performed in this
 * encounter, planned, proposed, discussed, consented, declined or deferred, conditional, negated, or someone
 * else's, with the cue that decided it.
 *
 * The cues are the ConText engine's (lexicons/context.json): hypothetical triggers carry a kind (planned,
 * proposed, discussed, consented, declined, conditional), historical triggers that say an operation was
 * done carry `performed`. A status the sentence does not give comes from the section's header ("Planned
 * procedure:") or from the kind of document (lexicons/documents.json: an operative report's operation is
 * performed here, a pre-operative form's is planned). Only performed operations are actual: the pass rewrites
 * the mention's hypothetical flag to match, so later stages need not know about statuses to set a planned
 * fusion aside.
 */
import { dateValue, findDates, isAfter } from "./dates.js";
import { ACTUAL_STATUSES, HYPOTHETICAL_KINDS, HYPOTHETICAL_PRIORITY, STATUS_OF_KIND, type HypotheticalKind, type ProcedureStatus } from "../domain.js";
import type { Cue, Evidence, Span } from "../types.js";
import { contextRule, OPERATION_TARGET } from "./context.js";
import type { DocumentFacts } from "./document.js";
import { namesOperation, withoutCues, type Mention } from "./mentions.js";
import type { VerbFact } from "./verbs.js";

export interface ProcedureFact {
  status: ProcedureStatus;
  /** The words that decided it (a trigger, a section header, the document's title), or null for the default. */
  cue: { start: number; end: number; text: string; rule: string } | null;
}

/** Operation kinds of hypothetical triggers: these make a bare "fusion" an operation ("scheduled for C1-C2 fusion"). */
const OPERATION_KINDS = new Set(["planned", "proposed", "discussed", "consented", "declined"]);

/**
 * Whether `m` names an operation (as opposed to a fusion seen on a study). Surgery words and an arthrodesis
 * always do; the word "fusion" does when something around it speaks of an operation: a status trigger, a
 * procedure header or section, a surgery word in the sentence. A "fusion" in a sentence about a study
 * ("we discussed the CT, which shows C1-C2 fusion") is the study's finding unless an operation word is there.
 */
function isOperation(m: Mention, sentence: readonly Mention[], study: boolean, doc: DocumentFacts, sectionIndex: number, verb: () => VerbFact | null): boolean {
  if (!namesOperation(m)) return false;
  if (m.type === "surgery" || m.kind === "surgical_fusion") return true;
  // In a consent or an education note, talk of a fusion is talk of the operation, unless a study is named; in an
  // operative report a fusion is the operation being reported, and under a plan the operation intended.
  if (talkOfOperation(doc) && !study) return true;
  if (!study && !isStateWord(m) && ((doc.kind === "operative" && doc.cue !== null) || m.section === "plan")) return true;
  // "Fused" describes a state ("the joint was found to be solidly fused"): only a status trigger makes it an
  // operation, not the section, the document or a surgery word beside it.
  const state = isStateWord(m);
  if (!state && sentence.some((x) => x.type === "surgery" && x !== m && !x.assertion.negated && governs(x, m))) return true;
  if (!state && (doc.sectionStatus.has(sectionIndex) || doc.procedureSections.has(sectionIndex) || m.section === "psh" || m.section === "procedure")) return true;
  const owned = ownedCue(m);
  for (const c of m.assertion.cues) {
    const rule = contextRule(c.rule);
    if (!rule) continue;
    // "had fused" is the verb fuse in the past perfect, not an operation; "s/p", "prior" are. A possessive
    // ("her C1-C2 fusion") says whose the fusion is, not that it was operated.
    if (state && rule.performed === "done") continue;
    if (rule.performed === "owned") continue;
    if (rule.performed) return true;
    // "We discussed her C1-C2 fusion": talk farther away than the possessive is talk about a fusion she has.
    if (owned && rule.hypotheticalKind !== undefined && SOFT_KINDS.has(rule.hypotheticalKind) && distance(owned, m) < distance(c, m)) continue;
    // A trigger written for operations ("consent for", "recommends", "only if") or of an operation's kind makes
    // "fusion" one, except talk and advice in a sentence about a study.
    const kind = rule.hypotheticalKind;
    const forOperations = rule.targetTypes?.includes(OPERATION_TARGET) === true || (kind !== undefined && OPERATION_KINDS.has(kind));
    if (forOperations && !(study && kind !== undefined && SOFT_KINDS.has(kind))) return true;
  }
  // With no cue, a verb that puts an operation forward, books it or answers it ("neurosurgery favours C1-C2
  // fusion", "she chose fusion") makes the word one; talk, a condition or the past tense do not ("we reviewed
  // the C1-C2 fusion", "the fusion would explain her stiffness").
  if (!study && !state && !m.assertion.cues.some((c) => c.category === "hypothetical" || c.category === "historical")) {
    const v = verb();
    if (v && VERB_OPERATION_CLASSES.has(v.verbClass) && v.cue.end <= m.start) return true;
  }
  return false;
}

/**
 * Characters a surgery word may follow a fusion word by and still name it ("C1-C2 fusion surgery", "fusion
 * procedure", "fusion (surgical)"); farther after, it is another operation the sentence speaks of ("because of
 * the C1-C2 fusion, anesthesia asked for films before surgery").
 */
const SURGERY_AFTER_FUSION_MAX = 12;

/** Whether surgery word `s` speaks of fusion word `f`: before it in the sentence ("surgery for C1-C2 fusion"), or just after it. */
function governs(s: Mention, f: Mention): boolean {
  return s.end <= f.start || (s.start >= f.end && s.start - f.end <= SURGERY_AFTER_FUSION_MAX) || (s.start < f.end && f.start < s.end);
}

/** Verb classes whose verb, before a bare "fusion", makes it an operation (see isOperation). */
const VERB_OPERATION_CLASSES = new Set(["planned", "proposed", "consented", "declined"]);

/**
 * "CT of the cervical spine performed 11 Feb", "the MRI procedure": a surgery verb in a sentence that names a
 * study and no operation is the study's verb.
 */
function verbOfStudy(m: Mention, sentence: readonly Mention[]): boolean {
  const study = sentence.some((x) => x.type === "imaging" && x.kind === "modality");
  const operation = sentence.some((x) => x !== m && ((x.type === "surgery" && x.kind !== "surgical_context") || x.kind === "surgical_fusion"));
  return study && !operation;
}

/** A consent or an education note: it talks about an operation, it records none. */
function talkOfOperation(doc: DocumentFacts): boolean {
  return (doc.kind === "consent" || doc.kind === "education") && doc.cue !== null;
}

/** The participle "fused" (and "solidly fused"...): the last word of the mention. */
function isStateWord(m: Mention): boolean {
  const t = m.text.toLowerCase();
  return t.endsWith("fused");
}

/** The possessive cue of a mention ("her C1-C2 fusion"), if any (lexicons/context.json `performed: owned`). */
function ownedCue(m: Mention): Cue | undefined {
  return m.assertion.cues.find((c) => c.category === "historical" && contextRule(c.rule)?.performed === "owned");
}

/** Talk and advice that a sentence about a study can hold without the fusion being an operation. */
const SOFT_KINDS = new Set(["discussed", "proposed"]);

function distance(cue: Span, target: Span): number {
  return cue.end <= target.start ? target.start - cue.end : cue.start >= target.end ? cue.start - target.end : 0;
}

function headerFact(header: { status: ProcedureStatus; cue: Evidence }): ProcedureFact {
  return { status: header.status, cue: { ...header.cue, rule: `header:${header.status}` } };
}

function isKind(s: string): s is HypotheticalKind {
  return (HYPOTHETICAL_KINDS as readonly string[]).includes(s);
}

function planHeader(doc: DocumentFacts, sectionIndex: number): ProcedureFact["cue"] {
  const h = doc.headers.get(sectionIndex);
  return h ? { ...h, rule: "section:plan" } : null;
}

/** Sections that report what studies show. */
const STUDY_SECTIONS = new Set(["imaging", "impression"]);

/**
 * A study named in the sentence, or a finding word other than the mention's own ("fusion" is also a finding word).
 * A study only asked for, ordered or pending shows nothing yet ("anesthesia asked for flexion-extension films before
 * surgery": the surgery is not one a study shows).
 */
function namesStudy(m: Mention, sentence: readonly Mention[]): boolean {
  if (sentence.some((x) => x.type === "imaging_status" && x.kind === "pending")) return false;
  return sentence.some((x) => (x.type === "imaging" || (x.type === "imaging_finding" && (x.end <= m.start || x.start >= m.end))) && !x.assertion.hypothetical);
}

const asCue = (c: Cue) => ({ start: c.start, end: c.end, text: c.text, rule: c.rule });

/** The status of one operation mention (see the module comment for the order of evidence). */
export function statusOf(m: Mention, doc: DocumentFacts, sectionIndex: number, operation = true, study = false, verb: (doneOnly?: boolean) => VerbFact | null = () => null): ProcedureFact {
  const cues = m.assertion.cues;
  const experiencer = cues.find((c) => c.category === "experiencer");
  const hypothetical = cues.find((c) => c.category === "hypothetical" && c.end > c.start);
  const hypotheticalKind = hypothetical ? contextRule(hypothetical.rule)?.hypotheticalKind : undefined;
  // A proxy (a health-care proxy, a guardian, "on behalf of") acts for the patient: "the patient's daughter, as
  // health-care proxy, signed consent for occipitocervical fusion". A relative who is no proxy speaks of their
  // own operation ("her husband declined a C1-C2 fusion last year").
  // A relative who gives consent gives it for the patient ("consent obtained from the wife, as the patient is
  // intubated"); a relative's refusal is of their own operation unless a proxy word says otherwise.
  const experiencerRule = experiencer ? contextRule(experiencer.rule) : undefined;
  const proxy = experiencer !== undefined && experiencerRule?.owner !== true && (experiencerRule?.proxy === true || hypotheticalKind === "consented");
  if (m.assertion.experiencer === "other" && !proxy) return { status: "other", cue: experiencer ? asCue(experiencer) : null };
  const negation = cues.find((c) => c.category === "negated");
  // "If the pseudarthrosis does not consolidate, revision fusion will be needed": a negation inside the
  // condition's own clause negates the condition, not the operation it governs.
  const negatesCondition =
    negation !== undefined && hypothetical !== undefined && hypotheticalKind === "conditional" && hypothetical.end <= negation.start && negation.end <= m.start;
  if (m.assertion.negated && !negatesCondition) return { status: "negated", cue: negation ? asCue(negation) : null };

  // A date after the note's own date is still to come ("posterior occiput-C3 fusion, planned for 12/01/2026" in a
  // note of 11/27/2026): it places nothing in the past.
  const timed = cues.filter((c) => c.category === "historical" && c.end > c.start);
  const historical = timed.find((c) => !afterNoteDate(c, doc));
  const future = historical ? undefined : timed[0];
  const performedKind = historical ? contextRule(historical.rule)?.performed : undefined;
  // In an operative report a completion verb with no time before this note is this encounter's operation.
  const actual: ProcedureStatus = doc.kind === "operative" && (performedKind === "done" || !historical) ? "performed_here" : "performed";
  // A possessive outweighs only talk and advice ("we discussed her C1-C2 fusion"), never a plan, a consent, a
  // refusal or a condition ("her fusion is booked for Monday").
  const outweighs = performedKind !== "owned" || !hypotheticalKind || SOFT_KINDS.has(hypotheticalKind);
  const nearer = (h: Cue, x: Cue) => (performedKind === "owned" ? distance(h, m) < distance(x, m) : distance(h, m) <= distance(x, m));
  if (historical && performedKind && outweighs && (!hypothetical || nearer(historical, hypothetical))) return { status: actual, cue: asCue(historical) };
  const header = operation ? doc.sectionStatus.get(sectionIndex) : undefined;
  if (hypothetical) {
    const kind = hypotheticalKind ?? "conditional";
    // A time word that only suggests a booking ("on 3/4", "Friday's"), or talk of the operation before the clause's
    // verb ("the previously recommended C1-C2 fusion was carried out today", "the fusion we discussed was performed
    // in March"): a completion verb governing the operation says what happened.
    if (YIELDS_TO_VERB.has(kind)) {
      const v = verb(true);
      const weak = contextRule(hypothetical.rule)?.weak === true;
      // The verb takes the operation as its object with the cue between them ("underwent the previously planned
      // fusion"), or as the subject of a passive after the cue ("the fusion we discussed was performed").
      const takes = v && ((v.role === "object" && (weak || v.cue.end <= hypothetical.start)) || (v.role === "passive" && (weak || v.cue.start >= hypothetical.end)));
      if (v && v.verbClass === "done" && takes) {
        return { status: doc.kind === "operative" ? "performed_here" : "performed", cue: { ...v.cue, rule: "verb:done" } };
      }
    }
    // "Consent: posterior C1-C2 fusion, risks reviewed": the header's status settles more than the talk under it.
    if (header && isKind(header.status) && HYPOTHETICAL_PRIORITY[header.status] > HYPOTHETICAL_PRIORITY[kind]) return headerFact(header);
    return { status: STATUS_OF_KIND[kind], cue: asCue(hypothetical) };
  }
  // An operation dated after the note is booked ("Occipitocervical fusion 04/15/2026" in a note of 03/02/2026).
  if (future && operation && !study) return { status: "planned", cue: { ...asCue(future), rule: `${future.rule}:after-note-date` } };
  // A fusion word not known to be an operation takes no status from the section or the document: on a
  // pre-operative form, "CT: C1-C2 fusion" is the patient's finding, not the planned operation.
  // An operation a study shows ("hardware intact, solid fusion occiput to C2") exists: seen, so done.
  // In an operative report "Findings:" are the operation's own, not a study's.
  const studySection = STUDY_SECTIONS.has(m.section) && doc.kind !== "operative";
  if (!operation || study || studySection) return { status: "performed", cue: null };
  // In an operative report a completion verb governing the operation outweighs the section it sits in
  // ("Indications: ... Today we carried out the posterior C1-C2 fusion"): the header says why, the verb what was done.
  const done = header && doc.kind === "operative" ? verb(true) : null;
  if (header && !(done && done.verbClass === "done")) return headerFact(header);
  if (historical || m.section === "psh") return { status: "performed", cue: historical ? asCue(historical) : null };
  // No cue: what the verb governing the operation says (lexicons/verbs.json), before any default.
  const v = verb();
  if (v) {
    const status: ProcedureStatus = v.verbClass === "done" ? (doc.kind === "operative" ? "performed_here" : "performed") : v.verbClass;
    return { status, cue: { ...v.cue, rule: `verb:${v.verbClass}` } };
  }
  // An operation listed under the plan with nothing else said is what the plan intends.
  if (m.section === "plan" && doc.kind !== "operative") return { status: "planned", cue: planHeader(doc, sectionIndex) };
  if (doc.defaultStatus && doc.cue) return { status: doc.defaultStatus, cue: { ...doc.cue, rule: `document:${doc.kind}` } };
  return UNDECIDED;
}

/** Whether the cue's words are a date after the note's own date. */
function afterNoteDate(c: Cue, doc: DocumentFacts): boolean {
  if (!doc.noteDate) return false;
  const d = findDates(c.text, 0, c.text.length)[0];
  const v = d ? dateValue(c.text.slice(d.start, d.end)) : null;
  return v !== null && isAfter(v, doc.noteDate);
}

/** Statuses a completion verb governing the operation outranks when their cue is weak or comes before the verb. */
const YIELDS_TO_VERB: ReadonlySet<HypotheticalKind> = new Set(["planned", "proposed", "discussed"]);

/**
 * The status of an operation nothing in its sentence, section or document decides: performed, by default (the
 * object itself marks it, so that a later pass can tell the default from a decision).
 */
const UNDECIDED: ProcedureFact = Object.freeze({ status: "performed", cue: null }) as ProcedureFact;

/**
 * Gives each operation mention its status, and makes its assertion agree: an operation that was not done
 * is hypothetical (whatever the sentence's other words), one that was done is not.
 */
export function assignStatuses(
  mentions: Mention[],
  doc: DocumentFacts,
  sectionOf: (m: Mention) => number,
  bySentence: Map<number, Mention[]>,
  verbOf: (m: Mention, doneOnly?: boolean) => VerbFact | null = () => null,
  outcomeOf: (sentence: number) => Outcome | null = () => null,
): void {
  assignEach(mentions, doc, sectionOf, bySentence, verbOf);
  carryOutcomesBack(mentions, sectionOf, bySentence, outcomeOf);
  if (doc.kind !== "operative") settleFromNamesakes(mentions, bySentence);
}

/** The spine levels named in a sentence (0 = occiput, see levels.ts). */
function sentenceLevels(sentence: readonly Mention[]): Set<number> {
  const out = new Set<number>();
  for (const x of sentence) if (x.type === "segment") for (const l of x.levels ?? []) out.add(l);
  return out;
}

/**
 * The same operation named again: an operation nothing decided (UNDECIDED) takes the status the note settles for
 * an operation at the same levels elsewhere. "Two paths laid out: (a) watchful waiting; (b) posterior
 * occiput-to-C2 instrumented fusion." ... "She does not want the occiput-C2 fusion": the list item is the fusion
 * she declined, not one she had. Only when every decided operation at those levels is one not done, so a fusion
 * the note also says was done keeps its default.
 */
function settleFromNamesakes(mentions: Mention[], bySentence: Map<number, Mention[]>): void {
  const undecided = mentions.filter((m) => m.procedure === UNDECIDED && m.type === "fusion");
  if (!undecided.length) return;
  const levelsOf = new Map<number, string | null>();
  const key = (sentence: number): string | null => {
    if (!levelsOf.has(sentence)) levelsOf.set(sentence, spanKey(sentenceLevels(bySentence.get(sentence) ?? [])));
    return levelsOf.get(sentence)!;
  };
  // The decided fusions by the stretch of levels their sentence names: one pass, then a lookup per undecided one.
  const decided = new Map<string, Mention[]>();
  for (const m of mentions) {
    if (!m.procedure || m.procedure === UNDECIDED || m.procedure.cue === null || m.type !== "fusion") continue;
    const k = key(m.sentence);
    if (k === null) continue;
    const list = decided.get(k);
    if (list) list.push(m);
    else decided.set(k, [m]);
  }
  if (!decided.size) return;
  for (const m of undecided) {
    const k = key(m.sentence);
    if (k === null) continue;
    const same = (decided.get(k) ?? []).filter((o) => o.sentence !== m.sentence);
    if (!same.length || same.some((o) => !isKind(o.procedure!.status))) continue;
    const strongest = same.reduce((a, b) => (HYPOTHETICAL_PRIORITY[b.procedure!.status as HypotheticalKind] > HYPOTHETICAL_PRIORITY[a.procedure!.status as HypotheticalKind] ? b : a));
    m.procedure = { status: strongest.procedure!.status, cue: strongest.procedure!.cue };
    const cues = m.assertion.cues.filter((c) => c.category !== "hypothetical");
    cues.push({ category: "hypothetical", ...strongest.procedure!.cue! });
    m.assertion = { ...m.assertion, hypothetical: true, cues };
    for (const twin of bySentence.get(m.sentence) ?? []) {
      if (twin !== m && twin.start >= m.start && twin.end <= m.end && (twin.type === "imaging_finding" || twin.type === "surgery")) {
        twin.assertion = m.assertion;
        if (twin.procedure) twin.procedure = m.procedure;
      }
    }
  }
}

/**
 * The stretch of spine a sentence's levels span, as a key ("occiput-to-C2" names occiput and C2, "occiput–C2" all
 * three: both "0-2"), or null when it names none.
 */
function spanKey(levels: ReadonlySet<number>): string | null {
  if (!levels.size) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of levels) {
    lo = Math.min(lo, l);
    hi = Math.max(hi, l);
  }
  return `${lo}-${hi}`;
}

/** A yes or a no said in a sentence of its own: the trigger's kind and words. */
export interface Outcome {
  kind: HypotheticalKind;
  start: number;
  end: number;
  text: string;
  rule: string;
}

/** Words that name "the operation" without naming which: a refusal of it speaks of the one named just before. */
const GENERIC_OPERATION_IDS = new Set(["surgery"]);

/**
 * The next sentence, in the same section, settles the operation offered, discussed, planned or consented in this
 * one when it outranks it: "C1-C2 fusion booked for 3/3. Surgery cancelled by patient." (its only operation is a
 * generic one, declined) or "We offered posterior C1-C2 fusion. She declined." (a short sentence with no
 * operation of its own whose strongest operation trigger is a consent or a refusal: `outcomeOf`).
 */
function carryOutcomesBack(
  mentions: Mention[],
  sectionOf: (m: Mention) => number,
  bySentence: Map<number, Mention[]>,
  outcomeOf: (sentence: number) => Outcome | null,
): void {
  for (const m of mentions) {
    const st = m.procedure?.status;
    if (st !== "planned" && st !== "proposed" && st !== "consented" && st !== "discussed") continue;
    const next = bySentence.get(m.sentence + 1) ?? [];
    if (next.some((x) => sectionOf(x) !== sectionOf(m)) || next.some((x) => x.type === "fusion")) continue;
    const ops = next.filter((x) => x.procedure);
    if (ops.length) {
      const refusal = ops.find((x) => x.procedure!.status === "declined" && x.type === "surgery" && GENERIC_OPERATION_IDS.has(x.id));
      if (refusal) m.procedure = { status: "declined", cue: refusal.procedure!.cue };
      continue;
    }
    const outcome = outcomeOf(m.sentence + 1);
    const kind = outcome?.kind;
    if (!outcome || (kind !== "declined" && kind !== "consented")) continue;
    if (HYPOTHETICAL_PRIORITY[kind] <= HYPOTHETICAL_PRIORITY[st as HypotheticalKind]) continue;
    m.procedure = { status: STATUS_OF_KIND[kind], cue: { start: outcome.start, end: outcome.end, text: outcome.text, rule: outcome.rule } };
  }
}

function assignEach(
  mentions: Mention[],
  doc: DocumentFacts,
  sectionOf: (m: Mention) => number,
  bySentence: Map<number, Mention[]>,
  verbOf: (m: Mention, doneOnly?: boolean) => VerbFact | null,
): void {
  for (const m of mentions) {
    const si = sectionOf(m);
    if (m.type === "pseudarthrosis" && talkOfOperation(doc) && !m.assertion.hypothetical && !namesStudy(m, bySentence.get(m.sentence) ?? [])) {
      // A consent or education note names a failed fusion as a risk of the operation it talks about.
      m.assertion = { ...m.assertion, hypothetical: true, cues: [...m.assertion.cues, { category: "hypothetical", ...doc.cue!, rule: `document:${doc.kind}` }] };
      continue;
    }
    if (m.type === "surgery" && m.kind === "surgical_context" && verbOfStudy(m, bySentence.get(m.sentence) ?? [])) {
      m.aboutStudy = true;
      continue;
    }
    if (!namesOperation(m)) continue;
    const sentence = bySentence.get(m.sentence) ?? [];
    const study = namesStudy(m, sentence);
    let verbFact: VerbFact | null | undefined;
    // `doneOnly`: the caller wants only a verb of doing; the sentence is parsed only if it may hold one.
    const verb = (doneOnly = false) => {
      if (verbFact !== undefined) return verbFact;
      const v = verbOf(m, doneOnly);
      if (v !== null || !doneOnly) verbFact = v;
      return v;
    };
    const operation = isOperation(m, sentence, study, doc, si, verb);
    if (!operation) dropOperationCues(m);
    const fact = statusOf(m, doc, si, operation, study, verb);
    // A fusion seen on a study that is there (not denied, not someone else's, not only hoped for) is a
    // finding, not an operation: it gets no procedure status.
    if (!operation && ACTUAL_STATUSES.has(fact.status)) continue;
    m.procedure = fact;
    const notDone = !ACTUAL_STATUSES.has(fact.status);
    if (fact.status !== "negated" && fact.status !== "other" && notDone !== m.assertion.hypothetical) {
      const cues = m.assertion.cues.filter((c) => c.category !== "hypothetical");
      if (notDone && fact.cue) cues.push({ category: "hypothetical", ...fact.cue });
      m.assertion = { ...m.assertion, hypothetical: notDone, cues };
    }
    // Words inside an operation that was not done, read as a study's finding ("fusion" is also an imaging
    // finding), are not a finding either.
    if (!notDone) continue;
    for (const twin of bySentence.get(m.sentence) ?? []) {
      if (twin !== m && twin.start >= m.start && twin.end <= m.end && twin.type === "imaging_finding") twin.assertion = m.assertion;
    }
  }
}

/**
 * A fusion that is no operation after all (a study's finding) keeps no cue that applies to operations only
 * ("we discussed the CT, which shows C1-C2 fusion": "discussed" says nothing about the finding).
 */
function dropOperationCues(m: Mention): void {
  m.assertion = withoutCues(m.assertion, (c) => contextRule(c.rule)?.targetTypes?.includes(OPERATION_TARGET) === true);
}
