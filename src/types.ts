/**
 * Plain data passed between pipeline stages. Every offset is a UTF-16 index into the
 * note exactly as received: [start, end), so `text.slice(start, end)` shows the words.
 */

export interface Span {
  start: number;
  end: number;
}

export interface Evidence extends Span {
  text: string;
}

import { SECTION_KINDS, type SectionKind } from "./domain.js";
export { SECTION_KINDS, type SectionKind };

export interface Section extends Span {
  kind: SectionKind;
  /** The header words as written (e.g. "IMPRESSION"), or null for the text before the first header. */
  header: Evidence | null;
  /** Where the section's body starts (after the header and its colon). */
  bodyStart: number;
}

export interface Sentence extends Span {
  /** Index of the section the sentence starts in. */
  section: number;
  /** A line break lies between the sentence before and this one (true for the first). */
  newLine: boolean;
  /** The punctuation that closes the sentence (".", ";", ":", "?", "!", "|"), or "" when none does. */
  closer: string;
  /** Where its words start: after any bullet, list number or parenthesis that opens it. */
  wordsStart: number;
}

export const CONTEXT_CATEGORIES = ["negated", "uncertain", "hypothetical", "historical", "experiencer"] as const;
export type ContextCategory = (typeof CONTEXT_CATEGORIES)[number];

export type Experiencer = "patient" | "other";

export interface Assertion {
  negated: boolean;
  uncertain: boolean;
  hypothetical: boolean;
  historical: boolean;
  experiencer: Experiencer;
}

/** The trigger (or section default) that set one assertion attribute. */
export interface Cue extends Evidence {
  category: ContextCategory;
  /** Id of the lexicon rule that fired, or "section:<kind>" for a section default. */
  rule: string;
}

export interface AssertedSpan extends Assertion {
  cues: Cue[];
}
