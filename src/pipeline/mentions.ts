/**
 * Stage 5: mentions. Each scan hit is placed in its sentence and section and given its assertion by the
 * context engine (one call per sentence, all the sentence's hits as targets).
 */
import type { AssertedSpan, Cue, Section, SectionKind, Sentence } from "../types.js";
import { assertTargets } from "./context.js";
import type { Hit } from "./scan.js";
import type { ProcedureFact } from "./status.js";

export interface Mention extends Hit {
  /** Index in the note's mention list. */
  index: number;
  text: string;
  sentence: number;
  section: SectionKind;
  assertion: AssertedSpan;
  /** For operations (stage status.ts): what happened to it and the cue that decided; null for other mentions. */
  procedure: ProcedureFact | null;
  /** A surgery verb that speaks of a study ("CT of the cervical spine performed 11 Feb"), set by the status stage. */
  aboutStudy: boolean;
}

/** Hit types that are cues for other stages rather than clinical mentions of their own. */
const NO_ASSERTION = new Set(["link"]);

export function buildMentions(text: string, sections: readonly Section[], sentences: readonly Sentence[], hits: readonly Hit[]): Mention[] {
  const mentions: Mention[] = [];
  let h = 0;
  const sorted = [...hits].sort((a, b) => a.start - b.start);
  for (let si = 0; si < sentences.length && h < sorted.length; si++) {
    const sent = sentences[si]!;
    while (h < sorted.length && sorted[h]!.start < sent.start) h++;
    const inSentence: Hit[] = [];
    while (h < sorted.length && sorted[h]!.start < sent.end) {
      const hit = sorted[h]!;
      if (hit.end <= sent.end) inSentence.push(hit);
      h++;
    }
    if (!inSentence.length) continue;
    const kind = sections[sent.section]!.kind;
    const targets = inSentence.filter((x) => !NO_ASSERTION.has(x.type)).map((x) => ({ start: x.start, end: x.end, type: x.type, operation: namesOperation(x) }));
    const assertions = assertTargets(text, sent, targets, kind === "other" ? null : kind);
    let t = 0;
    for (const hit of inSentence) {
      const assertion: AssertedSpan = NO_ASSERTION.has(hit.type)
        ? { negated: false, uncertain: false, hypothetical: false, historical: false, experiencer: "patient", cues: [] }
        : assertions[t++]!;
      // One object shape for every mention (no spread): keeps the later stages' property access monomorphic.
      const m: Mention = {
        start: hit.start,
        end: hit.end,
        ref: hit.ref,
        id: hit.id,
        label: hit.label,
        type: hit.type,
        kind: hit.kind,
        cause: hit.cause,
        levels: hit.levels,
        fuzzy: hit.fuzzy,
        index: mentions.length,
        text: text.slice(hit.start, hit.end),
        sentence: si,
        section: kind,
        assertion: withoutOwnWords(assertion, hit),
        procedure: null,
        aboutStudy: false,
      };
      mentions.push(m);
    }
  }
  return mentions;
}

/**
 * A mention's own words cannot assert about it: "no joint space" (a confirming imaging finding) and
 * "no prior surgery" (acquired wording) are not negated by the "no" they start with.
 */
function withoutOwnWords(a: AssertedSpan, hit: Hit): AssertedSpan {
  const own = (c: { start: number; end: number }) => c.end > c.start && c.start >= hit.start && c.end <= hit.end;
  return withoutCues(a, own);
}

/** The assertion with the cues `drop` picks taken out, every attribute recomputed from the cues left. */
export function withoutCues(a: AssertedSpan, drop: (c: Cue) => boolean): AssertedSpan {
  if (!a.cues.some(drop)) return a;
  const cues = a.cues.filter((c) => !drop(c));
  const has = (cat: string) => cues.some((c) => c.category === cat);
  return { negated: has("negated"), uncertain: has("uncertain"), hypothetical: has("hypothetical"), historical: has("historical"), experiencer: has("experiencer") ? "other" : "patient", cues };
}

/**
 * Words that can name an operation: surgery words, an arthrodesis, or the word "fusion"/"fused" itself
 * (which also names a fusion seen on a study). "Ankylosis" and "bony bridging" never name an operation.
 */
export function namesOperation(h: Hit): boolean {
  return h.type === "surgery" || (h.type === "fusion" && (h.kind === "surgical_fusion" || h.id === "fusion"));
}

/** Affirmed for the patient: not negated, not hypothetical, not someone else's (uncertain allowed). */
export function isPatientFact(m: Mention): boolean {
  return !m.assertion.negated && !m.assertion.hypothetical && m.assertion.experiencer === "patient";
}

export function isAffirmed(m: Mention): boolean {
  return isPatientFact(m) && !m.assertion.uncertain;
}
