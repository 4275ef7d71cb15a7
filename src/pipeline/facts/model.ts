/**
 * The facts stage's data: the findings (each fusion the note asserts for the patient, with its site, origin
 * and causes) and the note's facts that the element and routing rules read. Closed lists come from src/domain.ts.
 */
import type { Origin, Region, Site } from "../../domain.js";
import type { Cause } from "../../lexicon/schema.js";
import type { Section, Sentence, Span } from "../../types.js";
import type { Mention } from "../mentions.js";
import type { TargetRegion } from "./target.js";

export type { Origin, Region, Site };

export interface CauseLink {
  mention: Mention;
  cause: Cause;
  /** Stated as the cause of this fusion (a causal link word, or a modifier such as "rheumatoid ankylosis"). */
  tied: boolean;
  /** The cause or its tie is hedged ("likely related to", "possible RA"). */
  hedged: boolean;
  /** Tied only as the indication of a procedure ("fusion for RA instability"): a tie for surgical fusions only. */
  indicationOnly: boolean;
}

export interface Finding {
  mention: Mention;
  /** fusion word, pseudarthrosis, or a congenital fusion named as such (occipitalization of the atlas). */
  kind: "fusion" | "pseudarthrosis" | "congenital_fusion";
  uncertain: boolean;
  site: Site;
  levels: number[];
  regions: Region[];
  siteMentions: Mention[];
  /** Site taken from the note's other findings ("the fusion", "The ankylosis is due to RA"). */
  siteInferred: boolean;
  origin: Origin;
  originMentions: Mention[];
  /** Explicit acquired wording in the clause ("non-surgical", "spontaneous", "acquired"). */
  acquired: Mention[];
  causes: CauseLink[];
  /** Hedge words in the fusion's clause that make its origin uncertain. */
  hedges: Mention[];
  /** The clause sets this fusion apart from another ("separate from the surgical level", "apart from"). */
  setApart: boolean;
}

export interface NoteFacts {
  text: string;
  /** The region of the code checked (M43.21: occipito-atlanto-axial); site "region" is this region. */
  target: TargetRegion;
  mentions: Mention[];
  sentences: Sentence[];
  sections: Section[];
  /** Mentions by sentence index (for rules that look at one sentence at a time). */
  bySentence: Map<number, Mention[]>;
  /** The patient's fusion findings (affirmed or uncertain). */
  findings: Finding[];
  /** Fusion mentions that do not count (negated, hypothetical, someone else's, other senses). */
  setAside: Mention[];
}

export const FINDING_TYPES = new Set(["fusion", "pseudarthrosis"]);

/** Site words too general to compete with levels for a fusion ("C-spine", "spine"). */
export const UNSPECIFIC_KINDS = new Set(["cervical", "spine"]);

export const SITE_TYPES = new Set(["segment", "region", "body_site"]);

export function inSpan(m: Span, s: Span): boolean {
  return m.start >= s.start && m.end <= s.end;
}

export function between(a: Span, b: Span): Span {
  return a.end <= b.start ? { start: a.end, end: b.start } : { start: b.end, end: a.start };
}

export function sentenceMentions(mentions: readonly Mention[]): Map<number, Mention[]> {
  const by = new Map<number, Mention[]>();
  for (const m of mentions) {
    const list = by.get(m.sentence) ?? [];
    list.push(m);
    by.set(m.sentence, list);
  }
  return by;
}
