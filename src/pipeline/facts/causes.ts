/**
 * Facts pass: causes. How a disease named near a fusion relates to it (tied by a link word, a modifier or a
 * split causal verb; hedged; only the indication of an operation), causes stated in the sentence after the
 * finding, and generic names that stand for the specific disease the note names elsewhere.
 */
import { vocabulary } from "../../lexicon/index.js";
import type { Sentence } from "../../types.js";
import { isPatientFact, type Mention } from "../mentions.js";
import { between, inSpan, SITE_TYPES, type CauseLink, type Finding } from "./model.js";

/**
 * Words between a cause written as a modifier and its fusion: adjectives and site words ("rheumatoid
 * atlantoaxial ankylosis", "RA-related C1-C2 ankylosis"), at most three. A conjunction, "with" or a comma
 * makes it a list ("RA and C1-C2 ankylosis", "ankylosis, RA"): juxtaposition, not a tie.
 */
export const GAP_MAX_CHARS = 40;

export const GAP_MAX_WORDS = 3;

export const GAP_WORD = /^[a-z0-9'/\u2013-]+$/i;

/**
 * True when `gap` is at most three words of letters, digits, hyphens, apostrophes and slashes, separated
 * and followed by spaces, hyphens or parentheses. Written as a split, not one regex: a word class and a
 * separator class that share the hyphen made the regex backtrack exponentially on a line of dashes.
 */
export function modifierGap(gap: string): boolean {
  if (gap.length > GAP_MAX_CHARS) return false;
  if (gap.length && !/[\s\-()]$/.test(gap)) return false;
  const words = gap.split(/[\s()]+/).filter((w) => w.replace(/-/g, "").length > 0);
  return words.length <= GAP_MAX_WORDS && words.every((w) => GAP_WORD.test(w.replace(/^-+/, "")));
}

export const GAP_BREAKS = /(?:^|[\s(])(?:and|or|with|without|plus|vs|versus|&)(?=[\s)]|$)/i;

/**
 * "after" and "following" tie a fusion to what came before it ("fusion after discitis"); between a cause
 * named first and a later fusion they only order events ("JIA since childhood, referred after a CT that
 * showed O-C1 fusion").
 */
export const TEMPORAL_LINK = /^(?:after|following)$/i;

/** "attribute this ankylosis to her RA": the verb before the fusion, "to" just before the cause. */
export const TO_BEFORE_CAUSE = /^\s+to\s+(?:(?:her|his|their|the|underlying|known|long-standing|longstanding)\s+)*$/i;

/** How a disease cause in the same clause relates to the fusion. */
export function linkCause(text: string, finding: Mention, cause: Mention, clauseMentions: readonly Mention[]): CauseLink {
  const gap = between(finding, cause);
  const causeFirst = cause.end <= finding.start;
  const links = clauseMentions.filter(
    (x) => x.type === "link" && x.kind === "causal" && inSpan(x, gap) && !(causeFirst && TEMPORAL_LINK.test(text.slice(x.start, x.end))),
  );
  const indications = clauseMentions.filter((x) => x.type === "link" && x.kind === "indication" && inSpan(x, gap) && finding.end <= cause.start);
  const hedges = clauseMentions.filter((x) => x.type === "link" && x.kind === "hedge" && (inSpan(x, gap) || (x.end <= cause.start && cause.start - x.end < 30)));
  const gapText = text.slice(gap.start, gap.end);
  const modifier = cause.end <= finding.start && modifierGap(gapText) && !GAP_BREAKS.test(gapText);
  // "I would attribute this ankylosis (of C1-C2) to her rheumatoid disease", "attributed the C1-C2 fusion to her
  // seronegative RA": a split causal verb (or a causal word used as one) before the fusion, "to" before the cause.
  const splitVerb =
    finding.end <= cause.start &&
    TO_BEFORE_CAUSE.test(text.slice(lastSiteOrFindingEnd(finding, cause, clauseMentions), cause.start)) &&
    clauseMentions.some((x) => x.type === "link" && (x.kind === "causal_verb" || x.kind === "causal") && x.end <= finding.start && finding.start - x.end < 20);
  // "due to RA, ...", "sequelae of ankylosing spondylitis: ankylosis ..." -- a link right before the cause.
  const leading = clauseMentions.some((x) => x.type === "link" && x.kind === "causal" && x.end <= cause.start && /^[\s(]*(?:the |his |her |their |known |underlying )*$/i.test(text.slice(x.end, cause.start)));
  links.push(...(leading && !links.length ? clauseMentions.filter((x) => x.type === "link" && x.kind === "causal" && x.end <= cause.start && cause.start - x.end < 30) : []));
  const tied = links.length > 0 || modifier || splitVerb || indications.length > 0;
  const hedged = hedges.length > 0 || cause.assertion.uncertain;
  return { mention: cause, cause: cause.cause!, tied, hedged, indicationOnly: tied && !links.length && !modifier && !splitVerb };
}

/** Where the fusion phrase ends before its cause: the fusion word, or a site word right after it ("ankylosis of C1-C2"). */
export function lastSiteOrFindingEnd(finding: Mention, cause: Mention, clauseMentions: readonly Mention[]): number {
  let end = finding.end;
  for (const x of clauseMentions) if (SITE_TYPES.has(x.type) && x.start >= finding.end && x.end <= cause.start && x.end > end) end = x.end;
  return end;
}

/**
 * "Juvenile ankylosing spondylitis ... C1-C2 ankylosis caused by the spondylitis", "seronegative RA ... ankylosis
 * due to RA": a tie to the generic name stands for the specific disease the note affirms elsewhere
 * (lexicons/etiology.json specificCauses).
 */
export function resolveGenericCauses(findings: Finding[], mentions: readonly Mention[]): void {
  const { specificCauses } = vocabulary();
  const named = new Set(mentions.filter((m) => m.type === "etiology" && m.cause && isPatientFact(m) && !m.assertion.uncertain).map((m) => m.cause!));
  for (const f of findings) {
    for (const link of f.causes) {
      const specific = link.tied ? specificCauses.get(link.cause)?.find((c) => named.has(c)) : undefined;
      if (specific) link.cause = specific;
    }
  }
}

/**
 * "C1-C2 ankylosis on CT. It is due to her RA." / "Acquired (degenerative), no surgery." A sentence with no
 * fusion word of its own that opens by referring back (lexicons/links.json, kind anaphora) and states a
 * cause or acquired wording speaks about the finding(s) of the sentence just before it, in the same section.
 */
export function attachFollowingSentences(text: string, sentences: readonly Sentence[], bySentence: Map<number, Mention[]>, findings: Finding[]): void {
  const bySent = new Map<number, Finding[]>();
  for (const f of findings) bySent.set(f.mention.sentence, [...(bySent.get(f.mention.sentence) ?? []), f]);
  for (const [si, list] of bySentence) {
    if (bySent.has(si)) continue;
    const sentence = sentences[si]!;
    // Opens by referring back ("It", "This", "The fusion") or by naming the cause ("Etiology: ...", "Due to ...").
    const opener = list.find((x) => x.type === "link" && (x.kind === "anaphora" || x.kind === "causal" || x.kind === "study") && x.start === sentence.wordsStart);
    if (!opener) continue;
    let target: Finding[] | undefined;
    for (let back = 1; back <= 2 && !target; back++) {
      const prev = si - back;
      if (prev < 0 || sentences[prev]!.section !== sentence.section) break;
      target = bySent.get(prev);
    }
    if (!target) continue;
    const acquired = list.filter((x) => x.type === "etiology" && x.kind === "acquired" && !x.assertion.negated && x.assertion.experiencer === "patient");
    const causes = list.filter((x) => x.type === "etiology" && x.kind === "disease" && x.cause && !x.assertion.negated && !x.assertion.hypothetical && x.assertion.experiencer === "patient");
    for (const f of target) {
      if (acquired.length && f.origin === "unknown") {
        f.origin = "acquired";
        f.originMentions = acquired;
        f.acquired.push(...acquired);
      }
      for (const c of causes) {
        if (f.causes.some((k) => k.mention === c)) continue;
        const hedged = c.assertion.uncertain || list.some((x) => x.type === "link" && x.kind === "hedge" && x.end <= c.start);
        const linked = list.some((x) => x.type === "link" && x.kind === "causal" && x.end <= c.start) || acquired.some((a) => a.end <= c.start);
        f.causes.push({ mention: c, cause: c.cause!, tied: linked, hedged, indicationOnly: false });
      }
    }
  }
}
