/**
 * Facts pass: causes. How a disease named near a fusion relates to it (tied by a link word, a modifier or a
 * split causal verb; hedged; only the indication of an operation), causes stated in the sentence after the
 * finding, and generic names that stand for the specific disease the note names elsewhere.
 */
import { vocabulary } from "../../lexicon/index.js";
import { loadLexicon } from "../../lexicon/load.js";
import { fold } from "../text.js";
import { isSpaceChar, termTokens } from "../tokens.js";
import type { Sentence } from "../../types.js";
import { isPatientFact, type Mention } from "../mentions.js";
import { between, inSpan, SITE_TYPES, type CauseLink, type Finding } from "./model.js";

/** The position rules of lexicons/links.json causeGap, loaded once. */
interface CauseGapWords {
  maxChars: number;
  maxWords: number;
  listWords: ReadonlySet<string>;
  determiners: ReadonlySet<string>;
  temporalLinks: ReadonlySet<string>;
  splitVerbTo: string;
}

let gapWords: CauseGapWords | undefined;

function causeGap(): CauseGapWords {
  if (gapWords) return gapWords;
  const g = loadLexicon("links.json").causeGap;
  if (!g) throw new Error("lexicons/links.json: causeGap is missing");
  return (gapWords = {
    maxChars: g.maxChars,
    maxWords: g.maxWords,
    listWords: new Set(g.listWords.map(fold)),
    determiners: new Set(g.determiners.map(fold)),
    temporalLinks: new Set(g.temporalLinks.map(fold)),
    splitVerbTo: fold(g.splitVerbTo),
  });
}

/** Characters that separate the words of a modifier gap (white space and parentheses). */
const isGapSeparator = (c: string) => isSpaceChar(c) || c === "(" || c === ")";

/** Characters a word of a modifier may have: letters, digits, apostrophes, slashes, hyphens and en dashes. */
const isModifierChar = (c: string) => (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c === "'" || c === "/" || c === "-" || c === "\u2013";

/**
 * True when `gap` (the text between a cause written first and its fusion) is at most `maxWords` words of
 * letters, digits, hyphens, apostrophes and slashes, separated and followed by spaces, hyphens or parentheses,
 * none of them a list word ("RA and C1-C2 ankylosis", "ankylosis with RA": juxtaposition, not a tie). Read
 * character by character: a regex whose word and separator classes shared the hyphen backtracked exponentially
 * on a line of dashes.
 */
export function modifierGap(gap: string): boolean {
  const { maxChars, maxWords, listWords } = causeGap();
  if (gap.length > maxChars) return false;
  const last = gap[gap.length - 1];
  if (last !== undefined && !isGapSeparator(last) && last !== "-") return false;
  const folded = fold(gap);
  let words = 0;
  let word = "";
  const close = (): boolean => {
    let k = 0;
    while (k < word.length && word[k] === "-") k++;
    const bare = word.slice(k);
    word = "";
    if (!bare.length || [...bare].every((c) => c === "-")) return true;
    words++;
    for (const c of bare) if (!isModifierChar(c)) return false;
    return !listWords.has(bare) && words <= maxWords;
  };
  for (const c of folded) {
    if (isGapSeparator(c)) {
      if (!close()) return false;
    } else word += c;
  }
  return close();
}

/** Whether every token of text[start, end) is one of `allowed` or an opening parenthesis or hyphen. */
function onlyWords(text: string, start: number, end: number, allowed: ReadonlySet<string>): boolean {
  if (end < start) return false;
  return termTokens(fold(text.slice(start, end))).every((t) => allowed.has(t) || t === "(" || t === "-");
}

/**
 * "after" and "following" tie a fusion to what came before it ("fusion after discitis"); between a cause
 * named first and a later fusion they only order events ("JIA since childhood, referred after a CT that
 * showed O-C1 fusion").
 */
function isTemporalLink(text: string, link: Mention): boolean {
  const words = termTokens(fold(text.slice(link.start, link.end)));
  return words.length === 1 && causeGap().temporalLinks.has(words[0]!);
}

/** "attribute this ankylosis to her RA": between the fusion phrase and the cause, "to" and determiners only. */
function toBeforeCause(text: string, start: number, end: number): boolean {
  const words = termTokens(fold(text.slice(start, end)));
  const { splitVerbTo, determiners } = causeGap();
  return words[0] === splitVerbTo && words.slice(1).every((t) => determiners.has(t) || t === "-");
}

/** How a disease cause in the same clause relates to the fusion. */
export function linkCause(text: string, finding: Mention, cause: Mention, clauseMentions: readonly Mention[]): CauseLink {
  const gap = between(finding, cause);
  const causeFirst = cause.end <= finding.start;
  const links = clauseMentions.filter(
    (x) => x.type === "link" && x.kind === "causal" && inSpan(x, gap) && !(causeFirst && isTemporalLink(text, x)),
  );
  const indications = clauseMentions.filter((x) => x.type === "link" && x.kind === "indication" && inSpan(x, gap) && finding.end <= cause.start);
  const hedges = clauseMentions.filter((x) => x.type === "link" && x.kind === "hedge" && (inSpan(x, gap) || (x.end <= cause.start && cause.start - x.end < 30)));
  const gapText = text.slice(gap.start, gap.end);
  const modifier = cause.end <= finding.start && modifierGap(gapText);
  // "I would attribute this ankylosis (of C1-C2) to her rheumatoid disease", "attributed the C1-C2 fusion to her
  // seronegative RA": a split causal verb (or a causal word used as one) before the fusion, "to" before the cause.
  const splitVerb =
    finding.end <= cause.start &&
    toBeforeCause(text, lastSiteOrFindingEnd(finding, cause, clauseMentions), cause.start) &&
    clauseMentions.some((x) => x.type === "link" && (x.kind === "causal_verb" || x.kind === "causal") && x.end <= finding.start && finding.start - x.end < 20);
  // "due to RA, ...", "sequelae of ankylosing spondylitis: ankylosis ..." -- a link right before the cause.
  const leading = clauseMentions.some((x) => x.type === "link" && x.kind === "causal" && x.end <= cause.start && onlyWords(text, x.end, cause.start, causeGap().determiners));
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
